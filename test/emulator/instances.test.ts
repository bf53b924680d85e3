/**
 * The ready-made instances are valid settings for the integration: the module's own parser reads
 * each into the intended mode, pointed at the emulator (a contract check across owners).
 */
import { parseCalendarSettings as parseSettings } from '../support/settings';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { pick } from './helpers';

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
  const settings = parseSettings(emu.instances[name]) as unknown as Record<string, unknown>;
  expect(pick(settings, ['mode', 'graphUrl', 'loginUrl', 'graphResource', 'defaultUser'])).toEqual({
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
  expect(pick(user as unknown as Record<string, unknown>, ['mode', 'clientId'])).toEqual({
    mode: 'managedIdentity',
    clientId: emu.credentials.userIdentities[0].clientId,
  });
});

it('the oproxy instance carries the registration, the Token and the Key', () => {
  const settings = parseSettings(emu.instances.oproxy);
  if (settings.mode !== 'oproxy') throw new Error(`expected oproxy settings, got ${settings.mode}`);
  expect(pick(settings as unknown as Record<string, unknown>, ['registrationId', 'tokenUrl'])).toEqual({
    registrationId: emu.credentials.oproxy.registrationId,
    tokenUrl: `${emu.url}/obtain-token`,
  });
  // Compared as booleans: a failure must not print the Token or the Key.
  expect(settings.token === emu.credentials.oproxy.token).toBe(true);
  expect(settings.encryptionKey === emu.credentials.oproxy.key).toBe(true);
});

it('the restricted instances parse as client-secret settings', () => {
  for (const params of Object.values(emu.restrictedInstances))
    expect(parseSettings(params).mode).toBe('clientSecret');
});
