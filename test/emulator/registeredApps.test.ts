/**
 * Apps registered at run time: the permissions in their tokens are what Graph enforces (403 with
 * Graph's real shapes), the token's tid/aud can be forced, and both instance kinds work.
 */
import { EmulatorInputError, startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import {
  appToken,
  assertionForm,
  control,
  expectGraphError,
  graph,
  jwtPayload,
  leaks,
  password,
  pick,
  postToken,
  secretForm,
  signAssertion,
  type Json,
} from './helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const calendar = '/v1.0/users/alice@contoso.com/calendar';
const events = '/v1.0/users/alice@contoso.com/events';
const DENIED = 'Access is denied. Check credentials and try again.';

it('an app with only Calendars.ReadWrite gets those roles, calendar access, and 403 on GET /users', async () => {
  const app = emu.registerApp({ roles: ['Calendars.ReadWrite'] });
  const token = await appToken(emu, app);
  expect(claimsOf(jwtPayload(token))).toEqual({
    roles: ['Calendars.ReadWrite'],
    appid: app.clientId,
    tid: emu.tenantId,
  });
  expect((await graph(emu, token, 'GET', calendar)).status).toBe(200);
  expect((await graph(emu, token, 'POST', events, { subject: 'least privilege' })).status).toBe(201);
  expectGraphError(
    await graph(emu, token, 'GET', '/v1.0/users?$top=1'),
    403,
    'Authorization_RequestDenied',
    'Insufficient privileges to complete the operation.',
  );
});

function claimsOf(claims: Json): Json {
  return { roles: claims.roles, appid: claims.appid, tid: claims.tid };
}

it('an app with only Calendars.Read reads, and gets 403 ErrorAccessDenied on every write', async () => {
  const token = await appToken(emu, emu.registerApp({ roles: ['Calendars.Read'] }));
  expect((await graph(emu, token, 'GET', events)).status).toBe(200);
  const id = (await graph(emu, token, 'GET', `${events}?$top=1`)).json.value[0].id as string;
  expectGraphError(
    await graph(emu, token, 'POST', events, { subject: 'x' }),
    403,
    'ErrorAccessDenied',
    DENIED,
  );
  expectGraphError(
    await graph(emu, token, 'PATCH', `${events}/${id}`, { subject: 'x' }),
    403,
    'ErrorAccessDenied',
  );
  expectGraphError(await graph(emu, token, 'DELETE', `${events}/${id}`), 403, 'ErrorAccessDenied');
});

it('an app without any permission gets a token without roles, and 403 on every calendar call', async () => {
  const token = await appToken(emu, emu.registerApp({ roles: [] }));
  expect(jwtPayload(token)).not.toHaveProperty('roles');
  for (const path of [calendar, events, '/v1.0/users/alice@contoso.com/calendars']) {
    expectGraphError(await graph(emu, token, 'GET', path), 403, 'ErrorAccessDenied', DENIED);
  }
  expectGraphError(await graph(emu, token, 'GET', '/v1.0/users'), 403, 'Authorization_RequestDenied');
});

it('registers a fresh client id and secret by default, with the full permissions of the seeded apps', async () => {
  const a = emu.registerApp();
  const b = emu.registerApp();
  expect(a.clientId).toMatch(/^[0-9a-f-]{36}$/);
  expect(a.clientId === b.clientId || a.secret === b.secret).toBe(false);
  expect(jwtPayload(await appToken(emu, a)).roles).toEqual(['Calendars.ReadWrite', 'User.Read.All']);
});

it('a wrong secret for a registered app is refused with AADSTS7000215', async () => {
  const app = emu.registerApp({ roles: ['Calendars.ReadWrite'] });
  const res = await postToken(emu, secretForm(emu, { client_id: app.clientId, client_secret: 'wrong' }));
  const body = (await res.json()) as Json;
  expect({ status: res.status, codes: body.error_codes }).toEqual({ status: 401, codes: [7000215] });
  expect(leaks(JSON.stringify(body), app.secret)).toBe(false);
});

it('the certificate instance of a registered app authenticates with the emulator certificate', async () => {
  const app = emu.registerApp({ roles: ['Calendars.Read'] });
  const id = password(app.instances.certificate, 'credentials_auth_id');
  expect(id).toBe(app.clientId);
  const assertion = signAssertion(emu, { claims: { iss: id, sub: id } });
  const res = await postToken(emu, { ...assertionForm(emu, assertion), client_id: id });
  const body = (await res.json()) as Json;
  expect(res.status).toBe(200);
  expect(jwtPayload(body.access_token).roles).toEqual(['Calendars.Read']);
});

it('the instances of a registered app are self-deployed client-secret and certificate settings on the emulator', () => {
  const app = emu.registerApp();
  const { clientSecret, certificate } = app.instances;
  const cert = emu.credentials.certificateApp.certificates[0];
  for (const params of [clientSecret, certificate]) {
    expect(pick(params, ['url', 'azure_cloud', 'self_deployed', 'use_managed_identities'])).toEqual({
      url: emu.url,
      azure_cloud: 'Custom',
      self_deployed: true,
      use_managed_identities: false,
    });
    expect(password(params, 'credentials_auth_id')).toBe(app.clientId);
    expect(password(params, 'credentials_tenant_id')).toBe(emu.tenantId);
  }
  // Compared as booleans: a failure must not print the secret or the key.
  expect(password(clientSecret, 'credentials_enc_key') === app.secret).toBe(true);
  expect(password(certificate, 'credentials_certificate_thumbprint')).toBe(cert.thumbprint);
  expect(certificate.private_key === cert.privateKeyPem).toBe(true);
});

it('forces tid and aud: another tenant is only a claim, another Graph audience is still accepted', async () => {
  const other = '0f0e0d0c-0b0a-4909-8807-060504030201';
  const app = emu.registerApp({ claims: { tid: other, aud: 'https://graph.microsoft.us' } });
  const token = await appToken(emu, app);
  const claims = jwtPayload(token);
  expect({ tid: claims.tid, iss: claims.iss, aud: claims.aud }).toEqual({
    tid: other,
    iss: `https://sts.windows.net/${other}/`,
    aud: 'https://graph.microsoft.us',
  });
  expect((await graph(emu, token, 'GET', calendar)).status).toBe(200);
});

it('a token forced to a non-Graph audience is refused by Graph with 401 Invalid audience', async () => {
  const token = await appToken(emu, emu.registerApp({ claims: { aud: 'https://management.azure.com' } }));
  expectGraphError(
    await graph(emu, token, 'GET', calendar),
    401,
    'InvalidAuthenticationToken',
    'Access token validation failure. Invalid audience.',
  );
});

it('registered apps survive a reset', async () => {
  const app = emu.registerApp({ roles: ['Calendars.Read'] });
  emu.reset();
  expect(jwtPayload(await appToken(emu, app)).roles).toEqual(['Calendars.Read']);
});

it('refuses bad options with an EmulatorInputError naming the option', () => {
  const field = (f: () => unknown): string | undefined => {
    try {
      f();
      return undefined;
    } catch (err) {
      return err instanceof EmulatorInputError ? err.field : 'not an EmulatorInputError';
    }
  };
  expect(field(() => emu.registerApp({ roles: 'Calendars.Read' as unknown as string[] }))).toBe('roles');
  expect(field(() => emu.registerApp({ clientId: 'not-a-guid' }))).toBe('clientId');
  expect(field(() => emu.registerApp({ clientId: emu.credentials.clientSecretApp.clientId }))).toBe(
    'clientId',
  );
  expect(field(() => emu.registerApp({ claims: { tid: '' } }))).toBe('claims');
  expect(field(() => emu.registerApp({ claims: { iss: 'x' } as never }))).toBe('claims');
});

it('registers an app over HTTP (POST /_emulator/apps), and names a bad option in a 400', async () => {
  const created = await control(emu, 'POST', 'apps', { roles: ['Calendars.Read'] });
  expect(created.status).toBe(201);
  expect(password(created.json.instances.clientSecret, 'credentials_auth_id')).toBe(created.json.clientId);
  const token = await appToken(emu, created.json);
  expect(jwtPayload(token).roles).toEqual(['Calendars.Read']);
  const bad = await control(emu, 'POST', 'apps', { roles: [1] });
  expect({ status: bad.status, error: bad.json.error, field: bad.json.field }).toEqual({
    status: 400,
    error: 'invalid_input',
    field: 'roles',
  });
});

it('the restricted instances are apps like the registered ones (read-only: 403 on writes)', async () => {
  const id = password(emu.restrictedInstances.readOnly, 'credentials_auth_id');
  const token = await appToken(emu, {
    clientId: id,
    secret: password(emu.restrictedInstances.readOnly, 'credentials_enc_key'),
  });
  expect(jwtPayload(token).roles).toEqual(['Calendars.Read', 'User.Read.All']);
  expectGraphError(
    await graph(emu, token, 'POST', events, { subject: 'x' }),
    403,
    'ErrorAccessDenied',
    DENIED,
  );
});
