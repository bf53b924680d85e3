/**
 * How the module obtains HTTP clients: injected, never global. Node hosts build axios instances
 * with Node agents; the XSOAR bundle builds them over the server's synchronous `http()`.
 */
import type { AxiosInstance } from 'axios';

/** Options for one HTTP client. */
export interface HttpClientOptions {
  /** Skip TLS certificate verification (`insecure`). */
  readonly insecure: boolean;
  /** Use the system proxy from the environment (`proxy`); otherwise never a proxy. */
  readonly proxy: boolean;
  /** Per-request timeout in milliseconds. */
  readonly timeoutMs: number;
}

/**
 * The largest answer (decompressed) the module reads: far more than the largest legitimate Graph
 * page (1,000 events with their bodies), far less than what a hostile endpoint could make a
 * process inflate into memory. Node's own 16 KiB limit bounds the headers.
 */
export const MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

/** Builds axios instances. Implementations must set `validateStatus: () => true`: callers classify statuses. */
export type HttpFactory = (options: HttpClientOptions) => AxiosInstance;
