/** IMDS token endpoint: Metadata header, identities, resources of every cloud, IMDS-shaped answers. */
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { graph, pick, type Json } from './helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

async function imds(query: Record<string, string>, headers: Record<string, string> = { Metadata: 'true' }) {
  const res = await fetch(`${emu.url}/metadata/identity/oauth2/token?${new URLSearchParams(query)}`, {
    headers,
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const base = { 'api-version': '2018-02-01', resource: 'https://graph.microsoft.com/' };

it('issues a system-assigned token with numbers as strings and the resource echoed', async () => {
  const { status, body } = await imds(base);
  expect(status).toBe(200);
  expect(pick(body, ['token_type', 'resource', 'expires_in', 'client_id'])).toEqual({
    token_type: 'Bearer',
    resource: 'https://graph.microsoft.com/',
    expires_in: '86399',
    client_id: emu.credentials.systemIdentity.clientId,
  });
  expect(Number(body.expires_on) - Math.floor(Date.now() / 1000)).toBeGreaterThan(86_000);
  expect(typeof body.access_token).toBe('string');
  expect((await graph(emu, body.access_token, 'GET', '/v1.0/users/alice@contoso.com/events')).status).toBe(
    200,
  );
});

it('issues a user-assigned token by client_id, object_id or msi_res_id', async () => {
  const identity = emu.credentials.userIdentities[0];
  const selectors: Record<string, string>[] = [
    { client_id: identity.clientId },
    { object_id: identity.objectId },
    { msi_res_id: identity.resourceId ?? '' },
  ];
  for (const selector of selectors) {
    const { status, body } = await imds({ ...base, ...selector });
    expect(status).toBe(200);
    expect(body.client_id).toBe(identity.clientId);
  }
});

it('the managedIdentityUser instance names the first user-assigned identity', () => {
  const param = emu.instances.managedIdentityUser.managed_identities_client_id as { password: string };
  expect(param.password).toBe(emu.credentials.userIdentities[0].clientId);
  expect(emu.instances.managedIdentityUser.use_managed_identities).toBe(true);
  expect(emu.instances.managedIdentitySystem).not.toHaveProperty('managed_identities_client_id');
  expect(emu.env.AZURE_POD_IDENTITY_AUTHORITY_HOST).toBe(emu.url);
});

it('refuses an unknown client_id with 400 "Identity not found"', async () => {
  const { status, body } = await imds({ ...base, client_id: '12345678-1234-4234-8234-123456789012' });
  expect(status).toBe(400);
  expect(body).toEqual({ error: 'invalid_request', error_description: 'Identity not found' });
});

it('requires the Metadata: true header', async () => {
  const variants: Record<string, string>[] = [{}, { Metadata: 'false' }];
  for (const headers of variants) {
    const { status, body } = await imds(base, headers);
    expect(status).toBe(400);
    expect(body.error_description).toBe('Required metadata header not specified');
  }
});

it('requires api-version and resource, and refuses an unknown api-version', async () => {
  expect((await imds({ resource: base.resource })).body.error_description).toContain('api-version');
  expect((await imds({ 'api-version': '2018-02-01' })).body.error_description).toContain('resource');
  expect((await imds({ ...base, 'api-version': '1999-01-01' })).status).toBe(400);
});

it.each([
  'https://graph.microsoft.com',
  'https://graph.microsoft.us/',
  'https://dod-graph.microsoft.us/',
  'https://graph.microsoft.de',
  'https://microsoftgraph.chinacloudapi.cn/',
])('accepts the Graph resource %s with or without trailing slash', async (resource) => {
  const { status, body } = await imds({ ...base, resource });
  expect(status).toBe(200);
  expect(body.resource).toBe(resource);
});

it('accepts its own origin as resource, and refuses a resource that is not Graph', async () => {
  expect((await imds({ ...base, resource: `${emu.url}/` })).status).toBe(200);
  const other = await imds({ ...base, resource: 'https://vault.azure.net' });
  expect(other.status).toBe(400);
  expect(other.body.error).toBe('invalid_resource');
});

it('refuses two identity selectors at once', async () => {
  const identity = emu.credentials.userIdentities[0];
  const { status } = await imds({ ...base, client_id: identity.clientId, object_id: identity.objectId });
  expect(status).toBe(400);
});

it('a read-only user-assigned identity gets 403 on writes', async () => {
  const { body } = await imds({ ...base, client_id: emu.credentials.userIdentities[1].clientId });
  const res = await graph(emu, body.access_token, 'POST', '/v1.0/users/alice@contoso.com/events', {
    subject: 'x',
  });
  expect(res.status).toBe(403);
  expect(res.json.error.code).toBe('ErrorAccessDenied');
});

it('counts IMDS token requests', async () => {
  await imds(base);
  await imds(base, {});
  expect(emu.tokenRequestCounts()).toEqual({ identity: 0, imds: 2, oproxy: 0 });
});
