/** The integration's settings parser, for tests: the module's parseSettings with the generated definition. */
import { parseSettings } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/parseSettings';
import type { Settings } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/types';
import { SETTINGS } from '../../Integrations/MicrosoftGraphCalendar/definition/index';

/** Parses instance params as the integration does. @throws SettingsError. */
export function parseCalendarSettings(params: unknown): Settings {
  return parseSettings(params, SETTINGS);
}
