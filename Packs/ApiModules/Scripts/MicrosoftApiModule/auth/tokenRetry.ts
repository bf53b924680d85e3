/**
 * Bounded retries of token requests (identity platform and oproxy) that met throttling (429), a
 * server error (5xx) or a dropped connection. Each attempt is built afresh by the caller: a
 * certificate assertion's `jti` is single use and an oproxy `encrypted_token` carries a timestamp and
 * a nonce, so a request is never replayed byte for byte.
 */
import { NetworkError } from '../errors';
import { isTransientNetworkError } from '../http/networkErrors';
import { parseRetryAfter } from '../http/retryAfter';
import type { HttpAnswer, HttpChannel } from '../http/send';

/** How often and how long to retry. */
export interface TokenRetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Total wait across retries; a Retry-After beyond it ends the retries at once. */
  readonly maxTotalWaitMs: number;
  /** First wait without Retry-After; doubled for each further retry. */
  readonly baseDelayMs: number;
}

/** Identity platform: at most 2 retries and 60 s of waiting (1, 2 s without Retry-After). */
export const IDENTITY_RETRY: TokenRetryPolicy = { maxRetries: 2, maxTotalWaitMs: 60_000, baseDelayMs: 1000 };

/**
 * Oproxy: one retry, then upstream's client-side back-off takes over. The oproxy is a shared
 * service with its own back-off contract (2, 4 ... 64 s between refused calls); one quick retry
 * rides out a blip without hammering it.
 */
export const OPROXY_RETRY: TokenRetryPolicy = { maxRetries: 1, maxTotalWaitMs: 60_000, baseDelayMs: 1000 };

/** True for statuses worth another attempt: throttling and server errors. */
export function isRetryableTokenStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

type Outcome = { answer: HttpAnswer } | { failure: NetworkError };

/**
 * Runs `attempt` until it gives a final answer, retrying throttled, failed and dropped attempts
 * within `policy`. Waits go through the channel's clock.
 * @returns the last answer, whatever its status (the caller classifies it).
 * @throws the last NetworkError when no attempt got an answer, or any other error of `attempt`.
 */
export async function withTokenRetries(
  channel: HttpChannel,
  policy: TokenRetryPolicy,
  label: string,
  attempt: () => Promise<HttpAnswer>,
): Promise<HttpAnswer> {
  let waitedMs = 0;
  for (let retries = 0; ; retries++) {
    const outcome = await run(attempt);
    const delay = retryDelay(outcome, channel.clock.now(), policy, retries, waitedMs);
    if (delay === undefined) {
      if ('failure' in outcome) throw outcome.failure;
      return outcome.answer;
    }
    const after = 'answer' in outcome ? String(outcome.answer.status) : 'no response';
    channel.log.debug(`${label} retry ${retries + 1} in ${delay} ms after ${after}`);
    await channel.clock.sleep(delay);
    waitedMs += delay;
  }
}

async function run(attempt: () => Promise<HttpAnswer>): Promise<Outcome> {
  try {
    return { answer: await attempt() };
  } catch (error) {
    if (error instanceof NetworkError) return { failure: error };
    throw error;
  }
}

/** The wait before the next attempt, or `undefined` when the outcome is final. */
function retryDelay(
  outcome: Outcome,
  nowMs: number,
  policy: TokenRetryPolicy,
  retries: number,
  waitedMs: number,
): number | undefined {
  let retryAfterMs: number | undefined;
  if ('failure' in outcome) {
    // Timeouts are final: the caller already waited the whole timeout once.
    if (!isTransientNetworkError(outcome.failure.cause)) return undefined;
  } else {
    if (!isRetryableTokenStatus(outcome.answer.status)) return undefined;
    retryAfterMs = parseRetryAfter(outcome.answer.headers['retry-after'], nowMs);
  }
  if (retries >= policy.maxRetries) return undefined;
  const delay = retryAfterMs ?? policy.baseDelayMs * 2 ** retries;
  return waitedMs + delay <= policy.maxTotalWaitMs ? delay : undefined;
}
