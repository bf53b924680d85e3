/**
 * `Retry-After` parsing: delta seconds or an HTTP date (RFC 9110 §10.2.3).
 */

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
