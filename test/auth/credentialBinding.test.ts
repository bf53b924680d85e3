/**
 * A cached token is bound to the credential it was obtained with, not only to the identity: after
 * a changed client secret, certificate, private key, oproxy ID, Token or Key, or managed identity
 * client ID, the next command requests a new token. `getAccessToken({ fresh: true })` (the Test
 * button) never returns a token cached before the call. The context keeps only a salted keyed
 * digest of the credential: no plain digest of a secret, and a different one per context.
 */
import { createHash } from 'node:crypto';
import { createAuthFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/createAuthFlow';
import type { MemoryContextStore } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import {
  APP_URL,
  certificateParams,
  clientFor,
  clientSecretParams,
  credential,
  harness,
  managedIdentityParams,
  OPROXY_URL,
  oproxyParams,
  T0,
  type Harness,
  type Params,
} from './support/fixtures';
import { selfSignedCertificate } from './support/certificate';
import { CREDENTIAL_RECORD } from './support/cache';

const cert = selfSignedCertificate();
const other = selfSignedCertificate();
const IMDS = /^http:\/\/169\.254\.169\.254\/metadata\/identity\/oauth2\/token\?/;
const MI_A = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const MI_B = 'bbbbbbbb-cccc-dddd-eeee-ffffffffffff';

interface Change {
  readonly name: string;
  readonly before: Params;
  readonly after: Params;
  readonly method: 'POST' | 'GET';
  readonly url: string | RegExp;
}

const changes: Change[] = [
  {
    name: 'client secret',
    before: clientSecretParams,
    after: { ...clientSecretParams, credentials_enc_key: credential('a-new-client-secret-9999') },
    method: 'POST',
    url: APP_URL,
  },
  {
    name: 'certificate (thumbprint and private key)',
    before: certificateParams(cert.privateKeyPem, cert.thumbprint),
    after: certificateParams(other.privateKeyPem, other.thumbprint),
    method: 'POST',
    url: APP_URL,
  },
  {
    name: 'private key alone',
    before: certificateParams(cert.privateKeyPem, cert.thumbprint),
    after: certificateParams(other.privateKeyPem, cert.thumbprint),
    method: 'POST',
    url: APP_URL,
  },
  {
    name: 'oproxy ID',
    before: oproxyParams,
    after: { ...oproxyParams, credentials_auth_id: credential(`another_auth_id@${OPROXY_URL}`) },
    method: 'POST',
    url: OPROXY_URL,
  },
  {
    name: 'oproxy Token',
    before: oproxyParams,
    after: { ...oproxyParams, credentials_tenant_id: credential('a-new-oproxy-token-7777') },
    method: 'POST',
    url: OPROXY_URL,
  },
  {
    name: 'oproxy Key',
    before: oproxyParams,
    after: { ...oproxyParams, credentials_enc_key: credential(Buffer.alloc(32, 9).toString('base64')) },
    method: 'POST',
    url: OPROXY_URL,
  },
  {
    name: 'managed identity client ID (system-assigned to user-assigned)',
    before: managedIdentityParams,
    after: { ...managedIdentityParams, managed_identities_client_id: credential(MI_A) },
    method: 'GET',
    url: IMDS,
  },
  {
    name: 'managed identity client ID (one user-assigned identity to another)',
    before: { ...managedIdentityParams, managed_identities_client_id: credential(MI_A) },
    after: { ...managedIdentityParams, managed_identities_client_id: credential(MI_B) },
    method: 'GET',
    url: IMDS,
  },
];

const granted = (token: string) => ({ status: 200, body: { access_token: token, expires_in: 3600 } });

describe.each(changes)('after a successful command, a changed $name', ({ before, after, method, url }) => {
  it('makes getAccessToken({ fresh: false }) request a new token instead of reusing the cached one', async () => {
    const h = harness();
    h.http.expect(method, url, granted('old'));
    expect(await clientFor(h, before).getAccessToken()).toBe('old');
    // Unchanged settings reuse the cached token: the request below is due to the change alone.
    expect(await clientFor(h, before).getAccessToken({ fresh: false })).toBe('old');
    expect(h.http.requests).toHaveLength(1);

    h.http.expect(method, url, granted('new'));
    expect(await clientFor(h, after).getAccessToken({ fresh: false })).toBe('new');
    expect(h.http.requests).toHaveLength(2);
    expect(h.store.data.access_token).toBe('new');
    // And the new token is not reused by the old settings either.
    h.http.expect(method, url, granted('old-again'));
    expect(await clientFor(h, before).getAccessToken()).toBe('old-again');
    h.http.verify();
  });
});

describe('getAccessToken({ fresh: true })', () => {
  it('never returns a token cached before the call, and caches the new one for the next command', async () => {
    const h = harness();
    h.http.expect('POST', APP_URL, granted('cached'));
    await clientFor(h, clientSecretParams).getAccessToken();
    h.http.expect('POST', APP_URL, granted('fresh'));
    expect(await clientFor(h, clientSecretParams).getAccessToken({ fresh: true })).toBe('fresh');
    expect(await clientFor(h, clientSecretParams).getAccessToken()).toBe('fresh');
    h.http.verify();
  });

  it('is not satisfied by a cached token even within one command', async () => {
    const h = harness();
    const client = clientFor(h, clientSecretParams);
    h.http.expect('POST', APP_URL, granted('first'));
    h.http.expect('POST', APP_URL, granted('second'));
    expect(await client.getAccessToken({ fresh: true })).toBe('first');
    expect(await client.getAccessToken({ fresh: true })).toBe('second');
    expect(await client.getAccessToken()).toBe('second');
    h.http.verify();
  });

  it('takes a token another command obtained while it waited for that command (not cached before the call)', async () => {
    const h = harness();
    h.http.expect('POST', APP_URL, granted('before'));
    await clientFor(h, clientSecretParams).getAccessToken();
    const snap = await h.store.read();
    await h.store.write(
      { ...snap.data, token_lease: { owner: 'peer', until: T0 * 1000 + 10_000 } },
      snap.version,
    );
    const read = h.store.read.bind(h.store);
    let reads = 0;
    h.store.read = async () => {
      const current = await read();
      if (++reads !== 3) return current;
      // The peer finishes: its token, obtained after our call began, replaces the cached one.
      const done = {
        ...current.data,
        access_token: 'from-peer',
        valid_until: T0 + 3595,
        token_lease: undefined,
      };
      return (await h.store.write(done, current.version)) ?? current;
    };
    expect(await clientFor(h, clientSecretParams).getAccessToken({ fresh: true })).toBe('from-peer');
    h.http.verify();
  });
});

/** Every unsalted digest of `value` an attacker could test guesses against, in hex and base64. */
function plainDigests(value: string): string[] {
  return ['sha256', 'sha1', 'md5', 'sha512'].flatMap((algorithm) => {
    const digest = createHash(algorithm).update(value, 'utf8').digest();
    const hex = digest.toString('hex');
    return [hex, hex.toUpperCase(), digest.toString('base64'), digest.toString('base64url')];
  });
}

async function afterOneCommand(params: Params, method: 'POST' | 'GET', url: string | RegExp) {
  const h: Harness = harness();
  h.http.expect(method, url, granted('t'));
  await clientFor(h, params).getAccessToken();
  h.http.verify();
  return h.store;
}

const secretsOf: Array<[string, Params, string[], string | RegExp]> = [
  ['client secret', clientSecretParams, ['client-secret-SECRET-5678'], APP_URL],
  ['private key', certificateParams(cert.privateKeyPem, cert.thumbprint), [cert.privateKeyPem], APP_URL],
  [
    'oproxy Token and Key',
    oproxyParams,
    [
      (oproxyParams.credentials_tenant_id as { password: string }).password,
      Buffer.alloc(32, 7).toString('base64'),
    ],
    OPROXY_URL,
  ],
];

describe.each(secretsOf)('the context after a command with a %s', (_name, params, secrets, url) => {
  it('holds no secret and no unsalted digest of it (SHA-256, SHA-1, MD5, SHA-512; hex or base64)', async () => {
    const store = await afterOneCommand(params, 'POST', url);
    const text = JSON.stringify(store.data);
    // The secrets as typed, and the credential the flow authenticates with (it may combine them).
    const h = harness();
    const combined = createAuthFlow(clientFor(h, params).settings, h.ctx).credential;
    const found = [...secrets, combined]
      .flatMap((secret) => [secret, ...plainDigests(secret)])
      .filter((v) => text.includes(v));
    // Positions only: a failure must not print a secret.
    expect(found.map((v) => text.indexOf(v))).toEqual([]);
    expect(store.data.auth_credential).toMatch(CREDENTIAL_RECORD);
  });

  it('holds a different credential digest in each context (random salt), for the same secret', async () => {
    const stores: MemoryContextStore[] = [];
    for (let i = 0; i < 3; i++) stores.push(await afterOneCommand(params, 'POST', url));
    const records = stores.map((s) => String(s.data.auth_credential));
    expect(new Set(records.map((r) => r.split(':')[0])).size).toBe(3);
    expect(new Set(records.map((r) => r.split(':')[1])).size).toBe(3);
  });
});
