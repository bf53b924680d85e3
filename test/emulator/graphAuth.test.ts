/** Graph bearer-token checks: 401 InvalidAuthenticationToken, 403 by permission, error shape, audiences. */
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { appToken, graph, postToken, secretForm, type Json } from './helpers';

let emu: RunningEmulator;
let now = Date.now();
beforeAll(async () => {
  emu = await startEmulator({ now: () => now });
});
afterAll(() => emu.close());
beforeEach(() => {
  now = Date.now();
  emu.reset();
});

function expectGraphError(res: { status: number; json: Json }, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.json.error.code).toBe(code);
  expect(typeof res.json.error.message).toBe('string');
  expect(res.json.error.innerError).toEqual({
    date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
    'request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    'client-request-id': expect.any(String),
  });
}

const path = '/v1.0/users/alice@contoso.com/calendar/events';

it('answers 401 InvalidAuthenticationToken without a token, with WWW-Authenticate', async () => {
  const res = await fetch(`${emu.url}${path}`);
  const body = (await res.json()) as Json;
  expectGraphError({ status: res.status, json: body }, 401, 'InvalidAuthenticationToken');
  expect(body.error.message).toBe('Access token is empty.');
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
});

it('answers 401 to a malformed token and to a token with a forged signature', async () => {
  expectGraphError(await graph(emu, 'garbage', 'GET', path), 401, 'InvalidAuthenticationToken');
  const [h, p] = (await appToken(emu)).split('.');
  expectGraphError(await graph(emu, `${h}.${p}.AAAA`, 'GET', path), 401, 'InvalidAuthenticationToken');
});

it('answers 401 to a token from another emulator (another signing secret)', async () => {
  const other = await startEmulator();
  try {
    expectGraphError(await graph(emu, await appToken(other), 'GET', path), 401, 'InvalidAuthenticationToken');
  } finally {
    await other.close();
  }
});

it('answers 401 "token is expired" once the token lifetime has passed', async () => {
  const token = await appToken(emu);
  expect((await graph(emu, token, 'GET', path)).status).toBe(200);
  now += 3600 * 1000;
  const res = await graph(emu, token, 'GET', path);
  expectGraphError(res, 401, 'InvalidAuthenticationToken');
  expect(res.json.error.message).toBe('Lifetime validation failed, the token is expired.');
});

it('echoes client-request-id in innerError and headers', async () => {
  const res = await graph(emu, 'garbage', 'GET', path, undefined, { 'client-request-id': 'abc-123' });
  expect(res.json.error.innerError['client-request-id']).toBe('abc-123');
  expect(res.headers.get('client-request-id')).toBe('abc-123');
  expect(res.headers.get('request-id')).toBe(res.json.error.innerError['request-id']);
});

it.each([
  'https://graph.microsoft.com',
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://graph.microsoft.de',
  'https://microsoftgraph.chinacloudapi.cn',
])('accepts a token issued for %s', async (resource) => {
  const res = await postToken(emu, secretForm(emu, { scope: `${resource}/.default` }));
  const token = ((await res.json()) as Json).access_token;
  expect((await graph(emu, token, 'GET', path)).status).toBe(200);
});

it('the read-only app reads but gets 403 ErrorAccessDenied on create, update and delete', async () => {
  const token = await appToken(emu, emu.credentials.readOnlyApp);
  const list = await graph(emu, token, 'GET', path);
  expect(list.status).toBe(200);
  const id = list.json.value[0].id;
  expectGraphError(await graph(emu, token, 'POST', path, { subject: 'x' }), 403, 'ErrorAccessDenied');
  expectGraphError(
    await graph(emu, token, 'PATCH', `${path}/${id}`, { subject: 'x' }),
    403,
    'ErrorAccessDenied',
  );
  expectGraphError(await graph(emu, token, 'DELETE', `${path}/${id}`), 403, 'ErrorAccessDenied');
});

it('the no-calendars app lists users (test-module) but gets 403 on calendars', async () => {
  const token = await appToken(emu, emu.credentials.noCalendarsApp);
  expect((await graph(emu, token, 'GET', '/v1.0/users')).status).toBe(200);
  expectGraphError(
    await graph(emu, token, 'GET', '/v1.0/users/alice@contoso.com/calendars'),
    403,
    'ErrorAccessDenied',
  );
});

it('the restricted instances carry the restricted apps', () => {
  const param = (p: Record<string, unknown>) => (p.credentials_auth_id as { password: string }).password;
  expect(param(emu.restrictedInstances.readOnly)).toBe(emu.credentials.readOnlyApp.clientId);
  expect(param(emu.restrictedInstances.noCalendars)).toBe(emu.credentials.noCalendarsApp.clientId);
});

it('answers 404 ErrorItemNotFound for a missing event and ErrorInvalidUser for an unknown user', async () => {
  const token = await appToken(emu);
  expectGraphError(await graph(emu, token, 'GET', `${path}/AAMkADnope=`), 404, 'ErrorItemNotFound');
  expectGraphError(await graph(emu, token, 'DELETE', `${path}/AAMkADnope=`), 404, 'ErrorItemNotFound');
  expectGraphError(
    await graph(emu, token, 'GET', '/v1.0/users/zed@contoso.com/events'),
    404,
    'ErrorInvalidUser',
  );
  expectGraphError(
    await graph(emu, token, 'GET', '/v1.0/users/zed@contoso.com'),
    404,
    'Request_ResourceNotFound',
  );
});

it('answers 400 for an unknown segment, 405 for an unsupported method, 400 for another version', async () => {
  const token = await appToken(emu);
  expectGraphError(
    await graph(emu, token, 'GET', '/v1.0/users/alice@contoso.com/contacts'),
    400,
    'BadRequest',
  );
  expectGraphError(await graph(emu, token, 'PUT', path, {}), 405, 'BadRequest');
  expectGraphError(await graph(emu, token, 'GET', '/beta/users'), 400, 'BadRequest');
});

it('checks the token before the path (401 for an unknown route too)', async () => {
  expectGraphError(
    await graph(emu, 'garbage', 'GET', '/v1.0/nothing/here'),
    401,
    'InvalidAuthenticationToken',
  );
});

it('/me needs a user token', async () => {
  const res = await graph(emu, await appToken(emu), 'GET', '/v1.0/me/events');
  expectGraphError(res, 400, 'BadRequest');
});
