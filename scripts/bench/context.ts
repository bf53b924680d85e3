/**
 * What every measurement shares: the workspace, the sampling plan, and the resources (emulator,
 * bundled CLI, child scripts) that may be missing, each kept with the reason it is.
 */
import type { Children } from './children';
import type { EmulatorProcess } from './emulator';
import { NotMeasuredError, reasonOf } from './notMeasured';
import type { Goal, Row } from './report';
import type { SamplingPlan } from './sampling';
import type { Workspace } from './workspace';

/** A resource, or why it is unavailable. */
export type Resource<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Runs `acquire`, keeping its failure as the reason instead of throwing. */
export async function acquire<T>(get: () => Promise<T>): Promise<Resource<T>> {
  try {
    return { ok: true, value: await get() };
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
}

/** The resource's value. @throws NotMeasuredError with its reason when unavailable. */
export function need<T>(resource: Resource<T>): T {
  if (!resource.ok) throw new NotMeasuredError(resource.reason);
  return resource.value;
}

/** Shared by the measurements. */
export interface BenchContext {
  readonly workspace: Workspace;
  /** Warm-ups and measured runs of timed comparisons (at least 5 runs). */
  readonly plan: SamplingPlan;
  readonly emulator: Resource<EmulatorProcess>;
  /** Path of the freshly bundled CLI. */
  readonly cli: Resource<string>;
  readonly children: Resource<Children>;
}

/** The fixed part of a row: what it measures, in which unit, against which goal. */
export interface RowSpec {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly goal?: Goal;
}

/** The measured part of a row. */
export type Measured = Pick<Row, 'value' | 'note' | 'details'>;

/** Measures one row; any failure becomes the row's "not measured" reason. */
export async function measureRow(spec: RowSpec, measure: () => Promise<Measured>): Promise<Row> {
  try {
    return { ...spec, ...(await measure()) };
  } catch (err) {
    return { ...spec, notMeasured: reasonOf(err) };
  }
}

/** Marks every row of a group as not measured, with one reason. */
export function notMeasuredRows(specs: readonly RowSpec[], err: unknown): Row[] {
  const reason = reasonOf(err);
  return specs.map((spec) => ({ ...spec, notMeasured: reason }));
}
