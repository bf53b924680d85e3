/** Top-level routing: which endpoint family a path belongs to, and dispatch to its handler. */
import { json, type EndpointKind, type Reply, type RequestContext } from './context';
import { handleControl, type EmulatorControl } from './control';
import { handleGraph } from './graph/router';
import { handleIdentity } from './identity/router';
import { handleImds } from './imds';
import { handleOproxy } from './oproxy';
import type { EmulatorState } from './state';

/** The family of a request and whether it is a token request (for the counters). */
export function classify(segments: readonly string[]): { kind: EndpointKind; tokenRequest: boolean } {
  const [first, ...rest] = segments.map((s) => s.toLowerCase());
  if (first === '_emulator') return { kind: 'control', tokenRequest: false };
  if (first === 'metadata') {
    return { kind: 'imds', tokenRequest: rest.join('/') === 'identity/oauth2/token' };
  }
  if (first === 'obtain-token' && rest.length === 0) return { kind: 'oproxy', tokenRequest: true };
  if (first === 'v1.0' || first === 'beta') return { kind: 'graph', tokenRequest: false };
  if (first !== undefined && rest.length >= 1) {
    return { kind: 'identity', tokenRequest: rest.join('/') === 'oauth2/v2.0/token' };
  }
  return { kind: 'other', tokenRequest: false };
}

function notFound(ctx: RequestContext): Reply {
  return json(404, {
    error: 'not_found',
    message: `The emulator has no endpoint ${ctx.method} ${ctx.path}.`,
  });
}

/** Dispatches a parsed request to its handler. */
export function dispatch(
  ctx: RequestContext,
  kind: EndpointKind,
  state: EmulatorState,
  control: EmulatorControl,
): Reply {
  switch (kind) {
    case 'control':
      return handleControl(ctx, control);
    case 'imds':
      return ctx.segments.join('/').toLowerCase() === 'metadata/identity/oauth2/token'
        ? handleImds(ctx, state)
        : notFound(ctx);
    case 'oproxy':
      return handleOproxy(ctx, state);
    case 'graph':
      return handleGraph(ctx, state);
    case 'identity':
      return handleIdentity(ctx, state) ?? notFound(ctx);
    default:
      return notFound(ctx);
  }
}
