/**
 * The Graph transport: bearer authentication, the link check that keeps the token under the
 * configured Graph base, one token refresh on a 401, and the retries of the one retry engine:
 * throttled or unavailable idempotent requests (honouring Retry-After), dropped connections, and
 * one immediate retry of a timed-out POST that carries an idempotency key.
 */
import { ArgumentError, ErrorCode, GraphError, IntegrationError } from '../core/errors';
import { isTimeoutError, isTransientNetworkError } from '../http/networkErrors';
import { answerOf, parseRetryAfter, withRetries, type RetryPolicy } from '../http/retry';
import { send, type HttpAnswer, type HttpChannel } from '../http/send';
import { encodeQuery, isAbsoluteUrl, withQuery } from '../http/urls';
import type { GraphApi, GraphRequest, GraphResponse } from './GraphApi';
import { graphError } from './graphErrors';
import { checkGraphLink, refusedLinkMessage } from './graphLink';

/** A bearer token and where it came from. */
export interface BearerToken {
  readonly token: string;
  readonly fromCache: boolean;
  readonly shortLived: boolean;
}

/** Where bearer tokens come from. */
export interface TokenSource {
  getToken(): Promise<BearerToken>;
  invalidate(token: string): Promise<void>;
}

const RETRYABLE_STATUSES = [429, 503, 504];

/** Graph's retry policy for one request: at most 3 retries and 60 s; 1, 2, 4 s without Retry-After. */
export function graphPolicy(request: GraphRequest): RetryPolicy {
  const idempotent = request.method !== 'POST' || request.idempotent === true;
  let timedOutOnce = false;
  return {
    label: 'graph',
    maxRetries: 3,
    maxTotalWaitMs: 60_000,
    baseDelayMs: 1000,
    decide(outcome, nowMs) {
      if (!idempotent) return undefined;
      if ('answer' in outcome) {
        const { status, headers } = outcome.answer;
        if (RETRYABLE_STATUSES.indexOf(status) < 0) return undefined;
        return { delayMs: parseRetryAfter(headers['retry-after'], nowMs) };
      }
      if (isTransientNetworkError(outcome.failure.cause)) return {};
      // A write with an idempotency key (create-event's transactionId) may have succeeded although
      // its answer never came: one immediate retry returns what Graph created, where a manual
      // re-run (new key) would duplicate it. Once: a dead host must not cost many timeouts.
      if (request.idempotent !== true || timedOutOnce || !isTimeoutError(outcome.failure.cause))
        return undefined;
      timedOutOnce = true;
      return { delayMs: 0, uncounted: true };
    },
  };
}

/**
 * True when a 401 on this token is worth one new token: it came from the cache, or it was granted
 * for less than the refresh margin. A token just granted for its normal lifetime and refused is a
 * permission or audience problem that a new token does not fix.
 */
const mayBeStale = (token: BearerToken): boolean => token.fromCache || token.shortLived;

/** The GraphApi implementation. */
export class GraphClient implements GraphApi {
  readonly baseUrl: string;

  constructor(
    graphUrl: string,
    private readonly channel: HttpChannel,
    private readonly tokens: TokenSource,
  ) {
    this.baseUrl = `${graphUrl}/v1.0/`;
  }

  /** @throws ArgumentError (next_link), GraphError, NetworkError, or the token errors. */
  async request<T = unknown>(request: GraphRequest): Promise<GraphResponse<T>> {
    const url = withQuery(this.resolve(request), encodeQuery(request.query));
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const policy = graphPolicy(request);
    let token = await this.tokens.getToken();
    for (let refreshed = false; ; refreshed = true) {
      const result = await withRetries(this.channel, policy, () =>
        this.send(request, url, body, token.token),
      );
      const answer = answerOf(result);
      if (answer.status >= 200 && answer.status < 300) return this.success<T>(answer);
      if (request.method === 'DELETE' && answer.status === 404 && result.attempts > 1) {
        // The first attempt's answer was lost (reset, 504) after Graph deleted the item: the
        // retry finds nothing. The deletion the user asked for happened; report it.
        this.channel.log.debug('graph: a retried DELETE found nothing; the first attempt deleted it');
        return { status: 204, data: undefined as T, headers: answer.headers };
      }
      if (answer.status === 401 && mayBeStale(token) && !refreshed) {
        // A cached token can be revoked or rotated early, and a token granted for less than the
        // refresh margin may have expired on arrival: one new token settles both.
        await this.tokens.invalidate(token.token);
        token = await this.tokens.getToken();
        continue;
      }
      throw graphError(answer, [token.token], result.refusedWaitMs, request.path);
    }
  }

  private resolve(request: GraphRequest): string {
    // A link (from the next_link argument or from Graph) must be absolute; our own paths are
    // relative to the base. Both go through the one check: the bearer token never leaves the base.
    const link = request.linkSource !== undefined || isAbsoluteUrl(request.path);
    const url = link ? request.path : this.baseUrl + request.path.replace(/^\/+/, '');
    const check = checkGraphLink(this.baseUrl, url, { ownPath: !link });
    if (check.ok) return check.url;
    if (!link) {
      const message = `The request path leaves the configured Server URL (${this.baseUrl}): ${check.reason}.`;
      throw new IntegrationError(ErrorCode.argument, message);
    }
    const source = request.linkSource ?? 'next_link';
    const message = refusedLinkMessage(source, this.baseUrl, check.reason);
    if (source === 'next_link') throw new ArgumentError('next_link', message);
    throw new GraphError(message, 200);
  }

  private send(
    request: GraphRequest,
    url: string,
    body: string | undefined,
    token: string,
  ): Promise<HttpAnswer> {
    const headers = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    };
    return send(this.channel, { method: request.method, url, headers, body, label: 'graph' });
  }

  private success<T>(answer: HttpAnswer): GraphResponse<T> {
    if (!answer.text.trim()) return { status: answer.status, data: undefined as T, headers: answer.headers };
    try {
      return { status: answer.status, data: JSON.parse(answer.text) as T, headers: answer.headers };
    } catch (error) {
      const message = `Microsoft Graph returned ${answer.status} with a body that is not JSON.`;
      throw new GraphError(message, answer.status, undefined, undefined, answer.headers['request-id'], {
        cause: error,
      });
    }
  }
}
