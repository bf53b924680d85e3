/**
 * Pure statistics for the bench: medians and summaries of repeated measurements.
 */

/** A summary of repeated measurements of one quantity. */
export interface Summary {
  /** Number of measured runs (warm-ups excluded). */
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Every measured value, in run order (for results.json). */
  readonly samples: readonly number[];
}

/**
 * The median: the middle value, or the mean of the two middle values for an even count.
 * @throws RangeError for no values or a non-finite value.
 */
export function median(values: readonly number[]): number {
  assertFinite(values);
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Summarizes measured values. @throws RangeError for no values or a non-finite value. */
export function summarize(values: readonly number[]): Summary {
  assertFinite(values);
  return {
    n: values.length,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    samples: [...values],
  };
}

/**
 * `numerator / denominator`, or `undefined` when the denominator is zero or either is not
 * finite: a ratio against nothing is not a measurement.
 */
export function ratio(numerator: number, denominator: number): number | undefined {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return undefined;
  return numerator / denominator;
}

/** Rounds to a number of significant digits (at least the integer part), for display and JSON. */
export function roundTo(value: number, significant = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value))) + 1;
  const decimals = Math.max(0, significant - magnitude);
  return Number(value.toFixed(decimals));
}

function assertFinite(values: readonly number[]): void {
  if (values.length === 0) throw new RangeError('No measurements to summarize.');
  const bad = values.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new RangeError(`A measurement is not a finite number: ${bad}.`);
}
