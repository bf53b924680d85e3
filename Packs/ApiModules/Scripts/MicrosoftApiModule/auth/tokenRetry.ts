/**
 * The retry policies of token requests (identity platform and oproxy): throttling (429), a server
 * error (5xx) or a dropped connection is worth another attempt, waiting Retry-After or 1 then 2 s.
 * Timeouts and other statuses are final. Each attempt is built afresh by the caller: a certificate
 * assertion's `jti` is single use and an oproxy `encrypted_token` carries a timestamp and a nonce,
 * so a request is never replayed byte for byte.
 */
import { isTransientNetworkError } from '../http/networkErrors';
import { parseRetryAfter, type RetryPolicy } from '../http/retry';

/** True for statuses worth another attempt: throttling and server errors. */
export function isRetryableTokenStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

function tokenPolicy(label: string, maxRetries: number): RetryPolicy {
  return {
    label,
    maxRetries,
    maxTotalWaitMs: 60_000,
    baseDelayMs: 1000,
    decide(outcome, nowMs) {
      if ('failure' in outcome) return isTransientNetworkError(outcome.failure.cause) ? {} : undefined;
      if (!isRetryableTokenStatus(outcome.answer.status)) return undefined;
      return { delayMs: parseRetryAfter(outcome.answer.headers['retry-after'], nowMs) };
    },
  };
}

/** Identity platform: at most 2 retries and 60 s of waiting. */
export const IDENTITY_RETRY: RetryPolicy = tokenPolicy('token', 2);

/**
 * Oproxy: one retry, then upstream's client-side back-off takes over. The oproxy is a shared
 * service with its own back-off contract (2, 4 ... 64 s between refused calls); one quick retry
 * rides out a blip without hammering it.
 */
export const OPROXY_RETRY: RetryPolicy = tokenPolicy('oproxy', 1);
