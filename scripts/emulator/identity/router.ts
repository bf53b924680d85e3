/**
 * The identity platform endpoints under `/{tenant}/`: token, authorize, OpenID discovery and the
 * (empty) key set. Entra failures become Entra-shaped error replies.
 */
import { json, type Reply, type RequestContext } from '../context';
import type { EmulatorState } from '../state';
import { resolveTenant } from './clientAuth';
import { authorize } from './delegated';
import { EntraFailure, entraError } from './errors';
import { tokenEndpoint } from './token';

function discovery(ctx: RequestContext, state: EmulatorState, tenantSegment: string): Reply {
  const tid = resolveTenant(state, tenantSegment);
  const base = `${ctx.origin}/${tid}`;
  return json(200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'ver', 'oid'],
    tenant_region_scope: 'NA',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  });
}

function is(segments: readonly string[], ...expected: string[]): boolean {
  return segments.length === expected.length && expected.every((s, i) => segments[i].toLowerCase() === s);
}

/** Handles `/{tenant}/...`; returns undefined when the path is not an identity endpoint. */
export function handleIdentity(ctx: RequestContext, state: EmulatorState): Reply | undefined {
  const [tenant, ...rest] = ctx.segments;
  if (tenant === undefined) return undefined;
  try {
    if (is(rest, 'oauth2', 'v2.0', 'token')) return tokenEndpoint(ctx, state, tenant);
    if (ctx.method !== 'GET') return undefined;
    if (is(rest, 'oauth2', 'v2.0', 'authorize')) {
      resolveTenant(state, tenant);
      return authorize(ctx, state);
    }
    if (is(rest, 'v2.0', '.well-known', 'openid-configuration')) return discovery(ctx, state, tenant);
    if (is(rest, 'discovery', 'v2.0', 'keys')) {
      resolveTenant(state, tenant);
      return json(200, { keys: [] });
    }
    return undefined;
  } catch (err) {
    if (err instanceof EntraFailure) return entraError(ctx, err, state.now());
    throw err;
  }
}
