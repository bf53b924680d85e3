/**
 * Where the Azure Instance Metadata Service (IMDS) token endpoint is: the well-known link-local
 * address, or AZURE_POD_IDENTITY_AUTHORITY_HOST (AKS pod identity, and the emulator in tests).
 */
import { IMDS_HOST } from '../../core/clouds';
import { encodeQuery } from '../../http/urls';

/** The environment variable that overrides the IMDS host (as in @azure/identity and msal). */
export const POD_IDENTITY_ENV = 'AZURE_POD_IDENTITY_AUTHORITY_HOST';

/** The IMDS API version upstream and the Azure SDKs use. */
export const IMDS_API_VERSION = '2018-02-01';

/** The IMDS host: the environment override without trailing slashes, else http://169.254.169.254. */
export function imdsHost(env: Readonly<Record<string, string | undefined>>): string {
  const override = env[POD_IDENTITY_ENV]?.trim().replace(/\/+$/, '');
  return override ? override : IMDS_HOST;
}

/**
 * `<host>/metadata/identity/oauth2/token?api-version=2018-02-01&resource=<resource>[&client_id=<id>]`;
 * `client_id` only for a user-assigned identity.
 */
export function imdsTokenUrl(host: string, resource: string, clientId?: string): string {
  const query = encodeQuery({ 'api-version': IMDS_API_VERSION, resource, client_id: clientId });
  return `${host}/metadata/identity/oauth2/token?${query}`;
}
