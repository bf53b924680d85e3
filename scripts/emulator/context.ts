/**
 * The per-request context handed to every handler, and the reply it returns. Handlers never touch
 * the socket: the server writes the reply, which lets fault injection drop or corrupt it.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { LoggedRequest } from './requestLog';

/** What a handler answers. The server serializes it (or drops it, under a fault). */
export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Which family of endpoints a request hit (for the request log and token counters). */
export type EndpointKind = 'identity' | 'imds' | 'oproxy' | 'graph' | 'control' | 'other';

/** A parsed request. */
export interface RequestContext {
  readonly method: string;
  /** The raw pathname, still percent-encoded. */
  readonly path: string;
  /** Path segments, percent-decoded (empty segments removed). */
  readonly segments: readonly string[];
  /** Query parameters with percent-decoded names and values; the first value wins. */
  readonly query: Readonly<Record<string, string>>;
  /** The raw query string without `?` (empty when none). */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /**
   * The origin the client believes it talks to: `X-Forwarded-Proto`/`X-Forwarded-Host` when a
   * redirecting client sets them, else the Host header. Used for absolute links and assertion `aud`.
   */
  readonly origin: string;
  /** A fresh GUID per request (Graph `request-id`, Entra `trace_id`). */
  readonly requestId: string;
  /** A token lifetime forced by a fault for this request, in seconds. */
  readonly tokenLifetimeSeconds?: number;
  /** The request's log entry (absent for control requests), for handlers that add a detail. */
  readonly logEntry?: LoggedRequest;
}

/** A JSON reply. */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

/** An empty reply (e.g. DELETE's 204). */
export function empty(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers };
}

/** Reads one header as a single string (the first value of a repeated header). */
export function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The body parsed as an `application/x-www-form-urlencoded` form (first value wins). */
export function formBody(ctx: RequestContext): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(ctx.body.toString('utf8'))) {
    if (!(key in form)) form[key] = value;
  }
  return form;
}

/** The body parsed as JSON, or `undefined` when it is not valid JSON. */
export function jsonBody(ctx: RequestContext): unknown {
  try {
    return JSON.parse(ctx.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** True when the value is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
