/**
 * Azure Instance Metadata Service token endpoint:
 * `GET /metadata/identity/oauth2/token?api-version=…&resource=…[&client_id|object_id|msi_res_id=…]`
 * with `Metadata: true`. Answers like IMDS: numbers as strings, `expires_on` in unix seconds
 * (msal-node reads only that one).
 */
import { header, json, type Reply, type RequestContext } from './context';
import type { ImdsFailure, ManagedIdentity } from './credentials';
import { seededGuid } from './crypto';
import { emulatorOrigins, nowSeconds, type EmulatorState } from './state';
import { applyRegistration, matchGraphResource } from './tokens';

const API_VERSIONS = new Set([
  '2018-02-01',
  '2019-08-01',
  '2019-11-01',
  '2021-02-01',
  '2021-05-01',
  '2023-07-01',
]);

function imdsError(status: number, error: string, description: string): Reply {
  return json(status, { error, error_description: description });
}

function pickIdentity(
  state: EmulatorState,
  q: Readonly<Record<string, string>>,
): ManagedIdentity | undefined | 'ambiguous' {
  const selectors = [q.client_id, q.object_id, q.msi_res_id ?? q.mi_res_id].filter((v) => v !== undefined);
  if (selectors.length > 1) return 'ambiguous';
  const { systemIdentity, userIdentities } = state.credentials;
  if (selectors.length === 0) return systemIdentity;
  const wanted = selectors[0].toLowerCase();
  return userIdentities.find(
    (i) => i.clientId === wanted || i.objectId === wanted || i.resourceId?.toLowerCase() === wanted,
  );
}

/** Checks the request like IMDS: an error reply, or the Graph resource and the identity. */
function check(
  ctx: RequestContext,
  state: EmulatorState,
): Reply | { resource: string; identity: ManagedIdentity } {
  if (ctx.method !== 'GET') return imdsError(405, 'invalid_request', 'Only GET is supported.');
  if (header(ctx, 'metadata')?.toLowerCase() !== 'true') {
    return imdsError(400, 'invalid_request', 'Required metadata header not specified');
  }
  const q = ctx.query;
  if (q['api-version'] === undefined) {
    return imdsError(400, 'invalid_request', "Required query variable 'api-version' is missing");
  }
  if (!API_VERSIONS.has(q['api-version'])) return imdsError(400, 'invalid_request', 'Invalid api-version');
  if (!q.resource) return imdsError(400, 'invalid_request', "Required query variable 'resource' is missing");
  const resource = matchGraphResource(q.resource, emulatorOrigins(state));
  if (!resource) {
    const tenant = state.credentials.tenantDomain;
    const message = `AADSTS500011: The resource principal named ${q.resource} was not found in the tenant named ${tenant}.`;
    return imdsError(400, 'invalid_resource', message);
  }
  const identity = pickIdentity(state, q);
  if (identity === 'ambiguous') {
    return imdsError(
      400,
      'invalid_request',
      'Only one of client_id, object_id or msi_res_id may be specified',
    );
  }
  return identity ? { resource, identity } : imdsError(400, 'invalid_request', 'Identity not found');
}

/**
 * An identity's configured failure. `error` is left out when not given: the Python module's own
 * test models a 200 answer holding only `error_description`.
 */
function failureReply(failure: ImdsFailure): Reply {
  const { status = 400, error, errorDescription } = failure;
  return json(status, { ...(error === undefined ? {} : { error }), error_description: errorDescription });
}

const VM_ID = `/subscriptions/emulator/providers/Microsoft.Compute/virtualMachines/xsoar-${seededGuid('vm').slice(0, 8)}`;

/** Handles the IMDS token endpoint. */
export function handleImds(ctx: RequestContext, state: EmulatorState): Reply {
  const checked = check(ctx, state);
  if ('status' in checked) return checked;
  const { resource, identity } = checked;
  if (identity.failure) return failureReply(identity.failure);
  const now = nowSeconds(state);
  const subject = {
    aud: resource,
    appid: identity.clientId,
    idtyp: 'app',
    oid: identity.objectId,
    roles: identity.roles,
    xms_mirid: identity.resourceId ?? VM_ID,
  } as const;
  const token = state.issuer.issue(
    applyRegistration(subject, identity.claims),
    now,
    ctx.tokenLifetimeSeconds ?? state.imdsTokenLifetimeSeconds,
  );
  return json(200, {
    access_token: token.accessToken,
    client_id: identity.clientId,
    expires_in: String(token.expiresIn),
    expires_on: String(token.expiresOn),
    ext_expires_in: String(token.expiresIn),
    not_before: String(now - 300),
    resource: ctx.query.resource,
    token_type: 'Bearer',
  });
}
