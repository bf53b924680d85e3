/**
 * Reads the raw params into trimmed values, after AJV has checked their shapes. Anything of an
 * unexpected shape reads as absent (AJV has already reported it).
 */

/** The values parseSettings works from; undefined means absent (missing, empty or whitespace). */
export interface RawValues {
  readonly url?: string;
  readonly id?: string;
  readonly token?: string;
  readonly key?: string;
  readonly thumbprint?: string;
  readonly privateKey?: string;
  readonly managedIdentityClientId?: string;
  readonly defaultUser?: string;
  readonly cloud?: string;
  readonly adEndpoint?: string;
  readonly useManagedIdentities: boolean;
  readonly selfDeployed: boolean;
  readonly insecure: boolean;
  readonly proxy: boolean;
}

type Params = Readonly<Record<string, unknown>>;

function text(params: Params, name: string): string | undefined {
  const value = params[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function password(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'object' && value !== null ? text(value as Params, 'password') : undefined;
}

// Upstream reads the type-9 param first and falls back to its hidden legacy twin.
function credential(params: Params, name: string, legacy: string): string | undefined {
  return password(params, name) ?? text(params, legacy);
}

// Like upstream's argToBoolean: booleans, or true/yes in any case.
function checkbox(params: Params, name: string): boolean {
  const value = params[name];
  if (typeof value === 'boolean') return value;
  const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return word === 'true' || word === 'yes';
}

/** Resolves every value parseSettings needs. */
export function readParams(params: Params): RawValues {
  return {
    url: text(params, 'url'),
    id: credential(params, 'credentials_auth_id', 'auth_id'),
    token: credential(params, 'credentials_tenant_id', 'tenant_id'),
    key: credential(params, 'credentials_enc_key', 'enc_key'),
    thumbprint: credential(params, 'credentials_certificate_thumbprint', 'certificate_thumbprint'),
    privateKey: text(params, 'private_key'),
    managedIdentityClientId: password(params, 'managed_identities_client_id'),
    defaultUser: text(params, 'default_user'),
    cloud: text(params, 'azure_cloud'),
    adEndpoint: text(params, 'azure_ad_endpoint'),
    useManagedIdentities: checkbox(params, 'use_managed_identities'),
    selfDeployed: checkbox(params, 'self_deployed'),
    insecure: checkbox(params, 'insecure'),
    proxy: checkbox(params, 'proxy'),
  };
}
