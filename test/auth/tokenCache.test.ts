/**
 * The token cache with real flows over scripted HTTP and with a scripted flow: cold, warm and
 * stale contexts, lifetimes, identities, Python-era contexts, invalidation and auth-reset.
 * Concurrency (single flight, lease, recorded failures) is in tokenCacheConcurrency.test.ts.
 */
import { oproxyFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/oproxyFlow';
import { clientSecretFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/clientSecretFlow';
import type { AuthFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/AuthFlow';
import { resetAuthContext } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/context/authState';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { MemoryContextStore } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import {
  APP_URL,
  clientSecretSettings,
  harness,
  OPROXY_KEY,
  OPROXY_URL,
  oproxySettings,
  rejection,
  T0,
  type Harness,
} from './support/fixtures';
import { FakeFlow } from './support/fakeFlow';
import { cacheFor, cachedBy, CREDENTIAL_RECORD, fingerprintOf } from './support/cache';

/** What the oproxy request encrypted, without the timestamp. */
function encryptedContent(body: string | undefined): string {
  const raw = Buffer.from(JSON.parse(body ?? '{}').encrypted_token, 'base64');
  const plain = nodeCrypto.aesGcmDecrypt(
    Buffer.from(OPROXY_KEY, 'base64'),
    raw.subarray(0, 12),
    raw.subarray(12),
  );
  return Buffer.from(plain).toString().replace(/^\d+:/, '');
}

type Client = {
  name: string;
  build: (h: Harness) => AuthFlow;
  url: string;
  refresh: string;
  returned: string;
};
const clients: Client[] = [
  {
    name: 'oproxy, context with a refresh token',
    build: (h) => oproxyFlow(oproxySettings, h.ctx),
    url: OPROXY_URL,
    refresh: 'dummy_refresh',
    returned: 'rotated_refresh',
  },
  {
    name: 'oproxy, context without a refresh token',
    build: (h) => oproxyFlow(oproxySettings, h.ctx),
    url: OPROXY_URL,
    refresh: '',
    returned: '',
  },
  {
    name: 'self-deployed',
    build: (h) => clientSecretFlow(clientSecretSettings, h.ctx),
    url: APP_URL,
    refresh: '',
    returned: '',
  },
];

describe.each(clients)('TokenCache with $name (cold, warm, stale)', ({ build, url, refresh, returned }) => {
  const answer = {
    status: 200,
    body: { access_token: 'dummy_token', expires_in: 3600, ...(returned ? { refresh_token: returned } : {}) },
  };

  it('without a cached context, requests a token and stores upstream keys, fingerprint and credential record', async () => {
    const h = harness();
    h.http.expect('POST', url, answer);
    const cache = cacheFor(h, build(h));
    expect(await cache.getToken()).toEqual({ token: 'dummy_token', fromCache: false, shortLived: false });
    const { oproxy_nonce_counter: _counter, ...data } = h.store.data;
    expect(data).toEqual({
      access_token: 'dummy_token',
      valid_until: T0 + 3595,
      current_refresh_token: returned,
      auth_fingerprint: cache.fingerprint,
      auth_credential: expect.stringMatching(CREDENTIAL_RECORD),
    });
    h.http.verify();
  });

  it('with a valid cached token of the same identity and credential, sends nothing and writes nothing', async () => {
    const h0 = harness();
    const h = harness({ context: cachedBy(build(h0), 'cached', T0 + 3000, refresh) });
    expect(await cacheFor(h, build(h)).getToken()).toEqual({
      token: 'cached',
      fromCache: true,
      shortLived: false,
    });
    expect(h.store.writes).toBe(0);
    h.http.verify();
  });

  it('with an expired token, requests a new one (oproxy: with the Token) and overwrites the refresh token', async () => {
    const h0 = harness();
    const h = harness({ context: cachedBy(build(h0), 'old', T0 - 395, refresh) });
    h.http.expect('POST', url, answer);
    expect(await cacheFor(h, build(h)).getToken()).toEqual({
      token: 'dummy_token',
      fromCache: false,
      shortLived: false,
    });
    expect(h.store.data).toMatchObject({
      access_token: 'dummy_token',
      valid_until: T0 + 3595,
      current_refresh_token: returned,
    });
    if (url === OPROXY_URL) expect(encryptedContent(h.http.requests[0].body)).toBe(oproxySettings.token);
    h.http.verify();
  });
});

describe('TokenCache expiry and lifetimes', () => {
  it('refreshes 60 s before valid_until (upstream used the token until the last second)', async () => {
    const flow = new FakeFlow().answer({ accessToken: 'new', expiresIn: 3600 });
    const h = harness({ context: cachedBy(new FakeFlow(), 'old', T0 + 59) });
    expect((await cacheFor(h, flow).getToken()).token).toBe('new');
    expect(flow.calls).toHaveLength(1);
  });

  it('overwrites a cached refresh token with "" when the oproxy returns none, like upstream', async () => {
    const h = harness();
    await h.store.write(cachedBy(oproxyFlow(oproxySettings, h.ctx), 'old', T0 - 1, 'dummy_refresh'), 0);
    h.http.expect('POST', OPROXY_URL, {
      status: 200,
      body: { access_token: 'dummy_token', expires_in: 3600 },
    });
    await cacheFor(h, oproxyFlow(oproxySettings, h.ctx)).getToken();
    expect(encryptedContent(h.http.requests[0].body)).toBe(oproxySettings.token);
    expect(h.store.data.current_refresh_token).toBe('');
    h.http.verify();
  });

  it.each([
    [0, true],
    [59, true],
    [60, false],
    [3600, false],
  ])(
    'marks a token granted for %i s as short-lived: %s (shorter than the refresh margin)',
    async (expiresIn, short) => {
      const h = harness();
      const token = await cacheFor(h, new FakeFlow().answer({ accessToken: 't', expiresIn })).getToken();
      expect(token).toEqual({ token: 't', fromCache: false, shortLived: short });
    },
  );

  it('keeps the 5 s margin only when the lifetime allows it', async () => {
    const h = harness();
    await cacheFor(h, new FakeFlow().answer({ accessToken: 'short', expiresIn: 4 })).getToken();
    expect(h.store.data.valid_until).toBe(T0 + 4);
  });

  it.each([
    ['0', 0],
    ['a negative lifetime', -30],
    ['NaN (non-numeric)', NaN],
    ['Infinity', Infinity],
  ])('caches a token granted for %s for upstream default 3595 s', async (_name, expiresIn) => {
    const h = harness();
    await cacheFor(h, new FakeFlow().answer({ accessToken: 't', expiresIn })).getToken();
    expect(h.store.data.valid_until).toBe(T0 + 3590);
  });

  it.each([86_400, 86_401, 1e308])('caches a token granted for %d s for at most a day', async (expiresIn) => {
    const h = harness();
    await cacheFor(h, new FakeFlow().answer({ accessToken: 't', expiresIn })).getToken();
    expect(h.store.data.valid_until).toBe(T0 + 86_395);
  });

  it('reads a huge expires_in from a token endpoint as a day, a non-numeric one as 3595 s', async () => {
    for (const [expiresIn, lifetime] of [
      ['1e308', 86_400],
      ['soon', 3595],
      [-1, 3595],
    ] as const) {
      const h = harness();
      h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 't', expires_in: expiresIn } });
      await cacheFor(h, clientSecretFlow(clientSecretSettings, h.ctx)).getToken();
      expect(h.store.data.valid_until).toBe(T0 + lifetime - 5);
      h.http.verify();
    }
  });
});

describe('TokenCache identities', () => {
  it('never reuses the token or refresh token of another identity', async () => {
    const h = harness({
      context: {
        access_token: 'theirs',
        valid_until: T0 + 3000,
        current_refresh_token: 'their_refresh',
        auth_fingerprint: 'other',
        delay_request_counter: 4,
        next_request_time: T0 + 10,
        keep: 1,
      },
    });
    h.http.expect('POST', OPROXY_URL, {
      status: 200,
      body: { access_token: 'mine', expires_in: 3600, refresh_token: 'r2' },
    });
    expect((await cacheFor(h, oproxyFlow(oproxySettings, h.ctx)).getToken()).token).toBe('mine');
    expect(encryptedContent(h.http.requests[0].body)).toBe(oproxySettings.token);
    expect(h.store.data).toMatchObject({ access_token: 'mine', current_refresh_token: 'r2', keep: 1 });
    expect(h.store.data.next_request_time).toBeUndefined();
    h.http.verify();
  });

  it('adopts a Python-era oproxy context once: its valid token, then a new token for the Token', async () => {
    const h = harness({
      context: { access_token: 'py', valid_until: T0 + 3000, current_refresh_token: 'py_refresh' },
    });
    const flow = oproxyFlow(oproxySettings, h.ctx);
    const cache = cacheFor(h, flow);
    expect(await cache.getToken()).toEqual({ token: 'py', fromCache: true, shortLived: false });
    expect(h.store.data).toMatchObject({
      auth_fingerprint: cache.fingerprint,
      auth_credential: expect.stringMatching(CREDENTIAL_RECORD),
    });
    // Stamped: the next command uses it as its own.
    expect((await cacheFor(h, oproxyFlow(oproxySettings, h.ctx)).getToken()).token).toBe('py');
    h.clock.advance(3000_000);
    h.http.expect('POST', OPROXY_URL, {
      status: 200,
      body: { access_token: 'new', expires_in: 3600, refresh_token: 'r2' },
    });
    expect((await cache.getToken()).token).toBe('new');
    expect(encryptedContent(h.http.requests[0].body)).toBe(oproxySettings.token);
    expect(h.store.data.current_refresh_token).toBe('r2');
    h.http.verify();
  });

  it('keeps the oproxy back-off that a refused first token request recorded (the context is its own)', async () => {
    const h = harness();
    h.http.expect('POST', OPROXY_URL, { status: 400, body: { title: 'Bad request', detail: 'refused' } });
    await rejection(cacheFor(h, oproxyFlow(oproxySettings, h.ctx)).getToken());
    expect(h.store.data).toMatchObject({ next_request_time: T0 + 2, delay_request_counter: 2 });

    const error = await rejection(cacheFor(h, oproxyFlow(oproxySettings, h.ctx)).getToken());
    expect(error.message).toMatch(/^The request will be delayed until /);
    expect(h.http.requests).toHaveLength(1);
    expect(h.store.data).toMatchObject({ next_request_time: T0 + 2, delay_request_counter: 2 });
    h.http.verify();
  });

  it('does not adopt a Python-era token for the client-secret flow', async () => {
    const h = harness({ context: { access_token: 'py', valid_until: T0 + 3000, current_refresh_token: '' } });
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'fresh', expires_in: 3600 } });
    expect((await cacheFor(h, clientSecretFlow(clientSecretSettings, h.ctx)).getToken()).token).toBe('fresh');
    h.http.verify();
  });

  it('uses a different fingerprint per identity and never stores the identity in clear', () => {
    const h = harness();
    const a = cacheFor(h, clientSecretFlow(clientSecretSettings, h.ctx)).fingerprint;
    const b = cacheFor(
      h,
      clientSecretFlow({ ...clientSecretSettings, tenantId: 'other.example' }, h.ctx),
    ).fingerprint;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });

  it('invalidates only the token it was given', async () => {
    const flow = new FakeFlow();
    const h = harness({ context: cachedBy(flow, 'cur', T0 + 3000, 'r') });
    const cache = cacheFor(h, flow);
    await cache.invalidate('older');
    expect(h.store.data.access_token).toBe('cur');
    await cache.invalidate('cur');
    expect(h.store.data).toEqual({
      current_refresh_token: 'r',
      auth_fingerprint: fingerprintOf(flow),
      auth_credential: expect.stringMatching(CREDENTIAL_RECORD),
    });
  });
});

describe('resetAuthContext', () => {
  it('removes tokens, refresh token, fingerprint, credential, lease, failure, back-off and per-scope keys, and keeps the rest', async () => {
    const store = new MemoryContextStore({
      access_token: 'a',
      valid_until: 1,
      current_refresh_token: 'r',
      auth_fingerprint: 'f',
      auth_credential: 'c',
      token_lease: { owner: 'o', until: 1, run: '1@h' },
      token_failure: { owner: 'o', at: 1, name: 'NetworkError', code: 'NETWORK_ERROR', message: 'm' },
      next_request_time: 5,
      delay_request_counter: 3,
      'https://graph.microsoft.com/.default_access_token': 'b',
      'https://graph.microsoft.com/.default_valid_until': 2,
      oproxy_nonce_counter: 12,
      unrelated: 'kept',
    });
    await resetAuthContext(store);
    expect(store.data).toEqual({ oproxy_nonce_counter: 12, unrelated: 'kept' });
  });

  it('writes nothing when there is nothing to reset', async () => {
    const store = new MemoryContextStore({ unrelated: 1 });
    await resetAuthContext(store);
    expect(store.writes).toBe(0);
  });
});
