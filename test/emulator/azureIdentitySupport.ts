/**
 * Shared setup of the @azure/identity tests: the emulator, with the process environment pointing
 * ManagedIdentityCredential at its IMDS (and every other managed identity source cleared). Each
 * scenario keeps its own test file because msal-node caches the identity source per process.
 */
import type { AccessToken } from '@azure/identity';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { graph, jwtPayload, type Json } from './helpers';

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

/** Registers beforeAll/afterAll hooks; the returned function gives the running emulator. */
export function useImdsEmulator(): () => RunningEmulator {
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
  return () => emu;
}

/**
 * Asserts the single IMDS request the credential made and that Graph accepts its token; returns the
 * logged query and the token's claims for the scenario's own checks.
 */
export async function expectOneImdsToken(
  emu: RunningEmulator,
  token: AccessToken,
): Promise<{ query: Json; claims: Json }> {
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
  const res = await graph(emu, token.token, 'GET', '/v1.0/users/alice@contoso.com/calendar');
  expect(res.status).toBe(200);
  return { query: logged.query, claims: jwtPayload(token.token) };
}
