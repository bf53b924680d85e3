/**
 * When to retry an IMDS token request (Azure "how to use managed identities on a VM" and MSAL's
 * IMDS policy): 404, 429, 5xx and socket errors up to 3 times with 1, 2, 4 s waits (or the server's
 * Retry-After); 410 (IMDS restarting) every 10 s until ~70 s have passed. 400, 401, 403 and other
 * statuses are final. The total wait is bounded.
 */

/** What the last attempt produced. */
export interface ImdsOutcome {
  /** HTTP status, or undefined for a socket error (refused, reset, timeout). */
  readonly status?: number;
  /** Parsed Retry-After in ms, if the answer had one. */
  readonly retryAfterMs?: number;
}

/** Retries done and time waited so far. */
export interface ImdsRetryState {
  readonly retries: number;
  readonly waitedMs: number;
}

/** The policy's numbers. */
export const IMDS_RETRY = {
  maxRetries: 3,
  baseDelayMs: 1000,
  goneIntervalMs: 10_000,
  /** IMDS is documented to be back within 70 s after a 410. */
  totalBudgetMs: 70_000,
  attemptTimeoutMs: 5000,
} as const;

/** True for statuses worth retrying. */
export function isRetryableImdsStatus(status: number): boolean {
  return status === 404 || status === 410 || status === 429 || status >= 500;
}

/** The wait before the next attempt in ms, or `undefined` to give up. */
export function nextImdsDelay(outcome: ImdsOutcome, state: ImdsRetryState): number | undefined {
  if (outcome.status !== undefined && !isRetryableImdsStatus(outcome.status)) return undefined;
  let delay: number;
  if (outcome.status === 410) {
    delay = outcome.retryAfterMs ?? IMDS_RETRY.goneIntervalMs;
  } else {
    if (state.retries >= IMDS_RETRY.maxRetries) return undefined;
    delay = outcome.retryAfterMs ?? IMDS_RETRY.baseDelayMs * 2 ** state.retries;
  }
  return state.waitedMs + delay <= IMDS_RETRY.totalBudgetMs ? delay : undefined;
}
