/** User flows: authorize redirect, authorization_code and refresh_token grants, AADSTS700082. */
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { graph, pick, postToken, type Json } from './helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

function clientAuth(): Record<string, string> {
  const app = emu.credentials.clientSecretApp;
  return { client_id: app.clientId, client_secret: app.secret ?? '' };
}

async function redeem(code: string, redirect = 'https://localhost/myapp'): Promise<Response> {
  return postToken(emu, { ...clientAuth(), grant_type: 'authorization_code', code, redirect_uri: redirect });
}

async function errorCode(res: Response): Promise<number> {
  return ((await res.json()) as Json).error_codes[0];
}

it('the authorize endpoint redirects to the registered redirect URI with a code and the state', async () => {
  const query = new URLSearchParams({
    client_id: emu.credentials.clientSecretApp.clientId,
    response_type: 'code',
    redirect_uri: 'https://localhost/myapp',
    scope: 'offline_access https://graph.microsoft.com/Calendars.ReadWrite',
    state: 'xyz',
    login_hint: 'bob@contoso.com',
  });
  const res = await fetch(`${emu.url}/${emu.tenantId}/oauth2/v2.0/authorize?${query}`, {
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe('https://localhost/myapp');
  expect(location.searchParams.get('state')).toBe('xyz');
  const token = (await (await redeem(location.searchParams.get('code') ?? '')).json()) as Json;
  const claims = JSON.parse(Buffer.from(token.access_token.split('.')[1], 'base64url').toString());
  expect(claims).toMatchObject({ idtyp: 'user', upn: 'bob@contoso.com', scp: 'Calendars.ReadWrite' });
});

it('the authorize endpoint refuses an unregistered redirect URI', async () => {
  const query = new URLSearchParams({
    client_id: emu.credentials.clientSecretApp.clientId,
    response_type: 'code',
    redirect_uri: 'https://evil.example/cb',
    scope: 'Calendars.ReadWrite',
  });
  const res = await fetch(`${emu.url}/${emu.tenantId}/oauth2/v2.0/authorize?${query}`, {
    redirect: 'manual',
  });
  expect(res.status).toBe(400);
  expect(await errorCode(res)).toBe(50011);
});

it('redeems a code once, with a refresh token when offline_access was granted', async () => {
  const code = emu.issueAuthorizationCode();
  const res = await redeem(code);
  const body = (await res.json()) as Json;
  expect(res.status).toBe(200);
  expect(pick(body, ['token_type', 'scope'])).toEqual({
    token_type: 'Bearer',
    scope: 'https://graph.microsoft.com/Calendars.ReadWrite',
  });
  expect(typeof body.refresh_token).toBe('string');
  const again = await redeem(code);
  expect(again.status).toBe(400);
  expect(await errorCode(again)).toBe(54005);
});

it('refuses an unknown code, and a code redeemed with another redirect URI', async () => {
  expect(await errorCode(await redeem('made-up'))).toBe(9002313);
  expect(await errorCode(await redeem(emu.issueAuthorizationCode(), 'https://localhost/other'))).toBe(500112);
});

it('a user token reads the user own calendar but not another mailbox', async () => {
  const body = (await (
    await redeem(emu.issueAuthorizationCode({ user: 'alice@contoso.com' }))
  ).json()) as Json;
  expect((await graph(emu, body.access_token, 'GET', '/v1.0/me/calendar')).status).toBe(200);
  expect((await graph(emu, body.access_token, 'GET', '/v1.0/users/alice@contoso.com/events')).status).toBe(
    200,
  );
  const other = await graph(emu, body.access_token, 'GET', '/v1.0/users/bob@contoso.com/events');
  expect(other.status).toBe(403);
  expect(other.json.error.code).toBe('ErrorAccessDenied');
});

it('refreshes with a refresh token, and refuses it with AADSTS700082 once expired', async () => {
  const first = (await (await redeem(emu.issueAuthorizationCode())).json()) as Json;
  const refreshed = await postToken(emu, {
    ...clientAuth(),
    grant_type: 'refresh_token',
    refresh_token: first.refresh_token,
  });
  const body = (await refreshed.json()) as Json;
  expect(refreshed.status).toBe(200);
  expect(body.refresh_token).not.toBe(first.refresh_token);
  expect(emu.expireRefreshTokens()).toBeGreaterThanOrEqual(2);
  const expired = await postToken(emu, {
    ...clientAuth(),
    grant_type: 'refresh_token',
    refresh_token: body.refresh_token,
  });
  const error = (await expired.json()) as Json;
  expect(expired.status).toBe(400);
  expect(error).toMatchObject({ error: 'invalid_grant', error_codes: [700082] });
  expect(error.error_description).toMatch(/^AADSTS700082: The refresh token has expired/);
});

it('refuses an unknown refresh token and a missing one', async () => {
  const unknown = await postToken(emu, {
    ...clientAuth(),
    grant_type: 'refresh_token',
    refresh_token: 'nope',
  });
  expect(await errorCode(unknown)).toBe(9002313);
  const missing = await postToken(emu, { ...clientAuth(), grant_type: 'refresh_token' });
  expect(await errorCode(missing)).toBe(900144);
});

it('expires refresh tokens through the control endpoint too', async () => {
  const first = (await (await redeem(emu.issueAuthorizationCode())).json()) as Json;
  const res = await fetch(`${emu.url}/_emulator/refresh-tokens/expire`, { method: 'POST' });
  expect(res.status).toBe(200);
  const expired = await postToken(emu, {
    ...clientAuth(),
    grant_type: 'refresh_token',
    refresh_token: first.refresh_token,
  });
  expect(await errorCode(expired)).toBe(700082);
});
