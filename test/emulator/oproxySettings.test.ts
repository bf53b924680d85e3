/**
 * The oproxy's configurable answers: opaque (non-JWT) access tokens that Graph still accepts and
 * validates, and the roles / claims its tokens carry.
 */
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import {
  control,
  expectGraphError,
  graph,
  jwtPayload,
  leaks,
  oproxyBody,
  postOproxy,
  type Json,
} from './helpers';

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

const calendar = '/v1.0/users/alice@contoso.com/calendar';

async function oproxyToken(): Promise<string> {
  const res = await postOproxy(
    emu,
    oproxyBody(emu, emu.credentials.oproxy.token, {}, Math.floor(now / 1000)),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as Json).access_token as string;
}

it('issues opaque access tokens when configured: no dots, not base64url JSON, accepted by Graph', async () => {
  emu.configureOproxy({ accessTokenFormat: 'opaque' });
  const token = await oproxyToken();
  expect(token.includes('.')).toBe(false);
  expect(token.startsWith('eyJ')).toBe(false);
  expect(() => jwtPayload(token)).toThrow();
  expect((await graph(emu, token, 'GET', calendar)).status).toBe(200);
});

it('Graph refuses a tampered opaque token and an expired one with 401', async () => {
  emu.configureOproxy({ accessTokenFormat: 'opaque' });
  const token = await oproxyToken();
  const flipped = `${token.slice(0, -6)}${token.slice(-6, -5) === 'A' ? 'B' : 'A'}${token.slice(-5)}`;
  expectGraphError(await graph(emu, flipped, 'GET', calendar), 401, 'InvalidAuthenticationToken');
  now += 3600 * 1000;
  expectGraphError(
    await graph(emu, token, 'GET', calendar),
    401,
    'InvalidAuthenticationToken',
    'Lifetime validation failed, the token is expired.',
  );
});

it('the roles of opaque tokens are enforced: Calendars.Read only answers 403 on writes', async () => {
  emu.configureOproxy({ accessTokenFormat: 'opaque', roles: ['Calendars.Read'] });
  const token = await oproxyToken();
  expect((await graph(emu, token, 'GET', calendar)).status).toBe(200);
  const write = await graph(emu, token, 'POST', '/v1.0/users/alice@contoso.com/events', { subject: 'x' });
  expectGraphError(write, 403, 'ErrorAccessDenied');
});

it('issues JWTs by default, with configurable roles and forced claims', async () => {
  expect(jwtPayload(await oproxyToken()).roles).toEqual(['Calendars.ReadWrite', 'User.Read.All']);
  emu.configureOproxy({ roles: [], claims: { tid: 'another-tenant' } });
  const claims = jwtPayload(await oproxyToken());
  expect({ roles: claims.roles, tid: claims.tid }).toEqual({ roles: undefined, tid: 'another-tenant' });
});

it('a reset restores the default: JWT access tokens with the full roles', async () => {
  emu.configureOproxy({ accessTokenFormat: 'opaque', roles: [] });
  emu.reset();
  expect(jwtPayload(await oproxyToken()).roles).toEqual(['Calendars.ReadWrite', 'User.Read.All']);
});

it('the request log tells whether encrypted_token held the Token or a refresh token, never the value', async () => {
  const first = await postOproxy(
    emu,
    oproxyBody(emu, emu.credentials.oproxy.token, {}, Math.floor(now / 1000)),
  );
  const { refresh_token: refresh } = (await first.json()) as Json;
  await postOproxy(emu, oproxyBody(emu, refresh as string, {}, Math.floor(now / 1000)));
  await postOproxy(emu, oproxyBody(emu, 'something else', {}, Math.floor(now / 1000)));
  await postOproxy(emu, { ...oproxyBody(emu, 'x'), encrypted_token: 'not base64!' });
  const logged = emu.requests({ kind: 'oproxy' });
  expect(logged.map((r) => [r.status, r.encryptedContent])).toEqual([
    [200, 'token'],
    [200, 'refreshToken'],
    [400, 'other'],
    [401, undefined],
  ]);
  expect(leaks(JSON.stringify(logged), refresh as string)).toBe(false);
});

it('configures the oproxy over HTTP (PATCH /_emulator/oproxy), and names a bad format in a 400', async () => {
  expect((await control(emu, 'PATCH', 'oproxy', { accessTokenFormat: 'opaque' })).status).toBe(204);
  expect((await oproxyToken()).includes('.')).toBe(false);
  const bad = await control(emu, 'PATCH', 'oproxy', { accessTokenFormat: 'jwe' });
  expect({ status: bad.status, field: bad.json.field }).toEqual({ status: 400, field: 'accessTokenFormat' });
});
