/**
 * Repeated, interleaved sampling: each round runs every case once, so slow drift of the machine
 * (thermal, page cache, other tenants) affects the compared cases alike.
 */
import { summarize, type Summary } from './stats';

/** A case measured by running it: resolves to one sample (e.g. milliseconds). */
export type Sampler = () => Promise<number>;

/** How many rounds to run. */
export interface SamplingPlan {
  /** Rounds run first and discarded (JIT, page cache, emulator warm-up). */
  readonly warmups: number;
  /** Rounds kept; the bench uses at least 5. */
  readonly runs: number;
}

/**
 * Runs `warmups + runs` rounds; in each round every case runs once, in the given order, one at a
 * time. Returns a summary per case of the kept rounds.
 * @throws RangeError when `runs` is below 1.
 */
export async function sampleInterleaved<K extends string>(
  cases: Readonly<Record<K, Sampler>>,
  plan: SamplingPlan,
): Promise<Record<K, Summary>> {
  if (!Number.isInteger(plan.runs) || plan.runs < 1)
    throw new RangeError('At least one measured run is needed.');
  const names = Object.keys(cases) as K[];
  const kept = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < plan.warmups + plan.runs; round += 1) {
    for (const name of names) {
      const sample = await cases[name]();
      if (round >= plan.warmups) kept[name].push(sample);
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(kept[name])])) as Record<K, Summary>;
}
