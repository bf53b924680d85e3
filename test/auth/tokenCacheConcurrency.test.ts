/**
 * The token cache under concurrency: one token request for parallel cold calls in one process
 * (single flight) and across processes (a lease in the context, 60 s by default, recording the
 * run that holds it), a failure recorded by the lease holder so that waiters fail at once with
 * its readable error, versioned writes, and failures that are never cached.
 */
import { AuthenticationError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { RetryBudget } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/retry';
import type { IntegrationContextStore, RunIdentity } from '../../Packs/Base/Scripts/CommonServer/runtime';
import { harness, rejection, T0, type Harness } from './support/fixtures';
import { deferred, FakeFlow } from './support/fakeFlow';
import { cacheFor, cachedBy } from './support/cache';

const NOW_MS = T0 * 1000;
const REFUSED = 'Error in Microsoft authorization. Status: 503, body: server_error';

/** Another process's view of the same context: its own store object, so no in-process single flight. */
function otherProcess(store: IntegrationContextStore): IntegrationContextStore {
  return { read: () => store.read(), write: (data, version) => store.write(data, version) };
}

/** Records the lease of every write. */
function leaseWrites(h: Harness): unknown[] {
  const leases: unknown[] = [];
  const write = h.store.write.bind(h.store);
  h.store.write = (data, version) => (leases.push(data.token_lease), write(data, version));
  return leases;
}

/** A host that knows which runs are alive. */
const runs = (id: string, alive: Record<string, boolean | undefined>): RunIdentity => ({
  id,
  isAlive: (other) => alive[other],
});

describe('TokenCache single flight and lease', () => {
  it('makes one token request for 20 parallel cold calls in one process', async () => {
    const h = harness();
    const gate = deferred<void>();
    const flow = new FakeFlow().answer(async () => {
      await gate.promise;
      return { accessToken: 'shared', expiresIn: 3600 };
    });
    // Separate cache objects (as separate commands would build) over one context.
    const calls = Array.from({ length: 20 }, () => cacheFor(h, flow).getToken());
    gate.resolve();
    const tokens = await Promise.all(calls);
    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(['shared']));
    expect(flow.calls).toHaveLength(1);
  });

  it('writes a 60 s lease, recording the run that holds it when the host has a run identity', async () => {
    const h = harness();
    const leases = leaseWrites(h);
    const flow = new FakeFlow().answer({ accessToken: 'a', expiresIn: 3600 });
    await cacheFor(h, flow, { run: runs('42@host-a', {}) }).getToken();
    expect(leases[0]).toEqual({
      owner: expect.stringMatching(/^[0-9a-f-]{36}$/),
      until: NOW_MS + 60_000,
      run: '42@host-a',
    });
    expect(h.store.data.token_lease).toBeUndefined();

    const bare = harness();
    const bareLeases = leaseWrites(bare);
    await cacheFor(bare, new FakeFlow().answer({ accessToken: 'b', expiresIn: 3600 })).getToken();
    expect(bareLeases[0]).toEqual({ owner: expect.any(String), until: NOW_MS + 60_000 });
  });

  it('waits for another process holding the lease and takes the token it writes', async () => {
    const h = harness();
    const flow = new FakeFlow();
    await h.store.write({ token_lease: { owner: 'other', until: NOW_MS + 30_000 }, unrelated: 'x' }, 0);
    let reads = 0;
    const read = h.store.read.bind(h.store);
    h.store.read = async () => {
      if (++reads === 4) {
        const snap = await read();
        const written = { ...snap.data, ...cachedBy(flow, 'from-peer', T0 + 3595), token_lease: undefined };
        await h.store.write(written, snap.version);
      }
      return read();
    };
    expect(await cacheFor(h, flow).getToken()).toEqual({
      token: 'from-peer',
      fromCache: true,
      shortLived: false,
    });
    expect(flow.calls).toHaveLength(0);
    expect(h.clock.sleeps).toEqual([50, 50, 50]);
  });

  it('takes over when the lease expires without a token', async () => {
    const h = harness();
    const flow = new FakeFlow().answer({ accessToken: 'mine', expiresIn: 3600 });
    await h.store.write({ token_lease: { owner: 'crashed', until: NOW_MS + 200 } }, 0);
    expect((await cacheFor(h, flow).getToken()).token).toBe('mine');
    expect(h.clock.sleeps).toEqual([50, 50, 50, 50]);
    expect(h.store.data.token_lease).toBeUndefined();
  });

  it('honours a lease up to the 60 s lease length ahead, and ignores one further ahead than any lease can be', async () => {
    const h = harness();
    await h.store.write({ token_lease: { owner: 'peer', until: NOW_MS + 60_000 } }, 0);
    await cacheFor(h, new FakeFlow().answer({ accessToken: 'after', expiresIn: 3600 })).getToken();
    expect(h.clock.sleeps.reduce((a, b) => a + b, 0)).toBe(60_000);

    for (const ahead of [60_001, 3_600_000]) {
      const skewed = harness();
      await skewed.store.write({ token_lease: { owner: 'skewed', until: NOW_MS + ahead } }, 0);
      const flow = new FakeFlow().answer({ accessToken: 'mine', expiresIn: 3600 });
      expect((await cacheFor(skewed, flow).getToken()).token).toBe('mine');
      expect(skewed.clock.sleeps).toEqual([]);
    }
  });

  it('takes over at once the lease of a run the host knows to be gone', async () => {
    const h = harness();
    await h.store.write({ token_lease: { owner: 'killed', until: NOW_MS + 59_000, run: '7@host-a' } }, 0);
    const flow = new FakeFlow().answer({ accessToken: 'mine', expiresIn: 3600 });
    const run = runs('8@host-a', { '7@host-a': false });
    expect((await cacheFor(h, flow, { run }).getToken()).token).toBe('mine');
    expect(h.clock.sleeps).toEqual([]);
    expect(flow.calls).toHaveLength(1);
  });

  it.each([
    ['alive', true],
    ['unknown to this host', undefined],
  ])('waits for the lease of a run that is %s', async (_name, alive) => {
    const h = harness();
    await h.store.write({ token_lease: { owner: 'peer', until: NOW_MS + 200, run: '7@host-b' } }, 0);
    const flow = new FakeFlow().answer({ accessToken: 'mine', expiresIn: 3600 });
    await cacheFor(h, flow, { run: runs('8@host-a', { '7@host-b': alive }) }).getToken();
    expect(h.clock.sleeps).toEqual([50, 50, 50, 50]);
  });

  it("waits for another command's lease only within the command's budget, then says when to try again", async () => {
    const h = harness();
    await h.store.write({ token_lease: { owner: 'peer', until: NOW_MS + 30_000 } }, 0);
    const flow = new FakeFlow();
    const error = await rejection(cacheFor(h, flow, { budget: new RetryBudget(1000) }).getToken());
    expect(error.message).toBe('Another command of this instance is requesting a token; try again in 29 s.');
    expect(h.clock.sleeps).toEqual(Array(20).fill(50));
    expect(flow.calls).toHaveLength(0);
  });
});

describe('TokenCache context writes', () => {
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
    let refused = 0;
    // Bounded here so that a cache that never gives up fails this test instead of hanging jest.
    h.store.write = async () => {
      if (++refused > 100_000) throw new Error('the token cache kept writing after 100,000 refusals');
      return undefined;
    };
    const error = await rejection(cacheFor(h, new FakeFlow()).getToken());
    expect(error.message).toBe(
      'The token cache could not be updated in the integration context. Try the command again.',
    );
    expect((error as { code?: string }).code).toBe('CONTEXT_ERROR');
  });
});

describe('TokenCache failures', () => {
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

  it('shares one failure among parallel commands of one process: one token request, nothing cached', async () => {
    const h = harness();
    const flow = new FakeFlow()
      .answer(new AuthenticationError(REFUSED))
      .answer({ accessToken: 'ok', expiresIn: 3600 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => cacheFor(h, flow).getToken()));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill('rejected'));
    expect(results.map((r) => (r as PromiseRejectedResult).reason.message)).toEqual(Array(8).fill(REFUSED));
    expect(flow.calls).toHaveLength(1);
    expect((await cacheFor(h, flow).getToken()).token).toBe('ok');
  });

  it("fails a waiting command at once with the lease holder's readable error, and records no secret", async () => {
    const h = harness();
    const gate = deferred<void>();
    const holderFlow = new FakeFlow().answer(async () => {
      await gate.promise;
      throw new AuthenticationError(
        REFUSED,
        { status: 503 },
        { cause: new Error('client-secret-SECRET-5678') },
      );
    });
    const holder = cacheFor(h, holderFlow).getToken();
    const waiterFlow = new FakeFlow();
    const waiter = cacheFor(h, waiterFlow, { store: otherProcess(h.store) }).getToken();
    gate.resolve();
    const [held, waited] = await Promise.all([rejection(holder), rejection(waiter)]);

    expect(waited).toBeInstanceOf(AuthenticationError);
    expect({ message: waited.message, code: (waited as AuthenticationError).code }).toEqual({
      message: held.message,
      code: 'AUTH_REFUSED',
    });
    expect(waited.message).not.toContain('could not be updated');
    expect(waiterFlow.calls).toHaveLength(0);
    expect(h.store.data.token_lease).toBeUndefined();
    expect(h.store.data.token_failure).toEqual({
      owner: expect.any(String),
      at: expect.any(Number),
      name: 'AuthenticationError',
      code: 'AUTH_REFUSED',
      message: REFUSED,
    });
    expect(JSON.stringify(h.store.data)).not.toContain('SECRET');
  });

  it('does not replay a failure recorded before the command began: it requests its own token', async () => {
    const failure = {
      owner: 'earlier',
      at: NOW_MS - 1000,
      name: 'NetworkError',
      code: 'NETWORK_ERROR',
      message: 'm',
    };
    const h = harness({ context: { token_failure: failure } });
    const flow = new FakeFlow().answer({ accessToken: 'mine', expiresIn: 3600 });
    expect((await cacheFor(h, flow).getToken()).token).toBe('mine');
    expect(flow.calls).toHaveLength(1);
    // A success clears the record.
    expect(h.store.data.token_failure).toBeUndefined();
  });

  it('lets a waiter request its own token when the holder failed with an error it cannot share', async () => {
    const h = harness();
    const gate = deferred<void>();
    const holderFlow = new FakeFlow().answer(async () => {
      await gate.promise;
      throw new Error('unexpected');
    });
    const holder = cacheFor(h, holderFlow).getToken();
    const waiterFlow = new FakeFlow().answer({ accessToken: 'own', expiresIn: 3600 });
    const waiter = cacheFor(h, waiterFlow, { store: otherProcess(h.store) }).getToken();
    gate.resolve();
    expect((await rejection(holder)).message).toBe('unexpected');
    expect((await waiter).token).toBe('own');
    expect(waiterFlow.calls).toHaveLength(1);
  });
});
