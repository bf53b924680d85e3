/**
 * Settings error messages, one style throughout: "<field as the UI shows it> must ...". No message
 * ever quotes a value (values may be secrets). AJV errors are mapped here by param and keyword.
 */
import type { ErrorObject } from 'ajv';
import { CLOUD_NAMES } from '../clouds';
import { SettingsError, type SettingsProblem } from '../errors';
import { PARAM_KINDS, PARAM_NAMES, PATTERNS, type ParamName } from './schema';

/** The short label of each param, as the UI shows it. */
export const PARAM_LABELS: Readonly<Record<ParamName, string>> = {
  url: 'Server URL',
  auth_id: 'ID',
  credentials_auth_id: 'ID',
  tenant_id: 'Token',
  credentials_tenant_id: 'Token',
  enc_key: 'Key',
  credentials_enc_key: 'Key',
  certificate_thumbprint: 'Certificate Thumbprint',
  credentials_certificate_thumbprint: 'Certificate Thumbprint',
  private_key: 'Private Key',
  use_managed_identities: 'Use Azure Managed Identities',
  managed_identities_client_id: 'Azure Managed Identities Client ID',
  default_user: 'Default user',
  insecure: 'Trust any certificate (not secure)',
  proxy: 'Use system proxy settings',
  self_deployed: 'Use a self-deployed Azure Application',
  azure_cloud: 'Azure cloud',
  azure_ad_endpoint: 'Azure AD endpoint',
};

// The legacy type-4 twins are hidden in the UI; problems are reported on the visible param.
const VISIBLE: Partial<Record<ParamName, ParamName>> = {
  auth_id: 'credentials_auth_id',
  tenant_id: 'credentials_tenant_id',
  enc_key: 'credentials_enc_key',
  certificate_thumbprint: 'credentials_certificate_thumbprint',
};

const GUID_EXAMPLE = '00000000-0000-0000-0000-000000000000';
const LOOPBACK = '(http is allowed only for 127.0.0.1 or localhost)';

/** Every message, by rule. */
export const MESSAGES = {
  provided: (label: string) => `${label} must be provided.`,
  // Upstream's exact texts: playbooks and documentation quote them.
  oproxyKeyMissing:
    'Key must be provided. For further information see https://xsoar.pan.dev/docs/reference/articles/microsoft-integrations---authentication',
  keyOrCertificate: 'Key or Certificate Thumbprint and Private Key must be provided.',
  clientId: `ID must be the application (client) ID, a GUID such as ${GUID_EXAMPLE}.`,
  tenantId: `Token must be the tenant ID, a GUID such as ${GUID_EXAMPLE} or a domain name such as contoso.onmicrosoft.com.`,
  oproxyRegistrationId: 'ID must have the registration ID before the @.',
  keyNotBase64: 'Key must be the base64 encoding of a 16, 24 or 32-byte key (it is not standard base64).',
  keyLength: (bytes: number) =>
    `Key must be the base64 encoding of a 16, 24 or 32-byte key (it decodes to ${bytes} bytes).`,
  thumbprint: 'Certificate Thumbprint must be the 40 hexadecimal digits of the SHA-1 thumbprint.',
  thumbprintWithoutKey: 'Private Key must be provided when Certificate Thumbprint is given.',
  keyWithoutThumbprint: 'Certificate Thumbprint must be provided when Private Key is given.',
  pemMarkers:
    'Private Key must be a PEM key between -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY----- lines (or RSA PRIVATE KEY).',
  pemBody: 'Private Key must hold unencrypted base64 key data between its BEGIN and END lines.',
  managedIdentityClientId: `Azure Managed Identities Client ID must be a GUID such as ${GUID_EXAMPLE}.`,
  cloud: `Azure cloud must be one of ${CLOUD_NAMES.join(', ')}.`,
  customWithoutEndpoint: 'Azure AD endpoint must be provided when Azure cloud is Custom.',
  urlMalformed: (label: string, example: string) => `${label} must be a URL such as ${example}.`,
  urlInsecure: (label: string) => `${label} must use https ${LOOPBACK}.`,
  checkbox: (label: string) => `${label} must be true or false.`,
  credentials: (label: string) => `${label} must be a credentials object with a password.`,
  text: (label: string) => `${label} must be text.`,
  params: 'The instance settings must be an object of params.',
} as const;

// Messages for a failed format pattern, by visible param (each pattern applies in one mode only).
const FORMAT_MESSAGES: Partial<Record<ParamName, string>> = {
  credentials_auth_id: MESSAGES.clientId,
  credentials_tenant_id: MESSAGES.tenantId,
  credentials_enc_key: MESSAGES.keyNotBase64,
  credentials_certificate_thumbprint: MESSAGES.thumbprint,
  managed_identities_client_id: MESSAGES.managedIdentityClientId,
};

/** How basic a problem is: only the most basic problems of a param are reported. */
export const RANK = { type: 0, missing: 1, format: 2 } as const;

/** The problems found so far; one message per param, most basic problem first. */
export class ProblemList {
  private readonly byParam = new Map<string, { message: string; rank: number }[]>();

  /** Records a problem on `param` (a legacy twin is reported on its visible param). */
  add(param: string, message: string, rank: number = RANK.format): void {
    const visible = VISIBLE[param as ParamName] ?? param;
    const list = this.byParam.get(visible) ?? [];
    if (!list.some((p) => p.message === message)) list.push({ message, rank });
    this.byParam.set(visible, list);
  }

  /** Whether `param` (or its legacy twin) already has a problem: later checks skip it. */
  has(param: ParamName): boolean {
    return this.byParam.has(VISIBLE[param] ?? param);
  }

  /** A SettingsError listing every problem in the UI's param order, or undefined when none. */
  toError(): SettingsError | undefined {
    if (this.byParam.size === 0) return undefined;
    const order = (param: string) => {
      const index = PARAM_NAMES.indexOf(param as ParamName);
      return index < 0 ? -1 : index;
    };
    const params = [...this.byParam.keys()].sort((a, b) => order(a) - order(b));
    const problems: SettingsProblem[] = params.flatMap((param) => {
      const list = this.byParam.get(param) ?? [];
      const best = Math.min(...list.map((p) => p.rank));
      // A missing or mistyped value makes its format problems noise: report only the basic one.
      return list.filter((p) => p.rank === best).map((p) => ({ param, message: p.message }));
    });
    return new SettingsError(problems);
  }
}

/** Records AJV's errors as settings problems. */
export function addAjvProblems(errors: readonly ErrorObject[], problems: ProblemList): void {
  for (const error of errors) {
    const param = paramOf(error);
    if (param === undefined) {
      if (error.instancePath === '' && error.keyword === 'type') problems.add('', MESSAGES.params, RANK.type);
      continue;
    }
    const mapped = messageFor(param, error);
    if (mapped !== undefined) problems.add(param, mapped.message, mapped.rank);
  }
}

function paramOf(error: ErrorObject): ParamName | undefined {
  const name =
    error.keyword === 'required' && error.instancePath === ''
      ? String(error.params.missingProperty)
      : error.instancePath.split('/')[1];
  return name !== undefined && name in PARAM_KINDS ? (name as ParamName) : undefined;
}

function messageFor(param: ParamName, error: ErrorObject): { message: string; rank: number } | undefined {
  const label = PARAM_LABELS[param];
  const kind = PARAM_KINDS[param];
  const missing =
    error.keyword === 'required' ||
    error.keyword === 'not' ||
    (error.keyword === 'pattern' && error.params.pattern === PATTERNS.nonBlank);
  if (missing) {
    const isKey = param === 'enc_key' || param === 'credentials_enc_key';
    return { message: isKey ? MESSAGES.oproxyKeyMissing : MESSAGES.provided(label), rank: RANK.missing };
  }
  if (error.keyword === 'type') {
    const message =
      kind === 'checkbox' ? MESSAGES.checkbox : kind === 'credentials' ? MESSAGES.credentials : MESSAGES.text;
    return { message: message(label), rank: RANK.type };
  }
  if (error.keyword === 'enum') return { message: MESSAGES.cloud, rank: RANK.format };
  if (error.keyword === 'pattern') {
    const format = kind === 'checkbox' ? MESSAGES.checkbox(label) : FORMAT_MESSAGES[VISIBLE[param] ?? param];
    return { message: format ?? `${label} is not valid.`, rank: RANK.format };
  }
  // `if`/`anyOf`/`allOf` wrap the errors above and add nothing for the user.
  return undefined;
}
