/**
 * The one retry engine. Every caller (token endpoints and oproxy, the managed identity endpoint,
 * Microsoft Graph) gives a policy: which outcomes deserve another attempt, how many, and how long
 * to wait in all. All retries of one command also share a {@link RetryBudget}, so a command waits
 * at most that long whatever the number of requests or pages; a wait that does not fit is not
 * waited: the caller fails at once and can say when to try again. `Retry-After` is read here too
 * (delta seconds or an HTTP date, RFC 9110 §10.2.3).
 */
import type { Clock, Logger } from '../../../../Base/Scripts/CommonServer/runtime';
import { NetworkError } from '../core/errors';
import type { HttpAnswer } from './send';

/** One attempt's outcome: an HTTP answer of any status, or no answer at all. */
export type Outcome = { readonly answer: HttpAnswer } | { readonly failure: NetworkError };

/** A policy's decision to try again. */
export interface RetryStep {
  /** The wait the answer asks for (Retry-After) or the policy fixes; else the exponential back-off. */
  readonly delayMs?: number;
  /** The retry does not count against `maxRetries` (a managed identity endpoint restarting). */
  readonly uncounted?: boolean;
}

/** How one caller retries. */
export interface RetryPolicy {
  /** For the debug log, e.g. `graph`. */
  readonly label: string;
  readonly maxRetries: number;
  /** Total wait of one retried request; a wait beyond it ends the retries at once. */
  readonly maxTotalWaitMs: number;
  /** First wait without a delay from the step; doubled for each further retry. */
  readonly baseDelayMs: number;
  /** Another attempt, or `undefined` when the outcome is final. */
  decide(outcome: Outcome, nowMs: number): RetryStep | undefined;
}

/** The waiting time one command may spend on retries, across all its requests. */
export class RetryBudget {
  private spentMs = 0;

  constructor(readonly totalMs: number) {}

  /** What is left. */
  get remainingMs(): number {
    return Math.max(0, this.totalMs - this.spentMs);
  }

  /** Records a wait. */
  spend(ms: number): void {
    this.spentMs += ms;
  }
}

/** The final outcome, and the wait that was asked for but not waited (budget or policy spent). */
export interface RetryResult {
  readonly outcome: Outcome;
  readonly refusedWaitMs?: number;
  /** How many attempts were made (1 when the first outcome was final). */
  readonly attempts: number;
}

/**
 * Attempts in all, whatever the policy: an endpoint that asks for another attempt "now" forever
 * (a 410 with `Retry-After: 0`) must not keep a command, and the engine, busy.
 */
export const MAX_ATTEMPTS = 16;

/** Where waits and log lines go. */
export interface RetryContext {
  readonly clock: Clock;
  readonly log: Logger;
  readonly budget: RetryBudget;
}

async function run(attempt: () => Promise<HttpAnswer>): Promise<Outcome> {
  try {
    return { answer: await attempt() };
  } catch (error) {
    if (error instanceof NetworkError) return { failure: error };
    throw error;
  }
}

/**
 * Runs `attempt` until the policy calls its outcome final or a limit is reached.
 * @returns the last outcome (the caller classifies it), with any wait that was refused.
 * @throws whatever `attempt` throws other than a NetworkError.
 */
export async function withRetries(
  ctx: RetryContext,
  policy: RetryPolicy,
  attempt: () => Promise<HttpAnswer>,
): Promise<RetryResult> {
  let retries = 0;
  let waitedMs = 0;
  for (let attempts = 1; ; attempts++) {
    const outcome = await run(attempt);
    const step = policy.decide(outcome, ctx.clock.now());
    if (step === undefined || attempts >= MAX_ATTEMPTS) return { outcome, attempts };
    if (!step.uncounted && retries >= policy.maxRetries) return { outcome, attempts };
    const delay = Math.max(0, step.delayMs ?? policy.baseDelayMs * 2 ** retries);
    if (waitedMs + delay > policy.maxTotalWaitMs || delay > ctx.budget.remainingMs)
      return { outcome, refusedWaitMs: delay, attempts };
    const after = 'answer' in outcome ? String(outcome.answer.status) : 'no response';
    ctx.log.debug(`${policy.label} retry ${retries + 1} in ${delay} ms after ${after}`);
    if (delay > 0) await ctx.clock.sleep(delay);
    ctx.budget.spend(delay);
    waitedMs += delay;
    if (!step.uncounted) retries += 1;
  }
}

/** The answer of a result, or its network failure thrown. */
export function answerOf(result: RetryResult): HttpAnswer {
  if ('failure' in result.outcome) throw result.outcome.failure;
  return result.outcome.answer;
}

// An HTTP date names a weekday or month: anything numeric-looking that is not a plain delta
// (`-5`, `1e3`, `0x10`) is malformed, not a date (Date.parse would read `-5` as the year -5).
const LOOKS_LIKE_DATE = /[a-zA-Z]{3}/;

/**
 * The wait a `Retry-After` header asks for, in milliseconds, or `undefined` when absent or
 * malformed (a negative delta included: treated as absent). A date in the past gives 0.
 */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  const trimmed = String(text).trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (!LOOKS_LIKE_DATE.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
