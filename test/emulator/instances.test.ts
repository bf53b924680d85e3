/**
 * The ready-made instances are valid settings for the integration: the module's own parser reads
 * each into the intended mode, pointed at the emulator (a contract check across owners).
 */
import { parseSettings } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/parseSettings';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

it.each([
  ['oproxy', 'oproxy'],
  ['clientSecret', 'clientSecret'],
  ['certificate', 'certificate'],
  ['managedIdentitySystem', 'managedIdentity'],
  ['managedIdentityUser', 'managedIdentity'],
] as const)('the %s instance parses as %s settings on the emulator', (name, mode) => {
  const settings = parseSettings(emu.instances[name]);
  expect(settings).toMatchObject({
    mode,
    graphUrl: emu.url,
    loginUrl: emu.url,
    graphResource: emu.url,
    defaultUser: 'alice@contoso.com',
  });
});

it('only the user-assigned managed identity instance names a client id', () => {
  const system = parseSettings(emu.instances.managedIdentitySystem);
  const user = parseSettings(emu.instances.managedIdentityUser);
  expect(system.mode).toBe('managedIdentity');
  expect(system.mode === 'managedIdentity' ? system.clientId : 'wrong mode').toBeUndefined();
  expect(user).toMatchObject({
    mode: 'managedIdentity',
    clientId: emu.credentials.userIdentities[0].clientId,
  });
});

it('the oproxy instance carries the registration, the Token and the Key', () => {
  expect(parseSettings(emu.instances.oproxy)).toMatchObject({
    registrationId: emu.credentials.oproxy.registrationId,
    tokenUrl: `${emu.url}/obtain-token`,
    token: emu.credentials.oproxy.token,
    encryptionKey: emu.credentials.oproxy.key,
  });
});

it('the restricted instances parse as client-secret settings', () => {
  for (const params of Object.values(emu.restrictedInstances))
    expect(parseSettings(params).mode).toBe('clientSecret');
});
