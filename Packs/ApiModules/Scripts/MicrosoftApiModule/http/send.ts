/**
 * One HTTP exchange through an injected axios instance: the raw text of the answer whatever its
 * status (callers classify it), a redacted one-line log, and readable NetworkErrors.
 */
import type { AxiosInstance } from 'axios';
import type { Clock, Logger } from '../../../../Base/Scripts/CommonServer/runtime';
import { MAX_RESPONSE_BYTES } from './HttpFactory';
import { toNetworkError, TOO_LARGE } from './networkErrors';
import type { RetryBudget } from './retry';

/** A request as the module sends it. Bodies are already serialized. */
export interface HttpCall {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** What is being called, for the log line (e.g. `token`, `oproxy`, `imds`, `graph`). */
  readonly label: string;
}

/** An HTTP answer of any status. */
export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Where a call is sent from. */
export interface HttpChannel {
  readonly client: AxiosInstance;
  readonly log: Logger;
  readonly clock: Clock;
  readonly proxy: boolean;
  readonly timeoutMs: number;
  /** The retry budget of the command this channel serves. */
  readonly budget: RetryBudget;
}

function normalizeHeaders(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const source = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const entries =
    typeof (source as { toJSON?: unknown }).toJSON === 'function'
      ? Object.entries((source as { toJSON: () => Record<string, unknown> }).toJSON())
      : Object.entries(source);
  for (const [name, value] of entries) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function bodyText(data: unknown): string {
  if (data === undefined || data === null) return '';
  if (typeof data === 'string') return data;
  // Some adapters hand back parsed JSON despite responseType text.
  return JSON.stringify(data);
}

/**
 * Sends the call. Never logs headers or bodies (they hold secrets); logs method, URL, status and
 * duration at debug level.
 * @throws NetworkError when no HTTP answer arrived.
 */
export async function send(channel: HttpChannel, call: HttpCall): Promise<HttpAnswer> {
  const started = channel.clock.now();
  try {
    const response = await channel.client.request({
      method: call.method,
      url: call.url,
      headers: { ...call.headers },
      data: call.body,
      responseType: 'text',
      // Keep the raw text: callers parse it and quote it in errors.
      transformResponse: [(data: unknown) => data],
    });
    const answer = {
      status: response.status,
      text: bodyText(response.data),
      headers: normalizeHeaders(response.headers),
    };
    // Adapters that cannot count while reading (the server's http() hands over a whole body).
    if (answer.text.length > MAX_RESPONSE_BYTES)
      throw Object.assign(new Error(`maxContentLength size of ${MAX_RESPONSE_BYTES} exceeded`), {
        code: TOO_LARGE,
      });
    channel.log.debug(
      `${call.label} ${call.method} ${call.url} -> ${answer.status} (${channel.clock.now() - started} ms)`,
    );
    return answer;
  } catch (error) {
    const networkError = toNetworkError(error, {
      url: call.url,
      proxy: channel.proxy,
      timeoutMs: channel.timeoutMs,
    });
    channel.log.debug(`${call.label} ${call.method} ${call.url} -> no response: ${networkError.message}`);
    throw networkError;
  }
}
