/** The Cortex XSOAR oproxy: decrypting the token, rotation of refresh tokens, service-shaped errors. */
import { randomBytes } from 'node:crypto';
import { encryptOproxyToken, startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { graph, leaks, oproxyBody, password, postOproxy, type Json } from './helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const token = () => emu.credentials.oproxy.token;

async function expectProblem(res: Response, status: number, fragment: string): Promise<Json> {
  const body = (await res.json()) as Json;
  expect(res.status).toBe(status);
  expect(typeof body.title).toBe('string');
  expect(body.detail).toContain(fragment);
  return body;
}

it('the oproxy instance names this endpoint and the registration in its ID', () => {
  const id = password(emu.instances.oproxy, 'credentials_auth_id');
  expect(id).toBe(`${emu.credentials.oproxy.registrationId}@${emu.url}/obtain-token`);
  expect(Buffer.from(password(emu.instances.oproxy, 'credentials_enc_key'), 'base64').length).toBe(32);
});

it('exchanges the Token for an access token usable on Graph, a refresh token and expires_in', async () => {
  const res = await postOproxy(emu, oproxyBody(emu, token()));
  const body = (await res.json()) as Json;
  expect(res.status).toBe(200);
  expect(res.headers.get('function-execution-id')).toMatch(/^[0-9a-f]{12}$/);
  expect(body.expires_in).toBe(3600);
  expect(typeof body.refresh_token).toBe('string');
  expect((await graph(emu, body.access_token, 'GET', '/v1.0/users/alice@contoso.com/calendar')).status).toBe(
    200,
  );
});

it('rotates the refresh token: the new one works once, the used one is refused', async () => {
  const first = (await (await postOproxy(emu, oproxyBody(emu, token()))).json()) as Json;
  const second = await postOproxy(emu, oproxyBody(emu, first.refresh_token));
  const rotated = (await second.json()) as Json;
  expect(second.status).toBe(200);
  expect(rotated.refresh_token).not.toBe(first.refresh_token);
  const replay = await postOproxy(emu, oproxyBody(emu, first.refresh_token));
  const body = await expectProblem(replay, 400, 'invalid_grant');
  expect(body.detail).toContain('AADSTS70000');
  expect((await postOproxy(emu, oproxyBody(emu, rotated.refresh_token))).status).toBe(200);
});

it('a response dropped after processing still rotates (the client never saw the new token)', async () => {
  const first = (await (await postOproxy(emu, oproxyBody(emu, token()))).json()) as Json;
  emu.addFault({ method: 'POST', path: '/obtain-token', dropResponse: true });
  await expect(postOproxy(emu, oproxyBody(emu, first.refresh_token))).rejects.toThrow();
  await expectProblem(await postOproxy(emu, oproxyBody(emu, first.refresh_token)), 400, 'invalid_grant');
  expect(emu.tokenRequestCounts().oproxy).toBe(3);
});

it('refuses an unknown refresh token', async () => {
  await expectProblem(await postOproxy(emu, oproxyBody(emu, 'never-issued')), 400, 'AADSTS9002313');
});

it('refuses a token encrypted with another Key (GCM tag check)', async () => {
  const body = oproxyBody(emu, token(), {
    encrypted_token: encryptOproxyToken(
      randomBytes(32).toString('base64'),
      token(),
      Math.floor(Date.now() / 1000),
    ),
  });
  await expectProblem(await postOproxy(emu, body), 401, 'decrypt');
});

it.each([
  ['more than 5 minutes old', -301],
  ['more than 5 minutes ahead', 301],
])('refuses a timestamp %s', async (_name, offset) => {
  const body = oproxyBody(emu, token(), {}, Math.floor(Date.now() / 1000) + offset);
  await expectProblem(await postOproxy(emu, body), 401, 'timestamp');
});

it('accepts a timestamp a little off (clock skew within 5 minutes)', async () => {
  expect(
    (await postOproxy(emu, oproxyBody(emu, token(), {}, Math.floor(Date.now() / 1000) - 200))).status,
  ).toBe(200);
});

it('refuses an unknown registration', async () => {
  await expectProblem(
    await postOproxy(emu, oproxyBody(emu, token(), { registration_id: 'other' })),
    401,
    'Registration',
  );
});

it('requires the app name ms-graph-calendar', async () => {
  await expectProblem(
    await postOproxy(emu, oproxyBody(emu, token(), { app_name: 'ms-graph-mail' })),
    400,
    'ms-graph-mail',
  );
});

it.each(['app_name', 'registration_id', 'encrypted_token'])('refuses a body without %s', async (field) => {
  const { [field]: _dropped, ...body } = oproxyBody(emu, token());
  await expectProblem(await postOproxy(emu, body), 400, field);
});

it('refuses a body that is not JSON and an encrypted token that is not base64', async () => {
  const res = await fetch(`${emu.url}/obtain-token`, { method: 'POST', body: 'garbage' });
  await expectProblem(res, 400, 'JSON');
  await expectProblem(
    await postOproxy(emu, oproxyBody(emu, token(), { encrypted_token: '%%%' })),
    401,
    'decrypt',
  );
});

it('accepts a Graph scope and issues the token for that audience', async () => {
  const res = await postOproxy(
    emu,
    oproxyBody(emu, token(), { scope: 'https://graph.microsoft.us/.default' }),
  );
  const claims = JSON.parse(
    Buffer.from(((await res.json()) as Json).access_token.split('.')[1], 'base64url').toString(),
  );
  expect(claims.aud).toBe('https://graph.microsoft.us');
});

it('logs the request with encrypted_token redacted', async () => {
  await postOproxy(emu, oproxyBody(emu, token()));
  const [logged] = emu.requests({ kind: 'oproxy' });
  expect(logged.body).toMatchObject({ app_name: 'ms-graph-calendar', encrypted_token: '[REDACTED]' });
  expect(leaks(JSON.stringify(emu.requests()), token())).toBe(false);
});
