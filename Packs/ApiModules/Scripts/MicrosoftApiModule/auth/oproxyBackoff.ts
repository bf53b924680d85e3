/**
 * The oproxy's client-side back-off, upstream's "Moderate Retry Mechanism": after a
 * refused call the next one waits 2, 4, ... 64 s. Kept in the integration context under upstream's
 * keys so a context written by the Python integration keeps working.
 */
import type { IntegrationContextStore } from '../../../../Base/Scripts/CommonServer/runtime';
import { DELAY_REQUEST_COUNTER, NEXT_REQUEST_TIME } from '../context/authState';
import { updateContext, mergeKeys } from '../context/contextUpdate';
import { AuthenticationError } from '../core/errors';

const MAX_EXPONENT = 6;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * `YYYY-MM-DD HH:MM:SS` in the engine's local time zone, like Python's
 * `str(datetime.fromtimestamp(t))` (fractions of a second are left out).
 */
export function formatLocalDateTime(epochSeconds: number): string {
  const d = new Date(Math.floor(epochSeconds) * 1000);
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

function readNumber(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

/** @throws AuthenticationError `The request will be delayed until <time>` while the back-off runs. */
export function assertNotDelayed(data: Readonly<Record<string, unknown>>, nowMs: number): void {
  const next = readNumber(data[NEXT_REQUEST_TIME], 0);
  if (next > 0 && nowMs / 1000 < next) {
    throw new AuthenticationError(`The request will be delayed until ${formatLocalDateTime(next)}`);
  }
}

/** The keys to write after a refused call: next time = now + 2^counter, counter + 1. */
export function backoffAfterFailure(
  data: Readonly<Record<string, unknown>>,
  nowMs: number,
): Record<string, number> {
  const counter = Math.min(Math.trunc(readNumber(data[DELAY_REQUEST_COUNTER], 1)), MAX_EXPONENT);
  return { [NEXT_REQUEST_TIME]: nowMs / 1000 + 2 ** counter, [DELAY_REQUEST_COUNTER]: counter + 1 };
}

/** Records a refused call (versioned merge; other keys survive). */
export async function recordFailure(store: IntegrationContextStore, nowMs: number): Promise<void> {
  await updateContext(store, (data) => mergeKeys(data, backoffAfterFailure(data, nowMs)));
}

/** Resets the back-off after a success; writes only when it was not already reset. */
export async function recordSuccess(store: IntegrationContextStore): Promise<void> {
  await updateContext(store, (data) => {
    const reset =
      readNumber(data[NEXT_REQUEST_TIME], 0) === 0 && readNumber(data[DELAY_REQUEST_COUNTER], 1) === 1;
    return reset ? undefined : mergeKeys(data, { [NEXT_REQUEST_TIME]: 0, [DELAY_REQUEST_COUNTER]: 1 });
  });
}
