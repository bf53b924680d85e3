/**
 * The integration as the code sees it: the generated YAML metadata and validators, with the
 * overlay. Built once; everything that needs a parameter, an argument or an output reads it here.
 */
import type { ArgumentsOverlay } from '../../../Packs/Base/Scripts/CommonServer/argumentRules';
import type { CommandMetadata } from '../../../Packs/Base/Scripts/CommonServer/metadata';
import type { SettingsDefinition } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/definition';
import { argumentValidators } from '../generated/argumentValidators';
import { METADATA } from '../generated/metadata';
import { settingsRaw, settingsValues } from '../generated/settingsValidators';
import { ARGUMENTS_OVERLAY, SETTINGS_OVERLAY } from './overlay';

/** The app name the oproxy knows this integration by. */
export const APP_NAME = 'ms-graph-calendar';
/** Prefix of this integration's commands (used in the auth-reset hint). */
export const COMMAND_PREFIX = 'msgraph-calendar';

/** The instance settings, for `MicrosoftClient`. */
export const SETTINGS: SettingsDefinition = {
  params: METADATA.params,
  overlay: SETTINGS_OVERLAY,
  validateRaw: settingsRaw,
  validateValues: settingsValues,
};

/** The arguments overlay, for `readArguments`. */
export const ARGUMENTS: ArgumentsOverlay = ARGUMENTS_OVERLAY;

/** The metadata of a command the YAML declares, or undefined. */
export function commandMetadata(name: string): CommandMetadata | undefined {
  return METADATA.commands.filter((command) => command.name === name)[0];
}

export { argumentValidators };
