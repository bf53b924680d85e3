/**
 * User (delegated) flows: the authorize endpoint (auto-consents and redirects with a code), the
 * authorization_code grant and the refresh_token grant. Codes are single use and live 10 minutes;
 * refresh tokens live 90 days (expire them on demand to test AADSTS700082).
 */
import { json, type Reply, type RequestContext } from '../context';
import type { AppRegistration } from '../credentials';
import { opaqueToken } from '../crypto';
import { nowSeconds, type DelegatedGrant, type EmulatorState } from '../state';
import { applyRegistration } from '../tokens';
import { EntraFailure, entraTimestamp, missingParameter } from './errors';
import { delegatedScopes } from './scopes';

const CODE_LIFETIME = 600;
const REFRESH_LIFETIME = 90 * 86_400;

/** What a caller supplies to mint an authorization code directly. */
export interface AuthorizationCodeRequest {
  readonly clientId?: string;
  /** userPrincipalName; default alice@contoso.com. */
  readonly user?: string;
  /** Space-separated scopes; default `https://graph.microsoft.com/Calendars.ReadWrite offline_access`. */
  readonly scope?: string;
  readonly redirectUri?: string;
}

/** Mints an authorization code (what the authorize endpoint does after sign-in and consent). */
export function issueAuthorizationCode(state: EmulatorState, request: AuthorizationCodeRequest): string {
  const app = state.credentials.apps.get(
    (request.clientId ?? state.credentials.clientSecretApp.clientId).toLowerCase(),
  );
  if (!app)
    throw new EntraFailure(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${request.clientId}' was not found.`,
    );
  const user = state.graph.mailbox(request.user ?? 'alice@contoso.com')?.user;
  if (!user)
    throw new EntraFailure(
      400,
      'invalid_request',
      50034,
      `The user account ${request.user} does not exist in the directory.`,
    );
  const { resource, scopes } = delegatedScopes(
    state,
    request.scope ?? 'Calendars.ReadWrite offline_access',
    app.delegatedScopes,
  );
  const now = nowSeconds(state);
  const code = opaqueToken('emu-code-');
  state.authorizationCodes.set(code, {
    clientId: app.clientId,
    userUpn: user.userPrincipalName,
    scopes,
    resource,
    issuedAt: now,
    expiresAt: now + CODE_LIFETIME,
    redirectUri: request.redirectUri ?? app.redirectUris[0],
    used: false,
  });
  return code;
}

/** GET /{tenant}/oauth2/v2.0/authorize: signs in `login_hint` (or alice) and redirects with a code. */
export function authorize(ctx: RequestContext, state: EmulatorState): Reply {
  const q = ctx.query;
  if (q.response_type !== 'code') {
    throw new EntraFailure(
      400,
      'unsupported_response_type',
      700054,
      `response_type '${q.response_type ?? ''}' is not supported.`,
    );
  }
  const app = state.credentials.apps.get((q.client_id ?? '').toLowerCase());
  const redirectUri = q.redirect_uri ?? app?.redirectUris[0];
  if (!app || !redirectUri || !app.redirectUris.includes(redirectUri)) {
    throw new EntraFailure(
      400,
      'invalid_request',
      50011,
      `The redirect URI '${redirectUri ?? ''}' specified in the request does not match the redirect URIs configured for the application '${q.client_id ?? ''}'.`,
    );
  }
  const code = issueAuthorizationCode(state, {
    clientId: app.clientId,
    user: q.login_hint,
    scope: q.scope,
    redirectUri,
  });
  const state_ = q.state === undefined ? '' : `&state=${encodeURIComponent(q.state)}`;
  return { status: 302, headers: { location: `${redirectUri}?code=${encodeURIComponent(code)}${state_}` } };
}

function invalidGrant(code: number, description: string): EntraFailure {
  return new EntraFailure(400, 'invalid_grant', code, description);
}

function userTokenReply(
  state: EmulatorState,
  ctx: RequestContext,
  app: AppRegistration,
  grant: DelegatedGrant,
): Reply {
  const user = state.graph.mailbox(grant.userUpn)?.user;
  if (!user) throw invalidGrant(50034, `The user account ${grant.userUpn} does not exist in the directory.`);
  const lifetime = ctx.tokenLifetimeSeconds ?? state.appTokenLifetimeSeconds;
  const permissions = grant.scopes.filter((s) => s !== 'offline_access');
  const token = state.issuer.issue(
    applyRegistration(
      {
        aud: grant.resource,
        appid: app.clientId,
        app_displayname: app.displayName,
        idtyp: 'user',
        oid: user.id,
        upn: user.userPrincipalName,
        scp: permissions.join(' '),
      },
      app.claims,
    ),
    nowSeconds(state),
    lifetime,
  );
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: permissions.map((p) => `${grant.resource}/${p}`).join(' '),
    expires_in: token.expiresIn,
    ext_expires_in: token.expiresIn,
    access_token: token.accessToken,
  };
  if (grant.scopes.includes('offline_access')) body.refresh_token = issueRefreshToken(state, grant);
  return json(200, body, { 'cache-control': 'no-store, no-cache' });
}

function issueRefreshToken(state: EmulatorState, grant: DelegatedGrant): string {
  const refresh = opaqueToken('emu-rt-', 48);
  const now = nowSeconds(state);
  state.refreshTokens.set(refresh, {
    ...grant,
    issuedAt: now,
    expiresAt: now + REFRESH_LIFETIME,
    used: false,
  });
  return refresh;
}

/** grant_type=authorization_code (after client authentication). */
export function authorizationCodeGrant(
  state: EmulatorState,
  ctx: RequestContext,
  app: AppRegistration,
  form: Record<string, string>,
): Reply {
  if (!form.code) throw missingParameter('code');
  const grant = state.authorizationCodes.get(form.code);
  if (!grant || grant.clientId !== app.clientId)
    throw invalidGrant(9002313, 'Invalid request. Request is malformed or invalid.');
  if (grant.used) {
    throw invalidGrant(
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    );
  }
  if (nowSeconds(state) >= grant.expiresAt) {
    throw invalidGrant(
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    );
  }
  if (form.redirect_uri !== grant.redirectUri) {
    throw invalidGrant(
      500112,
      'The reply address does not match the reply address provided when requesting Authorization code.',
    );
  }
  grant.used = true;
  return userTokenReply(state, ctx, app, grant);
}

/** grant_type=refresh_token (after client authentication). Entra refresh tokens are not single use. */
export function refreshTokenGrant(
  state: EmulatorState,
  ctx: RequestContext,
  app: AppRegistration,
  form: Record<string, string>,
): Reply {
  if (!form.refresh_token) throw missingParameter('refresh_token');
  const grant = state.refreshTokens.get(form.refresh_token);
  if (!grant || grant.clientId !== app.clientId)
    throw invalidGrant(9002313, 'Invalid request. Request is malformed or invalid.');
  if (nowSeconds(state) >= grant.expiresAt) {
    const issued = entraTimestamp(grant.issuedAt * 1000);
    throw invalidGrant(
      700082,
      `The refresh token has expired due to inactivity. The token was issued on ${issued} and was inactive for 90.00:00:00.`,
    );
  }
  const requested = form.scope ? delegatedScopes(state, form.scope, grant.scopes) : grant;
  return userTokenReply(state, ctx, app, {
    ...grant,
    resource: requested.resource,
    scopes: [...requested.scopes, 'offline_access'],
  });
}

/** Makes every user-flow refresh token expired (the next use gets AADSTS700082). */
export function expireRefreshTokens(state: EmulatorState): number {
  const past = nowSeconds(state) - 1;
  for (const grant of state.refreshTokens.values()) grant.expiresAt = past;
  return state.refreshTokens.size;
}
