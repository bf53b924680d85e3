/** Graph's error shape: `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`. */
import { header, json, type Reply, type RequestContext } from '../context';

/** A Graph error to answer with; thrown by handlers and turned into a reply by the Graph router. */
export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'GraphFailure';
  }
}

/** The Graph error reply for a failure. */
export function graphError(ctx: RequestContext, failure: GraphFailure): Reply {
  const clientRequestId = header(ctx, 'client-request-id') ?? ctx.requestId;
  return json(
    failure.status,
    {
      error: {
        code: failure.code,
        message: failure.message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': ctx.requestId,
          'client-request-id': clientRequestId,
        },
      },
    },
    { ...graphHeaders(ctx), ...failure.headers },
  );
}

/** The diagnostic headers Graph puts on every answer. */
export function graphHeaders(ctx: RequestContext): Record<string, string> {
  return {
    'request-id': ctx.requestId,
    'client-request-id': header(ctx, 'client-request-id') ?? ctx.requestId,
    'x-ms-ags-diagnostic':
      '{"ServerInfo":{"DataCenter":"Emulator","Slice":"E","Ring":"5","ScaleUnit":"000","RoleInstance":"EMU"}}',
  };
}

/** 404 for a missing event or calendar, worded like Exchange. */
export function itemNotFound(): GraphFailure {
  return new GraphFailure(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}

/** 400 for a malformed query option. */
export function badRequest(message: string, code = 'BadRequest'): GraphFailure {
  return new GraphFailure(400, code, message);
}
