/**
 * The token cache fingerprint: SHA-256 (hex) of `identity|scope|resource`, computed through the
 * CryptoPort (the Node and the pure-JS ports agree). It must stay the same across releases so that
 * a context written by an earlier release keeps matching its identity; pinned values guard that.
 */
import { createHash } from 'node:crypto';
import { clientSecretFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/clientSecretFlow';
import { oproxyFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/oproxyFlow';
import type { CryptoPort } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/CryptoPort';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { pureCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/pureCrypto';
import { APP_URL, clientSecretSettings, harness, oproxySettings, T0, type Harness } from './support/fixtures';
import { cacheFor, cachedBy, GRAPH_REQUEST } from './support/cache';

/** A crypto port that counts the calls the cache makes. */
function counted(base: CryptoPort = nodeCrypto) {
  const calls = { randomUUID: 0, randomBytes: 0, sha256: 0 };
  const crypto: CryptoPort = {
    ...base,
    randomUUID: () => (calls.randomUUID++, base.randomUUID()),
    randomBytes: (n) => (calls.randomBytes++, base.randomBytes(n)),
    sha256: (data) => (calls.sha256++, base.sha256(data)),
  };
  return { crypto, calls };
}

function secretCache(h: Harness, crypto: CryptoPort) {
  const flow = clientSecretFlow(clientSecretSettings, h.ctx);
  return { flow, cache: cacheFor(h, flow, { crypto }) };
}

describe('the token cache fingerprint', () => {
  it('is the SHA-256 hex of identity|scope|resource, computed through the CryptoPort', () => {
    const { crypto, calls } = counted();
    const { cache, flow } = secretCache(harness(), crypto);
    const identity = `${flow.identity}|${GRAPH_REQUEST.scope}|${GRAPH_REQUEST.resource}`;
    expect(cache.fingerprint).toBe(createHash('sha256').update(identity, 'utf8').digest('hex'));
    expect(calls.sha256).toBe(1);
  });

  it('is stable across releases: existing contexts keep matching their identity', () => {
    const h = harness();
    expect(cacheFor(h, clientSecretFlow(clientSecretSettings, h.ctx)).fingerprint).toBe(
      '92adfdfc73ad89abbb3421239667529930ff1791868728e01864a5da5d650246',
    );
    expect(cacheFor(h, oproxyFlow(oproxySettings, h.ctx)).fingerprint).toBe(
      '077aac047532071c5986c528cb5dfd3f16146d8ff4179f7e7928312f59d48b86',
    );
  });

  it('is the same with the pure-JS port, which also recognises the credential record the Node port wrote', async () => {
    const written = harness();
    written.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'node', expires_in: 3600 } });
    const byNode = secretCache(written, nodeCrypto).cache;
    await byNode.getToken();

    const h = harness({ context: { ...written.store.data } });
    const byPure = secretCache(h, pureCrypto).cache;
    expect(byPure.fingerprint).toBe(byNode.fingerprint);
    expect(await byPure.getToken()).toEqual({ token: 'node', fromCache: true, shortLived: false });
    h.http.verify();
    written.http.verify();
  });
});

describe('the lease owner and the credential salt', () => {
  it('are not drawn when the cached token is used (no random source needed)', async () => {
    const h = harness();
    const flow = clientSecretFlow(clientSecretSettings, h.ctx);
    await h.store.write(cachedBy(flow, 'cached', T0 + 3000), 0);
    const { crypto, calls } = counted();
    expect(await cacheFor(h, flow, { crypto }).getToken()).toMatchObject({
      token: 'cached',
      fromCache: true,
    });
    expect(calls).toMatchObject({ randomUUID: 0, randomBytes: 0 });
    h.http.verify();
  });

  it('draw one lease owner id (written in the lease) and one salt when a token is requested', async () => {
    const h = harness();
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'fresh', expires_in: 3600 } });
    const writes: unknown[] = [];
    const write = h.store.write.bind(h.store);
    h.store.write = (data, version) => (writes.push(data.token_lease), write(data, version));
    const { crypto, calls } = counted();
    expect(await secretCache(h, crypto).cache.getToken()).toMatchObject({ token: 'fresh', fromCache: false });
    expect(calls).toMatchObject({ randomUUID: 1, randomBytes: 1 });
    expect(writes[0]).toMatchObject({ owner: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    h.http.verify();
  });
});
