/**
 * What a flow needs besides its settings: the runtime pieces it may touch (the integration context
 * for the oproxy's nonce counter and back-off, the log, the clock, the server info headers), the
 * injected dependencies, and the integration's names.
 */
import type { XsoarRuntime } from '../../../../Base/Scripts/CommonServer/runtime';
import type { MicrosoftDeps } from './deps';
import type { HttpClientOptions } from '../http/HttpFactory';
import type { RetryBudget } from '../http/retry';
import type { HttpChannel } from '../http/send';

/** The runtime parts the module uses. */
export type ModuleRuntime = Pick<XsoarRuntime, 'context' | 'log' | 'clock' | 'serverInfo' | 'run'>;

/** Optional certificate-flow settings that the instance settings cannot hold. */
export interface CertificateOptions {
  /**
   * `RS256` with the SHA-1 `x5t` header (default, what upstream sends), or `PS256` with the
   * SHA-256 `x5t#S256` header, which needs the certificate itself (`certificatePem`).
   */
  readonly algorithm?: 'RS256' | 'PS256';
  /** The PEM certificate whose private key is configured; required for PS256. */
  readonly certificatePem?: string;
}

/** Inputs shared by every flow. */
export interface FlowContext {
  readonly runtime: ModuleRuntime;
  readonly deps: MicrosoftDeps;
  /** The oproxy application name, e.g. `ms-graph-calendar`. */
  readonly appName: string;
  /** The command prefix used in the auth-reset hint, e.g. `msgraph-calendar`. */
  readonly commandPrefix: string;
  readonly certificate?: CertificateOptions;
  /** The retry budget of the command (shared by every request it makes). */
  readonly budget: RetryBudget;
}

/** Token endpoints answer quickly or not at all; upstream had no timeout, we bound the wait. */
export const TOKEN_TIMEOUT_MS = 30_000;

/** Builds an HTTP channel from the injected factory. */
export function channelFor(ctx: FlowContext, options: HttpClientOptions): HttpChannel {
  return {
    client: ctx.deps.httpFactory(options),
    log: ctx.runtime.log,
    clock: ctx.runtime.clock,
    proxy: options.proxy,
    timeoutMs: options.timeoutMs,
    budget: ctx.budget,
  };
}

/** Whole seconds since the epoch (upstream `epoch_seconds`: truncated, not rounded). */
export function epochSeconds(nowMs: number): number {
  return Math.floor(nowMs / 1000);
}
