/**
 * Rows of the bench report: a measured value beside its goal, the verdict, the printed table and
 * the results.json document. Pure: no I/O.
 */
import { roundTo } from './stats';

/** How a value is compared with its goal's target. */
export type Comparison = 'atMost' | 'below' | 'atLeast' | 'equals';

/** A goal: `value <comparison> target`. */
export interface Goal {
  readonly comparison: Comparison;
  readonly target: number;
}

/** One line of the report. */
export interface Row {
  /** Stable key in results.json, e.g. `cold.ratio`. */
  readonly id: string;
  /** What was measured, as printed. */
  readonly label: string;
  /** The measured value; absent when not measured. */
  readonly value?: number;
  /** Unit of `value` and of the goal's target: `x` (a ratio), `ms`, `µs`, `MB`, `calls`, ... */
  readonly unit: string;
  /** Absent for rows reported for information only. */
  readonly goal?: Goal;
  /** Why the row could not be measured (a missing dependency, a failed run). */
  readonly notMeasured?: string;
  /** Short context printed beside the row (the two sides of a ratio, failures seen, ...). */
  readonly note?: string;
  /** Raw figures kept in results.json only. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The verdict on a row. */
export type Status = 'met' | 'not met' | 'info' | 'not measured';

const SYMBOLS: Record<Comparison, string> = { atMost: '≤', below: '<', atLeast: '≥', equals: '=' };

/** True when `value` meets `goal`. */
export function meetsGoal(value: number, goal: Goal): boolean {
  switch (goal.comparison) {
    case 'atMost':
      return value <= goal.target;
    case 'below':
      return value < goal.target;
    case 'atLeast':
      return value >= goal.target;
    case 'equals':
      return value === goal.target;
  }
}

/** The verdict: not measured wins, then information-only, then the goal check. */
export function statusOf(row: Row): Status {
  if (row.notMeasured !== undefined || row.value === undefined) return 'not measured';
  if (row.goal === undefined) return 'info';
  return meetsGoal(row.value, row.goal) ? 'met' : 'not met';
}

/** A row that could not be measured, with its reason. */
export function notMeasuredRow(id: string, label: string, unit: string, reason: string, goal?: Goal): Row {
  return { id, label, unit, goal, notMeasured: reason };
}

/**
 * A value with its unit, rounded to 4 significant digits (enough to tell 150.2 from a 150 goal):
 * `1.234x`, `45.68 ms`, `1 call`.
 */
export function formatValue(value: number, unit: string): string {
  const shown = roundTo(value, 4);
  if (unit === 'x') return `${shown}x`;
  if (unit === 'calls') return `${shown} ${shown === 1 ? 'call' : 'calls'}`;
  return unit === '' ? `${shown}` : `${shown} ${unit}`;
}

/** The goal as printed, e.g. `≤ 1.5x`, or `-` for an information row. */
export function formatGoal(goal: Goal | undefined, unit: string): string {
  return goal === undefined ? '-' : `${SYMBOLS[goal.comparison]} ${formatValue(goal.target, unit)}`;
}

const HEADERS = ['Measurement', 'Value', 'Goal', 'Status', 'Note'] as const;

function cells(row: Row): string[] {
  const status = statusOf(row);
  const value = status === 'not measured' ? '-' : formatValue(row.value as number, row.unit);
  const note =
    status === 'not measured' ? `not measured: ${row.notMeasured ?? 'no value'}` : (row.note ?? '');
  return [row.label, value, formatGoal(row.goal, row.unit), status, note].map(escapeCell);
}

// A pipe or a newline inside a cell would break the Markdown table.
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The rows as an aligned Markdown table (readable in a terminal and in a report). */
export function formatTable(rows: readonly Row[]): string {
  const lines = [HEADERS.slice(), ...rows.map(cells)];
  const widths = HEADERS.map((_, col) => Math.max(...lines.map((line) => [...line[col]].length)));
  const pad = (line: string[]) =>
    `| ${line.map((cell, col) => cell + ' '.repeat(widths[col] - [...cell].length)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const [header, ...body] = lines;
  return [pad(header), rule, ...body.map(pad)].join('\n');
}

/** Facts about the machine a run measured, written beside the rows. */
export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly platform: string;
  /** The 1-minute load average when the bench started and when it ended. */
  readonly loadAverage: { readonly start: number; readonly end: number };
}

/**
 * The line printed under the table: the machine, and a warning when other processes competed for
 * the CPUs (a load average above the CPU count), which inflates every wall time.
 */
export function formatMachine(machine: MachineInfo): string {
  const { start, end } = machine.loadAverage;
  const busy = Math.max(start, end) > machine.cpus;
  const load = `load average ${roundTo(start, 2)} → ${roundTo(end, 2)}`;
  const warning = busy ? ': other processes competed for the CPUs, wall times are inflated and noisy' : '';
  return `${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, ${load}${warning}.`;
}

/** The results.json document: rows with their verdicts, rounded values, and the machine. */
export function resultsDocument(
  rows: readonly Row[],
  machine: MachineInfo,
  startedAt: Date,
  seconds: number,
) {
  return {
    startedAt: startedAt.toISOString(),
    durationSeconds: roundTo(seconds, 3),
    machine,
    summary: countStatuses(rows),
    rows: rows.map((row) => ({
      ...row,
      value: row.value === undefined ? undefined : roundTo(row.value, 4),
      status: statusOf(row),
    })),
  };
}

/** How many rows have each status. */
export function countStatuses(rows: readonly Row[]): Record<Status, number> {
  const counts: Record<Status, number> = { met: 0, 'not met': 0, info: 0, 'not measured': 0 };
  for (const row of rows) counts[statusOf(row)] += 1;
  return counts;
}
