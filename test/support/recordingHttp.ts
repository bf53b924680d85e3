/**
 * HttpFactory decorators for tests: record every request the module attempts, refuse any host that
 * is not allowed (locally, with a connection-refused error: nothing leaves the machine), and cap
 * the per-request timeout so a "slower than the timeout" fault does not take a minute.
 */
import { AxiosHeaders } from 'axios';
import type { HttpFactory } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/HttpFactory';
import { nodeHttpFactory } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/nodeHttp';

/** A request the module tried to send. */
export interface AttemptedRequest {
  readonly method: string;
  readonly url: string;
  /** False when the guard refused it (it never left the process). */
  readonly allowed: boolean;
  /**
   * The Authorization header sent, if any. Secret: compare it in a boolean expression, never
   * hand it to `expect` (a failing assertion would print it).
   */
  readonly authorization?: string;
}

/** Options of {@link recordingHttp}. */
export interface RecordingOptions {
  /** Origins (e.g. the emulator URL) requests may go to; others are refused. Default: none. */
  readonly allowedOrigins?: readonly string[];
  /** Upper bound of every client's timeout in ms. */
  readonly maxTimeoutMs?: number;
  readonly base?: HttpFactory;
}

/** A recording, guarding HttpFactory and what it saw. */
export interface RecordingHttp {
  readonly factory: HttpFactory;
  readonly attempts: AttemptedRequest[];
}

function originOf(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  return match ? match[0].toLowerCase() : '';
}

/** Builds the factory. */
export function recordingHttp(options: RecordingOptions = {}): RecordingHttp {
  const attempts: AttemptedRequest[] = [];
  const allowed = new Set((options.allowedOrigins ?? []).map((o) => o.toLowerCase()));
  const base = options.base ?? nodeHttpFactory;
  const factory: HttpFactory = (clientOptions) => {
    const timeoutMs =
      options.maxTimeoutMs === undefined
        ? clientOptions.timeoutMs
        : Math.min(clientOptions.timeoutMs, options.maxTimeoutMs);
    const client = base({ ...clientOptions, timeoutMs });
    client.interceptors.request.use((config) => {
      const url = config.url ?? '';
      const ok = allowed.has(originOf(url));
      const authorization = AxiosHeaders.from(config.headers).get('Authorization');
      attempts.push({
        method: (config.method ?? 'get').toUpperCase(),
        url,
        allowed: ok,
        authorization: typeof authorization === 'string' ? authorization : undefined,
      });
      // Refused like a closed port, so the module's own network-error handling is exercised.
      if (!ok) throw Object.assign(new Error(`connect ECONNREFUSED (test guard)`), { code: 'ECONNREFUSED' });
      return config;
    });
    return client;
  };
  return { factory, attempts };
}
