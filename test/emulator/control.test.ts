/** The request log (redacted), token counters, reset and the /_emulator/ control endpoints. */
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import {
  appToken,
  control as sharedControl,
  graph,
  leaks,
  pick,
  postToken,
  secretForm,
  type Json,
} from './helpers';

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await startEmulator();
  token = await appToken(emu);
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const events = '/v1.0/users/alice@contoso.com/events';

const control = (method: string, path: string, body?: unknown) => sharedControl(emu, method, path, body);

describe('request log', () => {
  it('records method, path, query and headers with the Authorization redacted', async () => {
    await graph(emu, token, 'GET', `${events}?$top=3`, undefined, { 'client-request-id': 'r1' });
    const [logged] = emu.requests({ kind: 'graph' });
    expect(logged).toMatchObject({
      method: 'GET',
      path: events,
      query: { $top: '3' },
      status: 200,
      kind: 'graph',
    });
    expect(logged.headers.authorization).toBe('Bearer [REDACTED]');
    expect(logged.headers['client-request-id']).toBe('r1');
    expect(leaks(JSON.stringify(emu.requests()), token)).toBe(false);
  });

  it('redacts client_secret, client_assertion, refresh_token and code in token requests', async () => {
    const secret = emu.credentials.clientSecretApp.secret ?? '';
    await postToken(emu, secretForm(emu));
    await postToken(emu, {
      grant_type: 'refresh_token',
      refresh_token: 'rt-secret-1',
      client_id: 'x',
      client_secret: secret,
    });
    await postToken(emu, {
      grant_type: 'authorization_code',
      code: 'code-secret-1',
      client_assertion: 'assert-secret-1',
      client_id: 'x',
    });
    const text = JSON.stringify(emu.requests());
    for (const leaked of [secret, 'rt-secret-1', 'code-secret-1', 'assert-secret-1'])
      expect(leaks(text, leaked)).toBe(false);
    expect(emu.requests({ kind: 'identity' })[0].body).toMatchObject({
      client_secret: '[REDACTED]',
      grant_type: 'client_credentials',
    });
  });

  it('redacts access_token fields in request bodies', async () => {
    await graph(emu, token, 'POST', events, { subject: 'x', access_token: 'leak' }).catch(() => undefined);
    expect(leaks(JSON.stringify(emu.requests()), '"leak"')).toBe(false);
  });

  it('filters by kind, method and path prefix; counts token requests per kind; clears both', async () => {
    await postToken(emu, secretForm(emu));
    await postToken(emu, secretForm(emu, { client_secret: 'bad' }));
    await fetch(
      `${emu.url}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://graph.microsoft.com`,
      { headers: { Metadata: 'true' } },
    );
    await graph(emu, token, 'GET', events);
    expect(emu.tokenRequestCounts()).toEqual({ identity: 2, imds: 1, oproxy: 0 });
    expect(emu.requests({ kind: 'identity' })).toHaveLength(2);
    expect(emu.requests({ method: 'get', pathPrefix: '/v1.0/' })).toHaveLength(1);
    emu.clearRequests();
    expect(emu.requests()).toEqual([]);
    expect(emu.tokenRequestCounts()).toEqual({ identity: 0, imds: 0, oproxy: 0 });
  });

  it('keeps at most requestLogLimit entries but keeps counting', async () => {
    const small = await startEmulator({ requestLogLimit: 2 });
    try {
      for (let i = 0; i < 3; i += 1) await postToken(small, secretForm(small));
      expect(small.requests().map((r) => r.seq)).toEqual([2, 3]);
      expect(small.tokenRequestCounts().identity).toBe(3);
    } finally {
      await small.close();
    }
  });
});

describe('control endpoints', () => {
  it('serves the info, queues faults and reads the log over HTTP', async () => {
    const info = await control('GET', 'info');
    expect(pick(info.json, ['url', 'users', 'env'])).toEqual({
      url: emu.url,
      users: emu.users,
      env: emu.env,
    });
    expect(Object.keys(info.json.instances).sort()).toEqual([
      'certificate',
      'clientSecret',
      'managedIdentitySystem',
      'managedIdentityUser',
      'oproxy',
    ]);
    const added = await control('POST', 'faults', [{ method: 'GET', path: events, status: 502 }]);
    expect(added.status).toBe(201);
    expect((await control('GET', 'faults')).json.faults).toHaveLength(1);
    expect((await graph(emu, token, 'GET', events)).status).toBe(502);
    const logged = await control('GET', 'requests?kind=graph');
    expect(logged.json.requests.map((r: Json) => [r.method, r.path, r.status])).toEqual([
      ['GET', events, 502],
    ]);
    expect((await control('GET', 'token-requests')).json).toEqual({ identity: 0, imds: 0, oproxy: 0 });
    expect((await control('DELETE', 'requests')).status).toBe(204);
    expect(emu.requests()).toEqual([]);
  });

  it('refuses a bad fault over HTTP with 400 naming the field', async () => {
    const res = await control('POST', 'faults', { path: events, status: 'soon' });
    expect(res.status).toBe(400);
    expect(res.json.field).toBe('status');
  });

  it('deletes faults over HTTP and does not log control requests', async () => {
    await control('POST', 'faults', { path: events, status: 500 });
    expect((await control('DELETE', 'faults')).status).toBe(204);
    expect(emu.faults()).toEqual([]);
    expect(emu.requests()).toEqual([]);
  });

  it('mints authorization codes over HTTP', async () => {
    const res = await control('POST', 'authorization-codes', { user: 'bob@contoso.com' });
    expect(res.status).toBe(201);
    expect(typeof res.json.code).toBe('string');
  });

  it('POST /_emulator/reset restores the seed data, keeps tokens valid and clears faults', async () => {
    await graph(emu, token, 'POST', events, { subject: 'temporary' });
    emu.addFault({ path: '/nothing', status: 500 });
    expect((await control('POST', 'reset')).status).toBe(204);
    const res = await graph(emu, token, 'GET', `${events}?$filter=subject eq 'temporary'`);
    expect(res.status).toBe(200);
    expect(res.json.value).toEqual([]);
    expect(emu.faults()).toEqual([]);
    expect(((await graph(emu, token, 'GET', `${events}?$top=100`)).json.value as unknown[]).length).toBe(8);
  });

  it('reset restores the same seed ids, and keeps untouched mailboxes as they are', async () => {
    const ids = async (user: string) =>
      (await graph(emu, token, 'GET', `/v1.0/users/${user}/events?$top=100`)).json.value.map(
        (e: Json) => e.id,
      );
    const [alice, bob] = [await ids('alice@contoso.com'), await ids('bob@contoso.com')];
    await graph(emu, token, 'DELETE', `${events}/${alice[0]}`);
    emu.reset();
    expect(await ids('alice@contoso.com')).toEqual(alice);
    expect(await ids('bob@contoso.com')).toEqual(bob);
  });

  it('answers 404 for an unknown control endpoint', async () => {
    expect((await control('GET', 'nothing')).status).toBe(404);
  });
});
