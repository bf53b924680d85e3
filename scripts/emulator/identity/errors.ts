/**
 * Entra ID's error shape: `error`, `error_description` starting `AADSTSnnnn:` (with the trace
 * details Entra appends), `error_codes`, `timestamp`, `trace_id`, `correlation_id`, `error_uri`.
 */
import { formBody, header, json, type Reply, type RequestContext } from '../context';
import { guid } from '../crypto';

/** An Entra error to answer with; thrown by the identity handlers. */
export class EntraFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`AADSTS${code}: ${description}`);
    this.name = 'EntraFailure';
  }
}

/** `2024-05-01 12:00:00Z`, Entra's timestamp format. */
export function entraTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

function correlationId(ctx: RequestContext): string {
  const fromForm = ctx.method === 'POST' ? formBody(ctx)['client-request-id'] : undefined;
  return header(ctx, 'client-request-id') ?? fromForm ?? guid();
}

/** The Entra error reply for a failure. */
export function entraError(ctx: RequestContext, failure: EntraFailure, nowMs: number): Reply {
  const timestamp = entraTimestamp(nowMs);
  const correlation = correlationId(ctx);
  return json(
    failure.status,
    {
      error: failure.error,
      error_description: `AADSTS${failure.code}: ${failure.description} Trace ID: ${ctx.requestId} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
      error_codes: [failure.code],
      timestamp,
      trace_id: ctx.requestId,
      correlation_id: correlation,
      error_uri: `${ctx.origin}/error?code=${failure.code}`,
    },
    { 'cache-control': 'no-store, no-cache', 'x-ms-request-id': ctx.requestId },
  );
}

/** 400 `invalid_request` AADSTS900144: a required form parameter is missing. */
export function missingParameter(name: string): EntraFailure {
  return new EntraFailure(
    400,
    'invalid_request',
    900144,
    `The request body must contain the following parameter: '${name}'.`,
  );
}
