import { OproxyFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/oproxyFlow';
import { ClientSecretFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/clientSecretFlow';
import type { AuthFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/AuthFlow';
import { resetAuthContext } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/cache/authKeys';
import { TokenCache } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/cache/tokenCache';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { MemoryContextStore } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import {
  clientSecretSettings,
  harness,
  OPROXY_KEY,
  oproxySettings,
  rejection,
  T0,
  type Harness,
} from './support/fixtures';
import { deferred, FakeFlow } from './support/fakeFlow';

const request = { scope: 'https://graph.microsoft.com/.default', resource: 'https://graph.microsoft.com/' };
const OPROXY_URL = 'https://oproxy.test/obtain-token';
const APP_URL = 'https://login.microsoftonline.com/dummy_tenant/oauth2/v2.0/token';

function cacheFor(h: Harness, flow: AuthFlow, tuning = {}): TokenCache {
  return new TokenCache({
    store: h.store,
    flow,
    clock: h.clock,
    log: h.log,
    crypto: nodeCrypto,
    request,
    tuning,
  });
}

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
    name: 'oproxy with a refresh token',
    build: (h) => new OproxyFlow(oproxySettings, h.ctx),
    url: OPROXY_URL,
    refresh: 'dummy_refresh',
    returned: 'rotated_refresh',
  },
  {
    name: 'oproxy with the Token',
    build: (h) => new OproxyFlow(oproxySettings, h.ctx),
    url: OPROXY_URL,
    refresh: '',
    returned: '',
  },
  {
    name: 'self-deployed',
    build: (h) => new ClientSecretFlow(clientSecretSettings, h.ctx),
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

  it('without a cached context, requests a token and stores upstream keys plus the fingerprint', async () => {
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
    });
    h.http.verify();
  });

  it('with a valid cached token, sends nothing and writes nothing', async () => {
    const h0 = harness();
    const fingerprint = cacheFor(h0, build(h0)).fingerprint;
    const h = harness({
      context: {
        access_token: 'cached',
        valid_until: T0 + 3000,
        current_refresh_token: refresh,
        auth_fingerprint: fingerprint,
      },
    });
    expect(await cacheFor(h, build(h)).getToken()).toEqual({
      token: 'cached',
      fromCache: true,
      shortLived: false,
    });
    expect(h.store.writes).toBe(0);
    h.http.verify();
  });

  it('with an expired token, requests a new one with the cached refresh token and overwrites it', async () => {
    const h0 = harness();
    const fingerprint = cacheFor(h0, build(h0)).fingerprint;
    const h = harness({
      context: {
        access_token: 'old',
        valid_until: T0 - 395,
        current_refresh_token: refresh,
        auth_fingerprint: fingerprint,
      },
    });
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
    if (url === OPROXY_URL)
      expect(encryptedContent(h.http.requests[0].body)).toBe(refresh || oproxySettings.token);
    h.http.verify();
  });
});

describe('TokenCache expiry and identity', () => {
  it('refreshes 60 s before valid_until (upstream used the token until the last second)', async () => {
    const flow = new FakeFlow().answer({ accessToken: 'new', expiresIn: 3600 });
    const h = harness();
    const cache = cacheFor(h, flow);
    await h.store.write(
      { access_token: 'old', valid_until: T0 + 59, auth_fingerprint: cache.fingerprint },
      0,
    );
    expect((await cache.getToken()).token).toBe('new');
    expect(flow.calls).toHaveLength(1);
  });

  it('overwrites a cached refresh token with "" when the oproxy returns none, like upstream', async () => {
    const h0 = harness();
    const fingerprint = cacheFor(h0, new OproxyFlow(oproxySettings, h0.ctx)).fingerprint;
    const h = harness({
      context: {
        access_token: 'old',
        valid_until: T0 - 1,
        current_refresh_token: 'dummy_refresh',
        auth_fingerprint: fingerprint,
      },
    });
    h.http.expect('POST', OPROXY_URL, {
      status: 200,
      body: { access_token: 'dummy_token', expires_in: 3600 },
    });
    await cacheFor(h, new OproxyFlow(oproxySettings, h.ctx)).getToken();
    expect(encryptedContent(h.http.requests[0].body)).toBe('dummy_refresh');
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
    expect((await cacheFor(h, new OproxyFlow(oproxySettings, h.ctx)).getToken()).token).toBe('mine');
    expect(encryptedContent(h.http.requests[0].body)).toBe(oproxySettings.token);
    expect(h.store.data).toMatchObject({ access_token: 'mine', current_refresh_token: 'r2', keep: 1 });
    expect(h.store.data.next_request_time).toBeUndefined();
    h.http.verify();
  });

  it('adopts a Python-era oproxy context once: its valid token, then its refresh token', async () => {
    const h = harness({
      context: { access_token: 'py', valid_until: T0 + 3000, current_refresh_token: 'py_refresh' },
    });
    const cache = cacheFor(h, new OproxyFlow(oproxySettings, h.ctx));
    expect(await cache.getToken()).toEqual({ token: 'py', fromCache: true, shortLived: false });
    expect(h.store.data.auth_fingerprint).toBe(cache.fingerprint);
    h.clock.advance(3000_000);
    h.http.expect('POST', OPROXY_URL, {
      status: 200,
      body: { access_token: 'new', expires_in: 3600, refresh_token: 'r2' },
    });
    expect((await cache.getToken()).token).toBe('new');
    expect(encryptedContent(h.http.requests[0].body)).toBe('py_refresh');
    h.http.verify();
  });

  it('does not adopt a Python-era token for the client-secret flow', async () => {
    const h = harness({ context: { access_token: 'py', valid_until: T0 + 3000, current_refresh_token: '' } });
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'fresh', expires_in: 3600 } });
    expect((await cacheFor(h, new ClientSecretFlow(clientSecretSettings, h.ctx)).getToken()).token).toBe(
      'fresh',
    );
    h.http.verify();
  });

  it('uses a different fingerprint per identity and never stores the identity in clear', () => {
    const h = harness();
    const a = cacheFor(h, new ClientSecretFlow(clientSecretSettings, h.ctx)).fingerprint;
    const b = cacheFor(
      h,
      new ClientSecretFlow({ ...clientSecretSettings, tenantId: 'other' }, h.ctx),
    ).fingerprint;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });

  it('invalidates only the token it was given', async () => {
    const flow = new FakeFlow();
    const h = harness();
    const cache = cacheFor(h, flow);
    await h.store.write(
      {
        access_token: 'cur',
        valid_until: T0 + 3000,
        current_refresh_token: 'r',
        auth_fingerprint: cache.fingerprint,
      },
      0,
    );
    await cache.invalidate('older');
    expect(h.store.data.access_token).toBe('cur');
    await cache.invalidate('cur');
    expect(h.store.data).toEqual({ current_refresh_token: 'r', auth_fingerprint: cache.fingerprint });
  });
});

describe('TokenCache concurrency', () => {
  it('makes one token request for 20 parallel cold calls in one process', async () => {
    const h = harness();
    const gate = deferred<void>();
    const flow = new FakeFlow().answer(async () => {
      await gate.promise;
      return { accessToken: 'shared', expiresIn: 3600 };
    });
    // Separate cache objects (as separate createGraphApi calls would build) over one context.
    const calls = Array.from({ length: 20 }, () => cacheFor(h, flow).getToken());
    gate.resolve();
    const tokens = await Promise.all(calls);
    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(['shared']));
    expect(flow.calls).toHaveLength(1);
  });

  it('waits for another process holding the lease and takes the token it writes', async () => {
    const h = harness();
    const flow = new FakeFlow();
    const cache = cacheFor(h, flow);
    await h.store.write({ token_lease: { owner: 'other', until: T0 * 1000 + 30_000 }, unrelated: 'x' }, 0);
    let reads = 0;
    const read = h.store.read.bind(h.store);
    h.store.read = async () => {
      if (++reads === 4) {
        const snap = await read();
        await h.store.write(
          {
            ...snap.data,
            access_token: 'from-peer',
            valid_until: T0 + 3595,
            auth_fingerprint: cache.fingerprint,
            token_lease: undefined,
          },
          snap.version,
        );
      }
      return read();
    };
    expect(await cache.getToken()).toEqual({ token: 'from-peer', fromCache: true, shortLived: false });
    expect(flow.calls).toHaveLength(0);
    expect(h.clock.sleeps).toEqual([50, 50, 50]);
  });

  it('takes over when the lease expires without a token', async () => {
    const h = harness();
    const flow = new FakeFlow().answer({ accessToken: 'mine', expiresIn: 3600 });
    await h.store.write({ token_lease: { owner: 'crashed', until: T0 * 1000 + 200 } }, 0);
    expect((await cacheFor(h, flow).getToken()).token).toBe('mine');
    expect(h.clock.sleeps).toEqual([50, 50, 50, 50]);
    expect(h.store.data.token_lease).toBeUndefined();
  });

  it('ignores a lease that lies further in the future than any lease can', async () => {
    const h = harness();
    const flow = new FakeFlow().answer({ accessToken: 'mine', expiresIn: 3600 });
    await h.store.write({ token_lease: { owner: 'skewed', until: T0 * 1000 + 3_600_000 } }, 0);
    expect((await cacheFor(h, flow).getToken()).token).toBe('mine');
    expect(h.clock.sleeps).toEqual([]);
  });

  it('keeps keys written concurrently by other commands (versioned writes, retried on conflict)', async () => {
    const h = harness();
    const flow = new FakeFlow().answer({ accessToken: 'mine', expiresIn: 3600, refreshToken: 'r' });
    const write = h.store.write.bind(h.store);
    let conflicts = 0;
    h.store.write = async (data, version) => {
      if (conflicts < 3) {
        conflicts++;
        const snap = await h.store.read();
        await write({ ...snap.data, [`other_${conflicts}`]: conflicts }, snap.version);
      }
      return write(data, version);
    };
    expect((await cacheFor(h, flow).getToken()).token).toBe('mine');
    expect(h.store.data).toMatchObject({
      other_1: 1,
      other_2: 2,
      other_3: 3,
      access_token: 'mine',
      current_refresh_token: 'r',
    });
  });

  it('gives up with a ContextError when the store never accepts a write', async () => {
    const h = harness();
    h.store.write = async () => undefined;
    const error = await rejection(cacheFor(h, new FakeFlow()).getToken());
    expect(error.message).toBe(
      'The token cache could not be updated in the integration context. Try the command again.',
    );
    expect((error as { code?: string }).code).toBe('CONTEXT_ERROR');
  });

  it('never caches a failure and releases the lease', async () => {
    const h = harness();
    const flow = new FakeFlow()
      .answer(new Error('refused'))
      .answer({ accessToken: 'second', expiresIn: 3600 });
    const cache = cacheFor(h, flow);
    expect((await rejection(cache.getToken())).message).toBe('refused');
    expect(h.store.data.token_lease).toBeUndefined();
    expect(h.store.data.access_token).toBeUndefined();
    expect((await cache.getToken()).token).toBe('second');
    expect(flow.calls).toHaveLength(2);
  });

  it('shares one failure among parallel callers without caching it', async () => {
    const h = harness();
    const flow = new FakeFlow().answer(new Error('down')).answer({ accessToken: 'ok', expiresIn: 3600 });
    const cache = cacheFor(h, flow);
    const results = await Promise.allSettled([cache.getToken(), cache.getToken(), cache.getToken()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((await cache.getToken()).token).toBe('ok');
  });
});

describe('resetAuthContext', () => {
  it('removes tokens, refresh token, fingerprint, lease, back-off and per-scope keys, and keeps the rest', async () => {
    const store = new MemoryContextStore({
      access_token: 'a',
      valid_until: 1,
      current_refresh_token: 'r',
      auth_fingerprint: 'f',
      token_lease: { owner: 'o', until: 1 },
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
