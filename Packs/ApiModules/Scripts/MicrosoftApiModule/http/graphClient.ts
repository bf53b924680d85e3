/**
 * The Graph transport: bearer authentication, a next-link guard that keeps the token on the
 * configured Graph host, one token refresh on a 401, bounded retries of throttled idempotent
 * requests honouring Retry-After, and one retry of a timed-out POST that carries an idempotency key.
 */
import type { AccessToken } from '../cache/tokenCache';
import { ArgumentError, GraphError, NetworkError } from '../errors';
import type { GraphApi, GraphRequest, GraphResponse } from './GraphApi';
import { graphError } from './graphErrors';
import { isTimeoutError, isTransientNetworkError } from './networkErrors';
import { parseRetryAfter } from './retryAfter';
import { send, type HttpAnswer, type HttpChannel } from './send';
import { encodeQuery, isAbsoluteUrl, withQuery } from './urls';

/** Where bearer tokens come from. */
export interface TokenSource {
  getToken(): Promise<AccessToken>;
  invalidate(token: string): Promise<void>;
}

/** Retry bounds for throttled (429) and unavailable (503, 504) answers. */
export interface GraphRetryPolicy {
  readonly maxRetries: number;
  readonly maxTotalWaitMs: number;
  readonly baseDelayMs: number;
}

/** At most 3 retries and 60 s of waiting in total; 1, 2, 4 s without Retry-After. */
export const DEFAULT_GRAPH_RETRY: GraphRetryPolicy = {
  maxRetries: 3,
  maxTotalWaitMs: 60_000,
  baseDelayMs: 1000,
};

const RETRYABLE_STATUSES = new Set([429, 503, 504]);

/**
 * True when a 401 on this token is worth one new token: it came from the cache, or it was granted
 * with a lifetime shorter than the refresh margin. A token just granted for its normal lifetime and
 * refused is a permission or audience problem that a new token does not fix.
 */
function mayBeStale(token: AccessToken): boolean {
  return token.fromCache || token.shortLived;
}

/** Per-request state of the retry loop. */
interface Attempts {
  token: AccessToken;
  refreshed: boolean;
  timedOutOnce: boolean;
  retries: number;
  waitedMs: number;
}

/** The GraphApi implementation. */
export class GraphClient implements GraphApi {
  readonly baseUrl: string;

  constructor(
    graphUrl: string,
    private readonly channel: HttpChannel,
    private readonly tokens: TokenSource,
    private readonly retry: GraphRetryPolicy = DEFAULT_GRAPH_RETRY,
  ) {
    this.baseUrl = `${graphUrl}/v1.0/`;
  }

  /** @throws ArgumentError (next_link), GraphError, NetworkError, or the token errors. */
  async request<T = unknown>(request: GraphRequest): Promise<GraphResponse<T>> {
    const url = withQuery(this.resolve(request.path), encodeQuery(request.query));
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const idempotent = request.method !== 'POST' || request.idempotent === true;
    const state: Attempts = {
      token: await this.tokens.getToken(),
      refreshed: false,
      timedOutOnce: false,
      retries: 0,
      waitedMs: 0,
    };
    for (;;) {
      const answer = await this.attempt(request, url, body, state, idempotent);
      if (!answer) continue;
      if (answer.status >= 200 && answer.status < 300) return this.success<T>(answer);
      if (await this.shouldRetry(answer, state, idempotent)) continue;
      throw graphError(answer, [state.token.token]);
    }
  }

  private resolve(path: string): string {
    if (!isAbsoluteUrl(path)) return this.baseUrl + path.replace(/^\/+/, '');
    // The bearer token must never leave the configured Graph base (a forged or foreign next link).
    if (path.startsWith(this.baseUrl)) return path;
    throw new ArgumentError(
      'next_link',
      `next_link must be a Microsoft Graph link that starts with ${this.baseUrl}; the request was not sent.`,
    );
  }

  /** One exchange; `undefined` when a network failure was ridden out and the loop should go on. */
  private async attempt(
    request: GraphRequest,
    url: string,
    body: string | undefined,
    state: Attempts,
    idempotent: boolean,
  ): Promise<HttpAnswer | undefined> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${state.token.token}`,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    };
    try {
      return await send(this.channel, { method: request.method, url, headers, body, label: 'graph' });
    } catch (error) {
      if (!(error instanceof NetworkError) || !idempotent) throw error;
      if (isTransientNetworkError(error.cause)) {
        if (!(await this.wait(state, undefined))) throw error;
        return undefined;
      }
      if (!this.retryAfterTimeout(request, error, state)) throw error;
      return undefined;
    }
  }

  /**
   * A write with an idempotency key (create-event's transactionId) may have succeeded although its
   * answer never came: one immediate retry returns the event Graph created instead of an error
   * that a manual re-run (with a new key) would turn into a duplicate. Only once: a dead host must
   * not cost many timeouts. Reads are not retried: the user already waited the whole timeout.
   */
  private retryAfterTimeout(request: GraphRequest, error: NetworkError, state: Attempts): boolean {
    if (request.idempotent !== true || state.timedOutOnce || !isTimeoutError(error.cause)) return false;
    state.timedOutOnce = true;
    this.channel.log.debug('graph retry after a timeout (idempotency key)');
    return true;
  }

  private async shouldRetry(answer: HttpAnswer, state: Attempts, idempotent: boolean): Promise<boolean> {
    if (answer.status === 401 && mayBeStale(state.token) && !state.refreshed) {
      // A cached token can be revoked or rotated early, and a token granted for less than the
      // refresh margin may have expired on arrival: one new token settles both.
      await this.tokens.invalidate(state.token.token);
      state.token = await this.tokens.getToken();
      state.refreshed = true;
      return true;
    }
    if (!RETRYABLE_STATUSES.has(answer.status) || !idempotent) return false;
    const retryAfter = parseRetryAfter(answer.headers['retry-after'], this.channel.clock.now());
    return this.wait(state, retryAfter);
  }

  /** Sleeps before the next retry if the budget allows; false when it is spent. */
  private async wait(state: Attempts, retryAfterMs: number | undefined): Promise<boolean> {
    const delay = retryAfterMs ?? this.retry.baseDelayMs * 2 ** state.retries;
    if (state.retries >= this.retry.maxRetries || state.waitedMs + delay > this.retry.maxTotalWaitMs)
      return false;
    this.channel.log.debug(`graph retry ${state.retries + 1} in ${delay} ms`);
    await this.channel.clock.sleep(delay);
    state.retries += 1;
    state.waitedMs += delay;
    return true;
  }

  private success<T>(answer: HttpAnswer): GraphResponse<T> {
    if (!answer.text.trim()) return { status: answer.status, data: undefined as T, headers: answer.headers };
    try {
      return { status: answer.status, data: JSON.parse(answer.text) as T, headers: answer.headers };
    } catch (error) {
      throw new GraphError(
        `Microsoft Graph returned ${answer.status} with a body that is not JSON.`,
        answer.status,
        undefined,
        undefined,
        answer.headers['request-id'],
        { cause: error },
      );
    }
  }
}
