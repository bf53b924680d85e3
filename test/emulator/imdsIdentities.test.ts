/**
 * User-assigned managed identities registered at run time: their roles and forced claims, IMDS
 * failures (400 "Identity not found", a 200 without a token), and the HTTP twin.
 */
import { EmulatorInputError, startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { control, expectGraphError, graph, imdsToken, jwtPayload, password, pick } from './helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

it('a registered identity gets its roles; with only Calendars.Read, writes answer 403', async () => {
  const identity = emu.registerManagedIdentity({ roles: ['Calendars.Read'] });
  const { status, body } = await imdsToken(emu, { client_id: identity.clientId });
  expect({ status, client_id: body.client_id }).toEqual({ status: 200, client_id: identity.clientId });
  expect(jwtPayload(body.access_token).roles).toEqual(['Calendars.Read']);
  expect((await graph(emu, body.access_token, 'GET', '/v1.0/users/alice@contoso.com/events')).status).toBe(
    200,
  );
  const write = await graph(emu, body.access_token, 'POST', '/v1.0/users/alice@contoso.com/events', {
    subject: 'x',
  });
  expectGraphError(write, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
});

it('a registered identity is also found by object id and resource id', async () => {
  const identity = emu.registerManagedIdentity();
  const selectors: Record<string, string>[] = [
    { object_id: identity.objectId },
    { msi_res_id: identity.resourceId },
  ];
  for (const selector of selectors) {
    expect((await imdsToken(emu, selector)).body.client_id).toBe(identity.clientId);
  }
});

it('its instance is a managed identity instance naming its client id', () => {
  const identity = emu.registerManagedIdentity();
  expect(pick(identity.instance, ['url', 'use_managed_identities', 'self_deployed'])).toEqual({
    url: emu.url,
    use_managed_identities: true,
    self_deployed: false,
  });
  expect(password(identity.instance, 'managed_identities_client_id')).toBe(identity.clientId);
});

it('forces tid and aud into the identity token', async () => {
  const identity = emu.registerManagedIdentity({
    claims: { tid: 'another-tenant', aud: 'https://graph.microsoft.de' },
  });
  const claims = jwtPayload((await imdsToken(emu, { client_id: identity.clientId })).body.access_token);
  expect({ tid: claims.tid, aud: claims.aud }).toEqual({
    tid: 'another-tenant',
    aud: 'https://graph.microsoft.de',
  });
});

it('an unassigned client id answers 400 invalid_request "Identity not found" (IMDS body, exactly)', async () => {
  const { status, body } = await imdsToken(emu, { client_id: '0b5e1c1a-0000-4000-8000-000000000000' });
  expect({ status, body }).toEqual({
    status: 400,
    body: { error: 'invalid_request', error_description: 'Identity not found' },
  });
});

it('an identity with a failure answers it instead of a token: 200 with only error_description', async () => {
  const description = 'The managed identity endpoint could not issue a token.';
  const identity = emu.registerManagedIdentity({ failure: { status: 200, errorDescription: description } });
  const { status, body } = await imdsToken(emu, { client_id: identity.clientId });
  expect({ status, body }).toEqual({ status: 200, body: { error_description: description } });
});

it('a failure defaults to status 400 and carries error when given', async () => {
  const identity = emu.registerManagedIdentity({
    failure: { error: 'invalid_request', errorDescription: 'Identity not found' },
  });
  const { status, body } = await imdsToken(emu, { client_id: identity.clientId });
  expect({ status, body }).toEqual({
    status: 400,
    body: { error: 'invalid_request', error_description: 'Identity not found' },
  });
});

it('a fault gives the system-assigned identity the same answers (status and body as given)', async () => {
  emu.addFault({
    path: '/metadata/identity/oauth2/token',
    status: 200,
    body: { error_description: 'No token for you.' },
  });
  const { status, body } = await imdsToken(emu);
  expect({ status, body }).toEqual({ status: 200, body: { error_description: 'No token for you.' } });
});

it('refuses a bad failure or an id already in use, naming the option', () => {
  const field = (f: () => unknown): string | undefined => {
    try {
      f();
      return undefined;
    } catch (err) {
      return err instanceof EmulatorInputError ? err.field : 'other';
    }
  };
  expect(field(() => emu.registerManagedIdentity({ failure: { status: 700, errorDescription: 'x' } }))).toBe(
    'failure',
  );
  expect(field(() => emu.registerManagedIdentity({ failure: {} as never }))).toBe('failure');
  expect(
    field(() => emu.registerManagedIdentity({ clientId: emu.credentials.systemIdentity.clientId })),
  ).toBe('clientId');
});

it('registers an identity over HTTP (POST /_emulator/managed-identities)', async () => {
  const res = await control(emu, 'POST', 'managed-identities', { roles: [] });
  expect(res.status).toBe(201);
  const { body } = await imdsToken(emu, { client_id: res.json.clientId });
  expect(jwtPayload(body.access_token)).not.toHaveProperty('roles');
});
