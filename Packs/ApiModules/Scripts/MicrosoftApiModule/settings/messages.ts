/**
 * Settings error messages, one style throughout: "<field as the UI shows it> must ...". AJV's
 * errors are mapped here by keyword and format; a message never quotes a value (values may be
 * secrets). Only the most basic problem of a field is reported (a missing value makes its format
 * problems noise).
 */
import type { ValidationError } from '../../../../Base/Scripts/CommonServer/commandArguments';
import { ParamType } from '../../../../Base/Scripts/CommonServer/metadata';
import type { ParamValues } from '../../../../Base/Scripts/CommonServer/params';
import { SettingsError, type SettingsProblem } from '../core/errors';
import { labelOf, roleOf, selectMode, visibleName, type SettingsDefinition } from './definition';
import { explainAesKey, explainOproxyId, explainUrl } from './formats';
import type { FieldRule } from './overlay';
import { normalizePrivateKey } from './pem';

const GUID_EXAMPLE = '00000000-0000-0000-0000-000000000000';
const INSECURE = 'must use https (http is allowed only for 127.0.0.1 or localhost)';

/** Upstream's exact text for an oproxy instance without a Key: playbooks and documentation quote it. */
export const OPROXY_KEY_MISSING =
  'Key must be provided. For further information see https://xsoar.pan.dev/docs/reference/articles/microsoft-integrations---authentication';

/** How basic a problem is: only the most basic problems of a field are reported. */
export const RANK = { type: 0, missing: 1, format: 2 } as const;

/** The problems found so far, by visible field. */
export class ProblemList {
  private readonly byParam: Record<string, { message: string; rank: number }[]> = {};

  constructor(private readonly definition: SettingsDefinition) {}

  /** Records a problem on `param` (a legacy twin is reported on its successor). */
  add(param: string, message: string, rank: number): void {
    const visible = visibleName(this.definition, param);
    const list = (this.byParam[visible] = this.byParam[visible] || []);
    if (!list.some((p) => p.message === message)) list.push({ message, rank });
  }

  /** A SettingsError listing every problem in the UI's parameter order, or undefined when none. */
  toError(): SettingsError | undefined {
    const names = Object.keys(this.byParam);
    if (names.length === 0) return undefined;
    const order = (name: string) => this.definition.params.map((p) => p.name).indexOf(name);
    const problems: SettingsProblem[] = [];
    for (const param of names.sort((a, b) => order(a) - order(b))) {
      const list = this.byParam[param];
      const best = Math.min(...list.map((p) => p.rank));
      for (const p of list) if (p.rank === best) problems.push({ param, message: p.message });
    }
    return new SettingsError(problems);
  }
}

/** Records the shape errors of the raw parameters (the first phase). */
export function addShapeProblems(
  errors: readonly ValidationError[],
  list: ProblemList,
  d: SettingsDefinition,
): void {
  for (const error of errors) {
    const name = error.instancePath.split('/')[1];
    if (name === undefined) {
      if (error.keyword === 'type')
        list.add('', 'The instance settings must be an object of params.', RANK.type);
      continue;
    }
    const param = d.params.filter((p) => p.name === name)[0];
    if (!param) continue;
    const label = labelOf(d, visibleName(d, name));
    let message = `${label} must be text.`;
    if (param.type === ParamType.checkbox) message = `${label} must be true or false.`;
    else if (param.type === ParamType.credentials)
      message = `${label} must be a credentials object with a password.`;
    else if (error.keyword === 'enum')
      message = `${label} must be one of ${(param.options ?? []).join(', ')}.`;
    list.add(name, message, error.keyword === 'enum' ? RANK.format : RANK.type);
  }
}

function ruleOf(d: SettingsDefinition, values: ParamValues, name: string): FieldRule {
  const mode = selectMode(values, d.overlay);
  return mode.fields[name] ?? d.overlay.common[name] ?? {};
}

function missingMessage(d: SettingsDefinition, values: ParamValues, name: string): string {
  const label = labelOf(d, name);
  const rule = ruleOf(d, values, name);
  if (rule.requiredUnlessAny) {
    const others = rule.requiredUnlessAny.map((other) => labelOf(d, other)).join(' and ');
    return `${label} or ${others} must be provided.`;
  }
  if (rule.requiredWhen) {
    const { field, equals } = rule.requiredWhen;
    return `${label} must be provided when ${labelOf(d, field)} is ${equals}.`;
  }
  const oproxyKey = selectMode(values, d.overlay).mode === 'oproxy' && roleOf(d.overlay, name) === 'key';
  return oproxyKey ? OPROXY_KEY_MISSING : `${label} must be provided.`;
}

function urlMessage(label: string, reason: 'malformed' | 'insecure' | undefined, example?: string): string {
  return reason === 'insecure' ? `${label} ${INSECURE}.` : `${label} must be a URL such as ${example}.`;
}

function formatMessage(d: SettingsDefinition, values: ParamValues, name: string, format: string): string {
  const label = labelOf(d, name);
  const value = String(values[name] ?? '');
  const role = roleOf(d.overlay, name);
  const example = ruleOf(d, values, name).example;
  switch (format) {
    case 'guid':
      return role === 'id'
        ? `${label} must be the application (client) ID, a GUID such as ${GUID_EXAMPLE}.`
        : `${label} must be a GUID such as ${GUID_EXAMPLE}.`;
    case 'tenant':
      return `${label} must be the tenant ID, a GUID such as ${GUID_EXAMPLE} or a domain name such as contoso.onmicrosoft.com.`;
    case 'thumbprint':
      return `${label} must be the 40 hexadecimal digits of the SHA-1 thumbprint.`;
    case 'aes-key': {
      const why = explainAesKey(value);
      const detail = why === 'not-base64' ? 'it is not standard base64' : `it decodes to ${why} bytes`;
      return `${label} must be the base64 encoding of a 16, 24 or 32-byte key (${detail}).`;
    }
    case 'pem-private-key': {
      const pem = normalizePrivateKey(value);
      return !pem.ok && pem.reason === 'markers'
        ? `${label} must be a PEM key between -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY----- lines (or RSA PRIVATE KEY).`
        : `${label} must hold unencrypted base64 key data between its BEGIN and END lines.`;
    }
    case 'path-segment':
      return `${label} cannot be "." or ".." (encoded or not): such a user would address another resource.`;
    case 'oproxy-id': {
      const why = explainOproxyId(value);
      if (why === 'registration') return `${label} must have the registration ID before the @.`;
      return urlMessage(`The token URL in ${label} (after the @)`, why, example);
    }
    default:
      return urlMessage(label, explainUrl(value), example);
  }
}

/** Records the problems of the values (the second phase). */
export function addValueProblems(
  errors: readonly ValidationError[],
  list: ProblemList,
  d: SettingsDefinition,
  values: ParamValues,
): void {
  for (const error of errors) {
    if (error.keyword === 'required' && error.instancePath === '') {
      const name = String(error.params.missingProperty);
      list.add(name, missingMessage(d, values, name), RANK.missing);
    } else if (error.keyword === 'dependencies') {
      const [name, given] = [String(error.params.missingProperty), String(error.params.property)];
      list.add(
        name,
        `${labelOf(d, name)} must be provided when ${labelOf(d, given)} is given.`,
        RANK.missing,
      );
    } else if (error.keyword === 'format') {
      const name = error.instancePath.split('/')[1];
      list.add(name, formatMessage(d, values, name, String(error.params.format)), RANK.format);
    }
    // `if`/`anyOf`/`allOf` wrap the errors above and add nothing for the user.
  }
}
