/**
 * Phases of a probed CLI run (see child/startupProbe.ts): where a cold command's wall time goes.
 * Pure: turns the probe's marks into durations and summarizes several runs.
 */
import { median, roundTo } from './stats';

/** What the startup probe writes: marks in ms since the process started. */
export interface ProbeMarks {
  readonly bootstrap: number;
  readonly firstRequest?: number;
  readonly lastResponse?: number;
  readonly exit: number;
  /** Time in top-level `require` calls, by module id. */
  readonly requireMs: Readonly<Record<string, number>>;
}

/** Durations of one run, in milliseconds. */
export interface Phases {
  /** Node's own start, until the preload runs. */
  readonly bootstrap: number;
  /** Loader, bundle compile and module init, files, settings: until the first HTTP request. */
  readonly beforeRequest: number;
  /** First request start to last response end (includes the emulator's answer time). */
  readonly requests: number;
  /** Last response to exit: rendering, context write, exit. */
  readonly afterResponse: number;
  readonly total: number;
  readonly requireTotal: number;
}

/** The phases of one run. @throws Error when the run made no HTTP request. */
export function phasesOf(marks: ProbeMarks): Phases {
  if (marks.firstRequest === undefined || marks.lastResponse === undefined) {
    throw new Error('the probed run made no HTTP request');
  }
  return {
    bootstrap: marks.bootstrap,
    beforeRequest: marks.firstRequest - marks.bootstrap,
    requests: marks.lastResponse - marks.firstRequest,
    afterResponse: marks.exit - marks.lastResponse,
    total: marks.exit,
    requireTotal: Object.values(marks.requireMs).reduce((sum, ms) => sum + ms, 0),
  };
}

/** Median of each phase over several runs. */
export function medianPhases(runs: readonly Phases[]): Phases {
  const pick = (key: keyof Phases) => median(runs.map((run) => run[key]));
  return {
    bootstrap: pick('bootstrap'),
    beforeRequest: pick('beforeRequest'),
    requests: pick('requests'),
    afterResponse: pick('afterResponse'),
    total: pick('total'),
    requireTotal: pick('requireTotal'),
  };
}

/** The modules whose `require` cost most, by median over the runs (absent counts as 0). */
export function slowestRequires(runs: readonly ProbeMarks[], count: number): [string, number][] {
  const ids = new Set(runs.flatMap((run) => Object.keys(run.requireMs)));
  return [...ids]
    .map((id): [string, number] => [id, median(runs.map((run) => run.requireMs[id] ?? 0))])
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
}

/** One line for the report, e.g. `Node bootstrap 40 ms, before 1st request 21 ms (...)`. */
export function describePhases(phases: Phases, requires: readonly [string, number][]): string {
  const ms = (value: number) => `${roundTo(value, 2)} ms`;
  const top = requires.map(([id, value]) => `${id} ${ms(value)}`).join(', ');
  return (
    `Node bootstrap ${ms(phases.bootstrap)}, then before the 1st request ${ms(phases.beforeRequest)} ` +
    `(built-in requires ${ms(phases.requireTotal)}${top ? `: ${top}` : ''}), ` +
    `HTTP ${ms(phases.requests)}, after the last response ${ms(phases.afterResponse)}`
  );
}
