/**
 * @azure/identity's ManagedIdentityCredential obtains a user-assigned token from the emulator's
 * IMDS through AZURE_POD_IDENTITY_AUTHORITY_HOST. One scenario per file: msal-node caches the
 * managed identity source per process (jest isolates module registries per file).
 */
import { ManagedIdentityCredential } from '@azure/identity';
import { expectOneImdsToken, useImdsEmulator } from './azureIdentitySupport';

const emulator = useImdsEmulator();

it('ManagedIdentityCredential gets a user-assigned token from the emulator IMDS that Graph accepts', async () => {
  const emu = emulator();
  const clientId = emu.credentials.userIdentities[0].clientId;
  const token = await new ManagedIdentityCredential({ clientId }).getToken(`${emu.url}/.default`);
  const { query, claims } = await expectOneImdsToken(emu, token);
  expect(query.client_id).toBe(clientId);
  expect(claims.appid).toBe(clientId);
});
