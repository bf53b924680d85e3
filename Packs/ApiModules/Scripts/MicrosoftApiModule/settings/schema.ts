/**
 * JSON Schema (draft-07) of the raw instance params exactly as XSOAR delivers them, keyed by the
 * YAML param names. It checks shapes and formats, with the per-mode rules as if/then/else on the
 * checkboxes. It is compiled ahead of time by `scripts/gen-validators.ts` (the server bundle has
 * no `new Function`), so this file is read by the generator and by tests, never at run time.
 */
import { CLOUD_NAMES } from '../clouds';

/** How XSOAR delivers a param: type 9 (credentials object), type 8 (checkbox), or text. */
export type ParamKind = 'credentials' | 'checkbox' | 'text';

/** Every param the schema knows, in the YAML's order, with its kind. */
export const PARAM_KINDS = {
  url: 'text',
  auth_id: 'text',
  credentials_auth_id: 'credentials',
  tenant_id: 'text',
  credentials_tenant_id: 'credentials',
  enc_key: 'text',
  credentials_enc_key: 'credentials',
  certificate_thumbprint: 'text',
  credentials_certificate_thumbprint: 'credentials',
  private_key: 'text',
  use_managed_identities: 'checkbox',
  managed_identities_client_id: 'credentials',
  default_user: 'text',
  insecure: 'checkbox',
  proxy: 'checkbox',
  self_deployed: 'checkbox',
  azure_cloud: 'text',
  azure_ad_endpoint: 'text',
} as const satisfies Record<string, ParamKind>;

/** A param name the schema knows. */
export type ParamName = keyof typeof PARAM_KINDS;

/** The param names the schema knows, in the YAML's order. */
export const PARAM_NAMES = Object.keys(PARAM_KINDS) as readonly ParamName[];

/** Regular-expression sources used by the schema (AJV compiles them with the `u` flag). */
export const PATTERNS = {
  /** Not empty once trimmed: the "must be provided" rule. */
  nonBlank: '\\S',
  /** Any case; `yes`/`no` like upstream's argToBoolean; empty means unticked. */
  checkbox: '^\\s*(?:[tT][rR][uU][eE]|[fF][aA][lL][sS][eE]|[yY][eE][sS]|[nN][oO])?\\s*$',
  ticked: '^\\s*(?:[tT][rR][uU][eE]|[yY][eE][sS])\\s*$',
  guid: '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$',
  tenant:
    '^\\s*(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}' +
    '|(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63})\\s*$',
  /** Standard alphabet with padding; the decoded length is checked after AJV. */
  base64: '^\\s*(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?\\s*$',
  /** 40 hex digits; colons and spaces are tolerated because the Azure portal and tools add them. */
  thumbprint: '^[\\s:]*(?:[0-9a-fA-F][\\s:]*){40}$',
} as const;

type Schema = Record<string, unknown>;
type CredentialParam = Extract<ParamName, `credentials_${string}`>;

const TEXT: Schema = { type: ['string', 'null'] };
const KIND_SCHEMAS: Record<ParamKind, Schema> = {
  text: TEXT,
  checkbox: { type: ['boolean', 'string', 'null'], pattern: PATTERNS.checkbox },
  // XSOAR adds other keys (e.g. `credentials` from the vault); only these two matter here.
  credentials: { type: ['object', 'null'], properties: { identifier: TEXT, password: TEXT } },
};

const nonBlank: Schema = { type: 'string', pattern: PATTERNS.nonBlank };
const matching = (pattern: string): Schema => ({ type: 'string', pattern });
const ticked = (name: ParamName): Schema => ({
  required: [name],
  properties: { [name]: { anyOf: [{ const: true }, matching(PATTERNS.ticked)] } },
});

/**
 * A value read from a type-9 param's password, else from its legacy type-4 twin (the upstream
 * resolution order), so only the value actually used is checked.
 */
function resolved(
  credential: CredentialParam,
  legacy: ParamName,
  rule: 'required' | 'optional',
  format?: string,
): Schema {
  const check = format === undefined ? {} : { allOf: [matching(format)] };
  const legacyRule =
    rule === 'required'
      ? { required: [legacy], properties: { [legacy]: { ...nonBlank, ...check } } }
      : { properties: { [legacy]: { if: nonBlank, then: check } } };
  const credentialGiven = { type: 'object', required: ['password'], properties: { password: nonBlank } };
  return {
    if: { required: [credential], properties: { [credential]: credentialGiven } },
    then: format === undefined ? {} : { properties: { [credential]: { properties: { password: check } } } },
    else: legacyRule,
  };
}

const managedIdentityRules: Schema = {
  properties: {
    managed_identities_client_id: {
      properties: { password: { if: nonBlank, then: matching(PATTERNS.guid) } },
    },
  },
};

const selfDeployedRules: Schema = {
  allOf: [
    resolved('credentials_auth_id', 'auth_id', 'required', PATTERNS.guid),
    resolved('credentials_tenant_id', 'tenant_id', 'required', PATTERNS.tenant),
    resolved('credentials_certificate_thumbprint', 'certificate_thumbprint', 'optional', PATTERNS.thumbprint),
  ],
};

const oproxyRules: Schema = {
  allOf: [
    resolved('credentials_auth_id', 'auth_id', 'required'),
    resolved('credentials_tenant_id', 'tenant_id', 'required'),
    resolved('credentials_enc_key', 'enc_key', 'required', PATTERNS.base64),
  ],
};

/** The schema's `$id`, also the export name lookup key for the standalone generator. */
export const PARAMS_SCHEMA_ID = 'urn:microsoft-graph-calendar:instance-params';

/** The raw instance params schema. Unknown params are allowed: XSOAR may send more. */
export const paramsSchema: Schema = {
  $id: PARAMS_SCHEMA_ID,
  type: 'object',
  required: ['url'],
  properties: {
    ...Object.fromEntries(PARAM_NAMES.map((name) => [name, KIND_SCHEMAS[PARAM_KINDS[name]]])),
    // `not null` so that a null Server URL reads as missing, like an empty one.
    url: { ...TEXT, pattern: PATTERNS.nonBlank, not: { type: 'null' } },
    // Empty is how instances created by the Python integration (no such param) arrive.
    azure_cloud: { ...TEXT, enum: [...CLOUD_NAMES, '', null] },
  },
  if: ticked('use_managed_identities'),
  then: managedIdentityRules,
  else: { if: ticked('self_deployed'), then: selfDeployedRules, else: oproxyRules },
};
