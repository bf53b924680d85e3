/**
 * Control endpoints under `/_emulator/` (the HTTP twin of the programmatic API): info, faults,
 * request log, token counters, reset, refresh-token expiry, authorization codes, and run-time
 * registrations (apps, managed identities, users, mailbox access policies, oproxy settings).
 */
import { empty, isObject, json, jsonBody, type Reply, type RequestContext } from './context';
import type { EndpointKind } from './context';
import { EmulatorInputError } from './errors';
import type { FaultSpec } from './faults';
import { EntraFailure } from './identity/errors';
import type { AddedUser, MailboxAccessPolicy } from './state';
import type { EmulatorInfo, RunningEmulator } from './types';

/** The operations the control endpoints expose. */
export type EmulatorControl = Omit<RunningEmulator, 'close' | keyof EmulatorInfo | 'credentials'> & {
  info(): EmulatorInfo;
};

function faultsRoute(ctx: RequestContext, control: EmulatorControl, id: string | undefined): Reply {
  if (ctx.method === 'GET' && !id) return json(200, { faults: control.faults() });
  if (ctx.method === 'DELETE') {
    control.clearFaults(id);
    return empty(204);
  }
  if (ctx.method !== 'POST' || id) return json(405, { error: 'method_not_allowed' });
  const body = jsonBody(ctx);
  const specs = Array.isArray(body) ? body : [body];
  if (!specs.every(isObject))
    throw new EmulatorInputError('body', 'POST /_emulator/faults takes a fault object or an array of them.');
  const ids = specs.map((spec) => control.addFault(spec as unknown as FaultSpec));
  return json(201, { ids });
}

function requestsRoute(ctx: RequestContext, control: EmulatorControl): Reply {
  if (ctx.method === 'DELETE') {
    control.clearRequests();
    return empty(204);
  }
  const { kind, method, pathPrefix } = ctx.query;
  return json(200, {
    requests: control.requests({ kind: kind as EndpointKind | undefined, method, pathPrefix }),
  });
}

function objectBody(ctx: RequestContext, what: string): Record<string, unknown> {
  const body = ctx.body.length === 0 ? {} : jsonBody(ctx);
  if (!isObject(body)) throw new EmulatorInputError('body', `${what} takes a JSON object.`);
  return body;
}

/** The run-time registration endpoints (twins of registerApp, addUser, ...). */
function registrationRoute(
  ctx: RequestContext,
  control: EmulatorControl,
  name: string,
  id: string | undefined,
): Reply | undefined {
  const post = ctx.method === 'POST' && id === undefined;
  const what = `${ctx.method} /_emulator/${name}`;
  switch (name) {
    case 'apps':
      return post ? json(201, control.registerApp(objectBody(ctx, what))) : undefined;
    case 'managed-identities':
      return post ? json(201, control.registerManagedIdentity(objectBody(ctx, what))) : undefined;
    case 'users':
      return post ? json(201, control.addUser(objectBody(ctx, what) as unknown as AddedUser)) : undefined;
    case 'mailbox-access-policies':
      if (id === undefined || (ctx.method !== 'PUT' && ctx.method !== 'DELETE')) return undefined;
      control.setMailboxAccessPolicy(
        id,
        ctx.method === 'PUT' ? (objectBody(ctx, what) as unknown as MailboxAccessPolicy) : undefined,
      );
      return empty(204);
    case 'oproxy':
      if (ctx.method !== 'PATCH' || id !== undefined) return undefined;
      control.configureOproxy(objectBody(ctx, what));
      return empty(204);
    default:
      return undefined;
  }
}

function route(
  ctx: RequestContext,
  control: EmulatorControl,
  [name, id]: readonly string[],
): Reply | undefined {
  const post = ctx.method === 'POST';
  switch (name) {
    case 'info':
      return json(200, control.info());
    case 'faults':
      return faultsRoute(ctx, control, id);
    case 'requests':
      return requestsRoute(ctx, control);
    case 'token-requests':
      return json(200, control.tokenRequestCounts());
    case 'reset':
      if (!post) return undefined;
      control.reset();
      return empty(204);
    case 'refresh-tokens':
      if (!post || id !== 'expire') return undefined;
      return json(200, { expired: control.expireRefreshTokens() });
    case 'authorization-codes': {
      if (!post) return undefined;
      const body = ctx.body.length === 0 ? {} : jsonBody(ctx);
      if (!isObject(body))
        throw new EmulatorInputError('body', 'POST /_emulator/authorization-codes takes a JSON object.');
      return json(201, { code: control.issueAuthorizationCode(body) });
    }
    default:
      return registrationRoute(ctx, control, name, id);
  }
}

/** Handles `/_emulator/...`. */
export function handleControl(ctx: RequestContext, control: EmulatorControl): Reply {
  try {
    return (
      route(ctx, control, ctx.segments.slice(1)) ??
      json(404, { error: 'not_found', message: `No control endpoint ${ctx.method} ${ctx.path}.` })
    );
  } catch (err) {
    if (err instanceof EmulatorInputError)
      return json(400, { error: 'invalid_input', field: err.field, message: err.message });
    if (err instanceof EntraFailure) return json(err.status, { error: err.error, message: err.message });
    throw err;
  }
}
