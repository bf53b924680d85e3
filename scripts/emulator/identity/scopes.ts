/**
 * Scope parsing for the token endpoint: app-only flows need exactly `<graph resource>/.default`;
 * user flows take `<resource>/<permission>` or bare permissions (Graph assumed), plus OIDC scopes.
 */
import { emulatorOrigins, type EmulatorState } from '../state';
import { matchGraphResource } from '../tokens';
import { EntraFailure, missingParameter } from './errors';

const OIDC = new Set(['openid', 'profile', 'email', 'offline_access']);

function invalidScope(scope: string): EntraFailure {
  return new EntraFailure(
    400,
    'invalid_scope',
    70011,
    `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
  );
}

function unknownResource(resource: string, tenant: string): EntraFailure {
  return new EntraFailure(
    400,
    'invalid_resource',
    500011,
    `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  );
}

/** Splits `https://host/path/permission` into resource and permission at the last `/`. */
function splitScope(scope: string): { resource: string; permission: string } | undefined {
  const slash = scope.lastIndexOf('/');
  if (!/^https?:\/\//i.test(scope) || slash < 8) return undefined;
  return { resource: scope.slice(0, slash), permission: scope.slice(slash + 1) };
}

/** The Graph resource of an app-only `scope`; throws 900144 / 70011 / 1002012 / 500011. */
export function appOnlyResource(state: EmulatorState, scope: string | undefined): string {
  if (scope === undefined || scope.trim() === '') throw missingParameter('scope');
  const parts = scope
    .trim()
    .split(/\s+/)
    .filter((s) => !OIDC.has(s));
  if (parts.length !== 1) throw invalidScope(scope);
  const split = splitScope(parts[0]);
  if (!split) throw invalidScope(scope);
  const resource = matchGraphResource(split.resource, emulatorOrigins(state));
  if (!resource) throw unknownResource(split.resource, state.credentials.tenantDomain);
  if (split.permission !== '.default') {
    throw new EntraFailure(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${parts[0]} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  return resource;
}

/** The resource and delegated permissions of a user-flow `scope`; throws 70011 / 500011. */
export function delegatedScopes(
  state: EmulatorState,
  scope: string | undefined,
  allowed: readonly string[],
): { resource: string; scopes: string[] } {
  const parts = (scope ?? '').trim().split(/\s+/).filter(Boolean);
  let resource: string | undefined;
  const scopes = new Set<string>();
  for (const part of parts) {
    if (OIDC.has(part)) {
      if (part === 'offline_access') scopes.add(part);
      continue;
    }
    const split = splitScope(part) ?? { resource: 'https://graph.microsoft.com', permission: part };
    const matched = matchGraphResource(split.resource, emulatorOrigins(state));
    if (!matched) throw unknownResource(split.resource, state.credentials.tenantDomain);
    if (resource !== undefined && resource !== matched) throw invalidScope(scope ?? '');
    resource = matched;
    const granted =
      split.permission === '.default' ? allowed.filter((s) => s !== 'offline_access') : [split.permission];
    for (const permission of granted) {
      if (!allowed.includes(permission)) throw invalidScope(part);
      scopes.add(permission);
    }
  }
  if (resource === undefined) throw invalidScope(scope ?? '');
  return { resource, scopes: [...scopes] };
}
