/** POST /{tenant}/oauth2/v2.0/token: client_credentials, authorization_code and refresh_token. */
import { formBody, header, json, type Reply, type RequestContext } from '../context';
import type { AppRegistration } from '../credentials';
import { seededGuid } from '../crypto';
import { nowSeconds, type EmulatorState } from '../state';
import { applyRegistration } from '../tokens';
import { authenticateClient, resolveApp, resolveTenant } from './clientAuth';
import { authorizationCodeGrant, refreshTokenGrant } from './delegated';
import { EntraFailure, missingParameter } from './errors';
import { appOnlyResource } from './scopes';

const GRANTS = new Set(['client_credentials', 'authorization_code', 'refresh_token']);

function clientCredentials(
  state: EmulatorState,
  ctx: RequestContext,
  app: AppRegistration,
  form: Record<string, string>,
): Reply {
  const resource = appOnlyResource(state, form.scope);
  const lifetime = ctx.tokenLifetimeSeconds ?? state.appTokenLifetimeSeconds;
  const subject = {
    aud: resource,
    appid: app.clientId,
    app_displayname: app.displayName,
    idtyp: 'app',
    oid: seededGuid(`sp:${app.clientId}`),
    roles: app.roles,
  } as const;
  const token = state.issuer.issue(applyRegistration(subject, app.claims), nowSeconds(state), lifetime);
  return json(
    200,
    {
      token_type: 'Bearer',
      expires_in: token.expiresIn,
      ext_expires_in: token.expiresIn,
      access_token: token.accessToken,
    },
    { 'cache-control': 'no-store, no-cache' },
  );
}

/** Handles the token endpoint for the tenant path segment. */
export function tokenEndpoint(ctx: RequestContext, state: EmulatorState, tenantSegment: string): Reply {
  if (ctx.method !== 'POST') {
    throw new EntraFailure(
      400,
      'invalid_request',
      900561,
      `The endpoint only accepts POST requests. Received a ${ctx.method} request.`,
    );
  }
  resolveTenant(state, tenantSegment);
  const isForm =
    header(ctx, 'content-type')?.toLowerCase().includes('application/x-www-form-urlencoded') ?? false;
  // Entra reads only form bodies: a JSON body looks like a body without parameters.
  const form = isForm ? formBody(ctx) : {};
  const grant = form.grant_type;
  if (!grant) throw missingParameter('grant_type');
  if (!GRANTS.has(grant)) {
    throw new EntraFailure(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grant}'.`,
    );
  }
  const app = resolveApp(state, ctx, form);
  authenticateClient(state, ctx, app, form, tenantSegment);
  if (grant === 'client_credentials') return clientCredentials(state, ctx, app, form);
  if (grant === 'authorization_code') return authorizationCodeGrant(state, ctx, app, form);
  return refreshTokenGrant(state, ctx, app, form);
}
