/**
 * @azure/identity's ManagedIdentityCredential obtains a user-assigned token from the emulator's
 * IMDS through AZURE_POD_IDENTITY_AUTHORITY_HOST. One scenario per file: msal-node caches the
 * managed identity source per process (jest isolates module registries per file).
 */
import { ManagedIdentityCredential } from '@azure/identity';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { graph } from './helpers';

const MI_VARIABLES = [
  'AZURE_POD_IDENTITY_AUTHORITY_HOST',
  'IDENTITY_ENDPOINT',
  'IDENTITY_HEADER',
  'MSI_ENDPOINT',
  'MSI_SECRET',
  'IMDS_ENDPOINT',
  'AZURE_CLIENT_ID',
  'AZURE_FEDERATED_TOKEN_FILE',
];
const saved = Object.fromEntries(MI_VARIABLES.map((name) => [name, process.env[name]]));
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator();
  for (const name of MI_VARIABLES) delete process.env[name];
  Object.assign(process.env, emu.env);
});
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await emu.close();
});

it('ManagedIdentityCredential gets a user-assigned token from the emulator IMDS that Graph accepts', async () => {
  const credential = new ManagedIdentityCredential({ clientId: emu.credentials.userIdentities[0].clientId });
  const token = await credential.getToken(`${emu.url}/.default`);
  expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 3_600_000);
  const [logged, ...others] = emu.requests({ kind: 'imds' });
  expect(others).toEqual([]);
  // msal-node requests the path with a trailing slash; IMDS accepts both.
  expect(logged).toMatchObject({
    method: 'GET',
    path: expect.stringMatching(/^\/metadata\/identity\/oauth2\/token\/?$/),
    status: 200,
  });
  expect(logged.headers.metadata).toBe('true');
  expect(logged.query).toMatchObject({ 'api-version': '2018-02-01', resource: emu.url });
  expect(logged.query.client_id).toBe(emu.credentials.userIdentities[0].clientId);
  const claims = JSON.parse(Buffer.from(token.token.split('.')[1], 'base64url').toString());
  expect(claims.appid).toBe(emu.credentials.userIdentities[0].clientId);
  const res = await graph(emu, token.token, 'GET', '/v1.0/users/alice@contoso.com/calendar');
  expect(res.status).toBe(200);
});
