/**
 * The secret values of an instance's raw params, for masking any text before it reaches the War
 * Room or a log. Works on invalid settings too (an error entry must be masked whatever failed).
 */
import { paramValue, resolveParams } from '../../../../Base/Scripts/CommonServer/params';
import { selectMode, type SettingsDefinition } from './definition';
import type { SettingRole } from './overlay';

/** The Key and the Private Key are secrets in every mode; the Token only for the oproxy. */
const ALWAYS_SECRET: readonly SettingRole[] = ['key', 'privateKey'];

/** Every secret value the params hold (legacy twins included), as entered. */
export function secretsOf(params: unknown, definition: SettingsDefinition): string[] {
  const raw = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
  const { overlay } = definition;
  const oproxy = selectMode(resolveParams(raw, definition.params), overlay).mode === 'oproxy';
  const roles = oproxy ? [...ALWAYS_SECRET, 'token' as const] : ALWAYS_SECRET;
  const secrets: string[] = [];
  for (const role of roles) {
    const param = definition.params.filter((p) => p.name === overlay.roles[role])[0];
    if (!param) continue;
    const twin = param.legacyTwin === undefined ? undefined : raw[param.legacyTwin];
    for (const value of [paramValue(raw, param), typeof twin === 'string' ? twin.trim() : undefined])
      if (typeof value === 'string' && value !== '') secrets.push(value);
  }
  return secrets;
}
