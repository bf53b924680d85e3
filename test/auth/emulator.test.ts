/**
 * The module against the emulator: new MicrosoftClient(instance params) → GET users, for the five
 * authentication modes, plus caching, the oproxy Token, refusals and retries end to end.
 */
import { startEmulator, type RunningEmulator } from '../../scripts/emulator';
import {
  AuthenticationError,
  NetworkError,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { MemoryContextStore } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import { emulatorRun } from './support/emulatorHarness';
import { rejection } from './support/fixtures';

type Users = { value: { userPrincipalName: string }[] };
const MODES = [
  'oproxy',
  'clientSecret',
  'certificate',
  'managedIdentitySystem',
  'managedIdentityUser',
] as const;
const KIND = {
  oproxy: 'oproxy',
  clientSecret: 'identity',
  certificate: 'identity',
  managedIdentitySystem: 'imds',
  managedIdentityUser: 'imds',
} as const;

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const tokenCount = () => {
  const c = emu.tokenRequestCounts();
  return c.identity + c.imds + c.oproxy;
};

describe.each(MODES)('%s against the emulator', (mode) => {
  it('lists users with one token request, then reuses the cached token in the next run', async () => {
    const first = emulatorRun(emu, emu.instances[mode]);
    const users = await first.graph.request<Users>({ method: 'GET', path: 'users', query: { $top: 5 } });
    expect(users.status).toBe(200);
    expect(users.data.value.map((u) => u.userPrincipalName)).toContain('alice@contoso.com');
    expect(emu.tokenRequestCounts()[KIND[mode]]).toBe(1);
    expect(tokenCount()).toBe(1);

    const second = emulatorRun(emu, emu.instances[mode], { store: first.store });
    await second.graph.request({ method: 'GET', path: 'users' });
    expect(tokenCount()).toBe(1);
    const graphCalls = emu.requests({ kind: 'graph' });
    expect(graphCalls.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/v1.0/users', 200],
      ['GET', '/v1.0/users', 200],
    ]);
    expect(graphCalls[0].query).toEqual({ $top: '5' });
  });
});

describe('end to end behaviour', () => {
  it('encrypts the Token in every oproxy request and stores the refresh token each answer brings', async () => {
    const run = emulatorRun(emu, emu.instances.oproxy);
    const refreshTokens: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      await run.graph.request({ method: 'GET', path: 'users' });
      const snap = await run.store.read();
      refreshTokens.push(snap.data.current_refresh_token);
      await run.store.write({ ...snap.data, valid_until: 0 }, snap.version);
    }
    expect(emu.tokenRequestCounts().oproxy).toBe(3);
    expect(emu.requests({ kind: 'oproxy' }).map((r) => r.encryptedContent)).toEqual([
      'token',
      'token',
      'token',
    ]);
    expect(new Set(refreshTokens).size).toBe(3);
    expect(refreshTokens.every((t) => typeof t === 'string' && t.startsWith('emu-oproxy-rt-'))).toBe(true);
  });

  it('keeps working with a Python-era oproxy context holding a refresh token: the request encrypts the Token', async () => {
    const first = emulatorRun(emu, emu.instances.oproxy);
    await first.graph.request({ method: 'GET', path: 'users' });
    const issued = (await first.store.read()).data.current_refresh_token;
    // What the Python integration leaves: upstream keys only, an expired token, a live refresh token.
    const store = new MemoryContextStore({
      access_token: 'py-token',
      valid_until: 0,
      current_refresh_token: issued,
    });
    emu.clearRequests();

    const run = emulatorRun(emu, emu.instances.oproxy, { store });
    expect((await run.graph.request({ method: 'GET', path: 'users' })).status).toBe(200);
    expect(emu.requests({ kind: 'oproxy' }).map((r) => [r.status, r.encryptedContent])).toEqual([
      [200, 'token'],
    ]);
    expect((await store.read()).data.current_refresh_token).not.toBe(issued);
  });

  it('retries a dropped oproxy answer once with the Token: nothing is lost, the command succeeds', async () => {
    const run = emulatorRun(emu, emu.instances.oproxy);
    await run.graph.request({ method: 'GET', path: 'users' });
    const snap = await run.store.read();
    await run.store.write({ ...snap.data, valid_until: 0 }, snap.version);
    emu.addFault({ method: 'POST', path: '/obtain-token', dropResponse: true });

    expect((await run.graph.request({ method: 'GET', path: 'users' })).status).toBe(200);

    const oproxy = emu.requests({ kind: 'oproxy' });
    expect(oproxy.map((r) => r.status ?? r.fault)).toEqual([200, 'dropResponse', 200]);
    expect(oproxy.map((r) => r.encryptedContent)).toEqual(['token', 'token', 'token']);
    const stored = (await run.store.read()).data.current_refresh_token;
    expect(typeof stored === 'string' && stored.startsWith('emu-oproxy-rt-')).toBe(true);
  });

  it('recovers without auth-reset when the command whose oproxy answers were lost failed', async () => {
    const run = emulatorRun(emu, emu.instances.oproxy);
    await run.graph.request({ method: 'GET', path: 'users' });
    const snap = await run.store.read();
    await run.store.write({ ...snap.data, valid_until: 0 }, snap.version);
    emu.addFault({ method: 'POST', path: '/obtain-token', dropResponse: true });
    emu.addFault({ method: 'POST', path: '/obtain-token', reset: true });
    expect(await rejection(run.graph.request({ method: 'GET', path: 'users' }))).toBeInstanceOf(NetworkError);

    const next = emulatorRun(emu, emu.instances.oproxy, { store: run.store });
    expect((await next.graph.request({ method: 'GET', path: 'users' })).status).toBe(200);
    expect(emu.requests({ kind: 'oproxy' }).map((r) => r.status ?? r.fault)).toEqual([
      200,
      'dropResponse',
      'reset',
      200,
    ]);
  });

  it('signs PS256 with x5t#S256 when given the certificate, and the emulator accepts it', async () => {
    const certificatePem = emu.credentials.certificateApp.certificates[0].certificatePem;
    const run = emulatorRun(emu, emu.instances.certificate, {
      extra: { certificate: { algorithm: 'PS256', certificatePem } },
    });
    expect((await run.graph.request({ method: 'GET', path: 'users' })).status).toBe(200);
  });

  it('reports a wrong client secret with the AADSTS code and without the secret', async () => {
    const params = {
      ...emu.instances.clientSecret,
      credentials_enc_key: { identifier: '', password: 'wrong-secret-value-123' },
    };
    const error = (await rejection(
      emulatorRun(emu, params).graph.request({ method: 'GET', path: 'users' }),
    )) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(
      /^Error in Microsoft authorization\. Status: 401, body: invalid_client\. \n/,
    );
    expect(error.aadstsCodes).toEqual([7000215]);
    expect(error.message).not.toContain('wrong-secret-value-123');
    expect(emu.requests({ kind: 'graph' })).toHaveLength(0);
  });

  it('reports an unknown user-assigned identity with upstream prefix', async () => {
    const params = {
      ...emu.instances.managedIdentityUser,
      managed_identities_client_id: { identifier: '', password: '99999999-9999-4999-8999-999999999999' },
    };
    const error = await rejection(emulatorRun(emu, params).graph.request({ method: 'GET', path: 'users' }));
    expect(error.message).toMatch(
      /^Error in Microsoft authorization with Azure Managed Identities: .*[Ii]dentity not found/,
    );
    expect(emu.tokenRequestCounts().imds).toBe(1);
  });

  it('retries a throttled Graph call after Retry-After and a 401 on a cached token with a new token', async () => {
    const run = emulatorRun(emu, emu.instances.clientSecret);
    await run.graph.request({ method: 'GET', path: 'users' });
    emu.addFault({ method: 'GET', path: '/v1.0/users', status: 429, retryAfter: 2 });
    await run.graph.request({ method: 'GET', path: 'users' });
    expect(run.clock.sleeps).toEqual([2000]);
    emu.addFault({ method: 'GET', path: '/v1.0/users', status: 401 });
    await run.graph.request({ method: 'GET', path: 'users' });
    expect(emu.tokenRequestCounts().identity).toBe(2);
  });

  it('follows the emulator next link and refuses a foreign one', async () => {
    const run = emulatorRun(emu, emu.instances.clientSecret);
    const page = await run.graph.request<{ '@odata.nextLink'?: string }>({
      method: 'GET',
      path: 'users/alice%40contoso.com/events',
      query: { $top: 1 },
    });
    const next = page.data['@odata.nextLink'];
    expect(next?.startsWith(run.graph.baseUrl)).toBe(true);
    expect((await run.graph.request({ method: 'GET', path: next as string })).status).toBe(200);
    const foreign = (next as string).replace('127.0.0.1', 'localhost');
    expect((await rejection(run.graph.request({ method: 'GET', path: foreign }))).message).toMatch(
      /^The next_link argument must be a Microsoft Graph link under the configured Server URL/,
    );
  });

  it('makes one token request for 20 parallel cold calls sharing one context', async () => {
    const store = new MemoryContextStore();
    const runs = Array.from({ length: 20 }, () => emulatorRun(emu, emu.instances.oproxy, { store }));
    const results = await Promise.all(runs.map((r) => r.graph.request({ method: 'GET', path: 'users' })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(emu.tokenRequestCounts()).toEqual({ identity: 0, imds: 0, oproxy: 1 });
  });
});
