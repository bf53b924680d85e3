/**
 * `Retry-After` parsing: delta seconds or an HTTP date (RFC 9110 §10.2.3).
 */

/**
 * The wait a `Retry-After` header asks for, in milliseconds, or `undefined` when absent or
 * unparseable. A date in the past gives 0.
 */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  const trimmed = String(text).trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
