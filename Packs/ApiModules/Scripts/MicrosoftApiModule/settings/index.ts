/** Instance settings: raw XSOAR params → validated, normalized Settings. */
export { parseSettings } from './parseSettings';
export type { SettingsDefinition } from './definition';
export type { SettingsOverlay, SettingRole, SettingsMode, FieldRule, ModeRules } from './overlay';
export type * from './types';
