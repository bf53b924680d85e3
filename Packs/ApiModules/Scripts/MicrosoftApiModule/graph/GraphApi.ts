/**
 * The Microsoft Graph transport the commands use. It authenticates every call, retries what is
 * safe to retry, and never sends the bearer token to a host other than the configured Graph base.
 */

import type { LinkSource } from './graphLink';

/** HTTP methods the commands use. */
export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One Graph call. */
export interface GraphRequest {
  readonly method: GraphMethod;
  /**
   * Either a path relative to `<graph>/v1.0/` whose segments are already URL-encoded
   * (e.g. `users/alice%40contoso.com/calendars`), or an absolute URL (an `@odata.nextLink`),
   * which is refused unless it resolves to a URL under the configured Graph base URL.
   */
  readonly path: string;
  /** Where an absolute `path` came from (the `next_link` argument or Graph), for the refusal message. */
  readonly linkSource?: LinkSource;
  /** OData query options (`$top`, `$filter`, ...), encoded by the transport. */
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  /**
   * True when repeating the request cannot duplicate a write (e.g. a POST carrying a
   * `transactionId`). GET, PATCH and DELETE are idempotent by nature.
   */
  readonly idempotent?: boolean;
}

/** A successful (2xx) Graph answer. */
export interface GraphResponse<T = unknown> {
  readonly status: number;
  /** Parsed JSON body, or undefined for an empty body (204). */
  readonly data: T;
  readonly headers: Readonly<Record<string, string>>;
}

/** The Graph transport. Non-2xx answers are thrown as `GraphError`. */
export interface GraphApi {
  /** The base URL ending in `/v1.0/`, e.g. `https://graph.microsoft.com/v1.0/`. */
  readonly baseUrl: string;
  request<T = unknown>(request: GraphRequest): Promise<GraphResponse<T>>;
}
