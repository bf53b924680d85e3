/**
 * @azure/identity's ManagedIdentityCredential obtains a system-assigned token from the emulator's
 * IMDS through AZURE_POD_IDENTITY_AUTHORITY_HOST. One scenario per file: msal-node caches the
 * managed identity source per process (jest isolates module registries per file).
 */
import { ManagedIdentityCredential } from '@azure/identity';
import { expectOneImdsToken, useImdsEmulator } from './azureIdentitySupport';

const emulator = useImdsEmulator();

it('ManagedIdentityCredential gets a system-assigned token from the emulator IMDS that Graph accepts', async () => {
  const emu = emulator();
  const token = await new ManagedIdentityCredential().getToken(`${emu.url}/.default`);
  const { query, claims } = await expectOneImdsToken(emu, token);
  expect(query).not.toHaveProperty('client_id');
  expect(claims.appid).toBe(emu.credentials.systemIdentity.clientId);
});
