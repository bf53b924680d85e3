/**
 * Client authentication at the token endpoint: the tenant in the path, the application
 * (`client_id`, or HTTP Basic), and its credential (client secret or certificate assertion).
 */
import { header, type RequestContext } from '../context';
import type { AppRegistration } from '../credentials';
import { safeEqual } from '../crypto';
import type { EmulatorState } from '../state';
import { verifyAssertion } from './assertion';
import { EntraFailure, missingParameter } from './errors';

/** Resolves the tenant path segment (GUID or verified domain); throws AADSTS90002. */
export function resolveTenant(state: EmulatorState, segment: string): string {
  const { tenantId, tenantDomain } = state.credentials;
  const known = [tenantId, tenantDomain, 'contoso.com'];
  if (!known.includes(segment.toLowerCase())) {
    throw new EntraFailure(
      400,
      'invalid_request',
      90002,
      `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    );
  }
  return tenantId;
}

function basicCredentials(ctx: RequestContext): { id: string; secret: string } | undefined {
  const value = header(ctx, 'authorization');
  const match = value ? /^Basic\s+(\S+)$/i.exec(value) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

/** Finds the application named by the request; throws 900144 / 700016. */
export function resolveApp(
  state: EmulatorState,
  ctx: RequestContext,
  form: Record<string, string>,
): AppRegistration {
  const clientId = form.client_id ?? basicCredentials(ctx)?.id;
  if (!clientId) throw missingParameter('client_id');
  const app = state.credentials.apps.get(clientId.toLowerCase());
  if (!app) {
    throw new EntraFailure(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${state.credentials.tenantDomain}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  }
  return app;
}

/** Verifies the client's credential (secret or assertion); throws 7000218 / 7000215 / 700027 / 700024. */
export function authenticateClient(
  state: EmulatorState,
  ctx: RequestContext,
  app: AppRegistration,
  form: Record<string, string>,
  tenantSegment: string,
): void {
  if (form.client_assertion !== undefined) {
    verifyAssertion(ctx, state, app, form, tenantSegment);
    return;
  }
  const secret = form.client_secret ?? basicCredentials(ctx)?.secret;
  if (secret === undefined) {
    throw new EntraFailure(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  if (app.secret === undefined || !safeEqual(secret, app.secret)) {
    throw new EntraFailure(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
    );
  }
}
