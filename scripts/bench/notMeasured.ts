/**
 * "Not measured": a measurement whose dependency is missing or failed. The bench prints the reason
 * in the row instead of crashing.
 */

/** Thrown by a measurement that cannot produce a value; `message` is the reason shown in the row. */
export class NotMeasuredError extends Error {
  override readonly name = 'NotMeasuredError';
}

/** The reason to print for any failure of a measurement: one line, no stack. */
export function reasonOf(err: unknown): string {
  if (err instanceof NotMeasuredError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `failed: ${message.split('\n')[0].slice(0, 200)}`;
}
