/**
 * Bearer-token checks of Graph: issued by this emulator, unexpired, for a Graph audience, and
 * holding the permission the call needs (401 `InvalidAuthenticationToken` / 403 otherwise).
 */
import { header, type RequestContext } from '../context';
import { emulatorOrigins, nowSeconds, type EmulatorState, type MailboxAccessPolicy } from '../state';
import { matchGraphResource, type AccessClaims } from '../tokens';
import type { GraphCall } from './common';
import { GraphFailure } from './errors';
import type { UserRecord } from './store';

const AUTHENTICATE = {
  'www-authenticate':
    'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
};

function unauthorized(message: string): GraphFailure {
  return new GraphFailure(401, 'InvalidAuthenticationToken', message, AUTHENTICATE);
}

const PROBLEM_MESSAGES = {
  malformed: 'IDX14100: JWT is not well formed, there are no dots (.).',
  signature: 'Access token validation failure. Invalid signature.',
  expired: 'Lifetime validation failed, the token is expired.',
  notYetValid: 'Lifetime validation failed, the token is not yet valid.',
} as const;

/** Validates the request's bearer token; throws a 401 GraphFailure. */
export function authenticate(ctx: RequestContext, state: EmulatorState): AccessClaims {
  const value = header(ctx, 'authorization');
  if (!value || value.trim() === '') throw unauthorized('Access token is empty.');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  if (!match) throw unauthorized('Access token is empty.');
  const result = state.issuer.verify(match[1], nowSeconds(state));
  if (!result.ok) throw unauthorized(PROBLEM_MESSAGES[result.problem]);
  if (matchGraphResource(result.claims.aud, emulatorOrigins(state)) === undefined) {
    throw unauthorized('Access token validation failure. Invalid audience.');
  }
  return result.claims;
}

function permissions(claims: AccessClaims): string[] {
  return claims.idtyp === 'app' ? [...(claims.roles ?? [])] : (claims.scp ?? '').split(' ');
}

/**
 * Requires calendar read or write access to a user's mailbox: the permission in the token, then
 * the app's Exchange application access policy. Throws 403 `ErrorAccessDenied` (two messages).
 */
export function requireCalendarAccess(call: GraphCall, access: 'read' | 'write', owner: UserRecord): void {
  const { claims } = call;
  const granted = permissions(claims);
  const ok =
    granted.includes('Calendars.ReadWrite') || (access === 'read' && granted.includes('Calendars.Read'));
  // Delegated tokens reach only the signed-in user's own mailbox (no shared calendars here).
  const ownMailbox =
    claims.idtyp === 'app' || claims.upn?.toLowerCase() === owner.userPrincipalName.toLowerCase();
  if (!ok || !ownMailbox) {
    throw new GraphFailure(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  }
  // Application access policies scope application permissions only, never delegated ones.
  if (
    claims.idtyp === 'app' &&
    !policyAllows(call.state.mailboxPolicies.get(claims.appid.toLowerCase()), owner)
  ) {
    // Microsoft documents "Access to OData is disabled."; Exchange Online now appends the reason.
    throw new GraphFailure(
      403,
      'ErrorAccessDenied',
      'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.',
    );
  }
}

function policyAllows(policy: MailboxAccessPolicy | undefined, owner: UserRecord): boolean {
  if (!policy) return true;
  const names = [owner.userPrincipalName, owner.mail, owner.id].map((n) => n.toLowerCase());
  const listed = policy.mailboxes.some((m) => names.includes(m.toLowerCase()));
  return policy.accessRight === 'RestrictAccess' ? listed : !listed;
}

const DIRECTORY_READ = [
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];

/** Requires directory read access (GET /users); throws 403 `Authorization_RequestDenied`. */
export function requireDirectoryRead(claims: AccessClaims): void {
  if (!permissions(claims).some((p) => DIRECTORY_READ.includes(p))) {
    throw new GraphFailure(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
  }
}
