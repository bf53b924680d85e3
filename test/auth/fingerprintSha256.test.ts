import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256 } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/cache/sha256';
import { hexEncode, utf8Encode } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/encoding';
import { ClientSecretFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/clientSecretFlow';
import { TokenCache } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/cache/tokenCache';
import type { CryptoPort } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/CryptoPort';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { clientSecretSettings, harness, T0, type Harness } from './support/fixtures';

const nodeHex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('the token-cache fingerprint SHA-256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(hexEncode(sha256(utf8Encode('')))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(hexEncode(sha256(utf8Encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hexEncode(sha256(utf8Encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('gives the same digest as node:crypto at every padding boundary', () => {
    for (let length = 0; length <= 200; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(hexEncode(sha256(data))).toBe(nodeHex(data));
    }
  });

  it('gives the same digest as node:crypto for any identity string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const bytes = utf8Encode(text);
        expect(hexEncode(sha256(bytes))).toBe(nodeHex(bytes));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the token cache fingerprint and lease owner', () => {
  const request = { scope: 'https://graph.microsoft.com/.default', resource: 'https://graph.microsoft.com/' };
  const APP_URL = 'https://login.microsoftonline.com/dummy_tenant/oauth2/v2.0/token';

  function counted(h: Harness) {
    const calls = { randomUUID: 0, sha256: 0 };
    const crypto: CryptoPort = {
      ...nodeCrypto,
      randomUUID: () => (calls.randomUUID++, nodeCrypto.randomUUID()),
      sha256: (data) => (calls.sha256++, nodeCrypto.sha256(data)),
    };
    const flow = new ClientSecretFlow(clientSecretSettings, h.ctx);
    const cache = new TokenCache({ store: h.store, flow, clock: h.clock, log: h.log, crypto, request });
    return { cache, calls, flow };
  }

  it('is the SHA-256 hex of identity|scope|resource, computed without the crypto port', () => {
    const { cache, calls, flow } = counted(harness());
    const identity = `${flow.identity}|${request.scope}|${request.resource}`;
    expect(cache.fingerprint).toBe(createHash('sha256').update(identity, 'utf8').digest('hex'));
    expect(calls.sha256).toBe(0);
  });

  it('draws no random lease owner when the cached token is used', async () => {
    const { cache: first } = counted(harness());
    const h = harness({
      context: { access_token: 'cached', valid_until: T0 + 3000, auth_fingerprint: first.fingerprint },
    });
    const { cache, calls } = counted(h);
    expect(await cache.getToken()).toMatchObject({ token: 'cached', fromCache: true });
    expect(calls.randomUUID).toBe(0);
    h.http.verify();
  });

  it('draws one lease owner id, and writes it in the lease, when it requests a token', async () => {
    const h = harness();
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'fresh', expires_in: 3600 } });
    const writes: unknown[] = [];
    const write = h.store.write.bind(h.store);
    h.store.write = (data, version) => (writes.push(data.token_lease), write(data, version));
    const { cache, calls } = counted(h);
    expect(await cache.getToken()).toMatchObject({ token: 'fresh', fromCache: false });
    expect(calls.randomUUID).toBe(1);
    expect(writes[0]).toMatchObject({ owner: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    h.http.verify();
  });
});
