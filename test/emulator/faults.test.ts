/** Fault injection: canned statuses, resets, malformed bodies, short token lifetimes, delays, drops. */
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { FaultQueue } from '../../scripts/emulator/faults';
import { appToken, graph, postToken, secretForm, type Json } from './helpers';

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await startEmulator();
  token = await appToken(emu);
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const events = '/v1.0/users/alice@contoso.com/events';

describe('faults', () => {
  it('answers a queued status with Retry-After N times, then serves normally', async () => {
    emu.addFault({ method: 'GET', path: '/v1.0/users/*/events', status: 429, retryAfter: 7, times: 2 });
    for (let i = 0; i < 2; i += 1) {
      const res = await graph(emu, token, 'GET', events);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.json.error.code).toBe('TooManyRequests');
    }
    expect((await graph(emu, token, 'GET', events)).status).toBe(200);
    expect(emu.faults()).toEqual([]);
  });

  it('matches the method and the path pattern only', async () => {
    emu.addFault({ method: 'POST', path: '/v1.0/users/*/events', status: 503 });
    expect((await graph(emu, token, 'GET', events)).status).toBe(200);
    expect((await graph(emu, token, 'GET', '/v1.0/users/alice@contoso.com/calendar')).status).toBe(200);
    expect((await graph(emu, token, 'POST', events, { subject: 'x' })).status).toBe(503);
  });

  it('uses a given body (JSON or text) and headers', async () => {
    emu.addFault({ path: events, status: 500, body: 'plain failure', headers: { 'x-test': '1' } });
    const res = await graph(emu, token, 'GET', events);
    expect([res.status, res.text, res.headers.get('x-test')]).toEqual([500, 'plain failure', '1']);
  });

  it('answers identity, IMDS and oproxy faults in their own error shapes by default', async () => {
    emu.addFault({ path: '/*/oauth2/v2.0/token', status: 503 });
    emu.addFault({ path: '/metadata/identity/oauth2/token', status: 429 });
    emu.addFault({ path: '/obtain-token', status: 500 });
    const identity = await postToken(emu, secretForm(emu));
    expect([identity.status, ((await identity.json()) as Json).error]).toEqual([503, 'server_error']);
    const imds = await fetch(`${emu.url}/metadata/identity/oauth2/token`, { headers: { Metadata: 'true' } });
    expect([imds.status, ((await imds.json()) as Json).error]).toEqual([429, 'temporarily_unavailable']);
    const oproxy = await fetch(`${emu.url}/obtain-token`, { method: 'POST', body: '{}' });
    expect(oproxy.status).toBe(500);
    expect(((await oproxy.json()) as Json).title).toBe('Injected fault');
  });

  it('resets the connection without answering', async () => {
    emu.addFault({ path: events, reset: true });
    await expect(graph(emu, token, 'GET', events)).rejects.toThrow();
    expect((await graph(emu, token, 'GET', events)).status).toBe(200);
  });

  it('answers 200 with a malformed JSON body', async () => {
    emu.addFault({ path: '/*/oauth2/v2.0/token', malformedJson: true });
    const res = await postToken(emu, secretForm(emu));
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
  });

  it('issues a token with a short lifetime (0 = already expired for Graph)', async () => {
    emu.addFault({ path: '/*/oauth2/v2.0/token', tokenLifetimeSeconds: 0 });
    const body = (await (await postToken(emu, secretForm(emu))).json()) as Json;
    expect(body.expires_in).toBe(0);
    const res = await graph(emu, body.access_token, 'GET', events);
    expect(res.status).toBe(401);
    expect(res.json.error.message).toContain('expired');
  });

  it('delays a request, then serves it', async () => {
    emu.addFault({ path: events, delayMs: 50 });
    expect((await graph(emu, token, 'GET', events)).status).toBe(200);
    expect(emu.requests({ kind: 'graph' })[0].fault).toBe('delay');
  });

  it('processes a request then drops the response (the event exists)', async () => {
    emu.addFault({ method: 'POST', path: events, dropResponse: true });
    await expect(graph(emu, token, 'POST', events, { subject: 'dropped' })).rejects.toThrow();
    const found = await graph(emu, token, 'GET', `${events}?$filter=subject eq 'dropped'`);
    expect(found.json.value).toHaveLength(1);
    const [logged] = emu.requests({ method: 'POST' });
    expect(logged.fault).toBe('dropResponse');
    expect(logged.status).toBeUndefined();
  });

  it('refuses a bad fault spec with a message naming the field', () => {
    expect(() => emu.addFault({ path: events })).toThrow(/effect/);
    expect(() => emu.addFault({ path: events, status: 99 })).toThrow(/"status"/);
    expect(() => emu.addFault({ path: events, status: 500, reset: true })).toThrow(/more than one effect/);
    expect(() => emu.addFault({ path: events, status: 500, times: 0 })).toThrow(/"times"/);
  });

  it('lists and clears faults by id', () => {
    const a = emu.addFault({ path: '/a', status: 500 });
    emu.addFault({ path: '/b', status: 500 });
    emu.clearFaults(a);
    expect(emu.faults().map((f) => f.spec.path)).toEqual(['/b']);
    emu.clearFaults();
    expect(emu.faults()).toEqual([]);
  });
});

/** Reference semantics of a fault path glob: `*` is any run of characters, case-insensitive (a plain DP). */
function globReference(glob: string, path: string): boolean {
  const [g, p] = [glob.toLowerCase(), path.toLowerCase()];
  let row = Array.from({ length: p.length + 1 }, (_, j) => j === 0);
  for (const ch of g) {
    const next = [ch === '*' && row[0]];
    for (let j = 1; j <= p.length; j++)
      next[j] = ch === '*' ? next[j - 1] || row[j] : row[j - 1] && p[j - 1] === ch;
    row = next;
  }
  return row[p.length];
}

const matches = (glob: string, path: string): boolean => {
  const queue = new FaultQueue();
  queue.add({ path: glob, status: 500 });
  return queue.take('GET', [path]) !== undefined;
};

describe('fault path patterns', () => {
  it('matches a pattern made of many wildcards without catastrophic backtracking', () => {
    // The watchdog interrupts a match that would otherwise pin a core; a linear matcher needs microseconds.
    const path = `/v1.0/users/${'a'.repeat(5000)}`;
    const run = (glob: string) =>
      runInNewContext('match()', { match: () => matches(glob, path) }, { timeout: 5000 }) as boolean;
    expect(run('**********Z')).toBe(false);
    expect(run(`${'*a'.repeat(40)}*Z`)).toBe(false);
    expect(run('/v1.0/*/*/*/*/*/*/*a')).toBe(false);
    expect(run(`/v1.0/users/*${'a*'.repeat(40)}`)).toBe(true);
  });

  it('treats every other character literally and ignores case, like the reference semantics', () => {
    const alphabet = fc.constantFrom(
      'a',
      'A',
      'b',
      'B',
      '/',
      '.',
      '*',
      '?',
      '(',
      '[',
      '\\',
      '$',
      '^',
      '+',
      '|',
    );
    const text = (max: number) => fc.array(alphabet, { maxLength: max }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text(8), text(12), (glob, path) => {
        expect(matches(glob, path)).toBe(globReference(glob, path));
      }),
      { numRuns: 2000 },
    );
    expect(matches('/v1.0/users/*/events', '/V1.0/USERS/a@b/EVENTS')).toBe(true);
    expect(matches('/a.b', '/aXb')).toBe(false);
    expect(matches('/a*', '/a')).toBe(true);
    expect(matches('', '')).toBe(true);
  });
});
