/**
 * An integration's settings as the module needs them: the YAML metadata, the overlay and the two
 * generated validators. The integration builds it once from its generated files; the module never
 * spells a parameter name.
 */
import type { GeneratedValidator } from '../../../../Base/Scripts/CommonServer/commandArguments';
import type { ParamMetadata } from '../../../../Base/Scripts/CommonServer/metadata';
import type { ParamValues } from '../../../../Base/Scripts/CommonServer/params';
import type { ModeRules, SettingRole, SettingsOverlay } from './overlay';

/** Everything `parseSettings` needs to know about an integration's settings. */
export interface SettingsDefinition {
  readonly params: readonly ParamMetadata[];
  readonly overlay: SettingsOverlay;
  /** Checks the shape each parameter is delivered in. */
  readonly validateRaw: GeneratedValidator;
  /** Checks the values once read: required fields, formats, the fields of each mode. */
  readonly validateValues: GeneratedValidator;
}

/** The mode the values select: the first whose checkbox is ticked, else the last (the default). */
export function selectMode(values: ParamValues, overlay: SettingsOverlay): ModeRules {
  const ticked = overlay.modes.filter((mode) => mode.when !== undefined && values[mode.when] === true);
  return ticked.length > 0 ? ticked[0] : overlay.modes[overlay.modes.length - 1];
}

/** The label of a parameter in messages: the overlay's short one, else the UI's. */
export function labelOf(definition: SettingsDefinition, name: string): string {
  if (Object.prototype.hasOwnProperty.call(definition.overlay.labels, name))
    return definition.overlay.labels[name];
  const param = definition.params.filter((p) => p.name === name)[0];
  return param ? param.label : name;
}

/** The role a parameter plays, if any. */
export function roleOf(overlay: SettingsOverlay, name: string): SettingRole | undefined {
  const roles = Object.keys(overlay.roles) as SettingRole[];
  return roles.filter((role) => overlay.roles[role] === name)[0];
}

/** The visible parameter a name stands for: a legacy twin is reported on its successor. */
export function visibleName(definition: SettingsDefinition, name: string): string {
  const successor = definition.params.filter((p) => p.legacyTwin === name)[0];
  return successor ? successor.name : name;
}
