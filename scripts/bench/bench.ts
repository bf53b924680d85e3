/**
 * `npm run bench`: measures the integration under load side by side with its baselines, on this
 * machine, in one run. Prints a table (stdout; progress on stderr) and writes bench/results.json.
 * It reports and never asserts: the exit status is 0 whatever the verdicts, 2 on a usage error.
 *
 *   npm run bench [-- --runs N] [--warmups N] [--only GROUP]
 *
 * Defaults: 7 measured runs (N ≥ 5) after 2 warm-ups. GROUP (repeatable) is one of cold, tokens,
 * paging, settings, sandbox, quickjs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { buildChildren } from './children';
import { buildBundledCli } from './cliRunner';
import { acquire, type BenchContext } from './context';
import { startEmulatorProcess } from './emulator';
import { measureColdCommand } from './measures/coldCommand';
import { LARGE_CALENDAR_EVENTS, measurePaging } from './measures/paging';
import { measureQuickJs } from './measures/quickjs';
import { measureSandbox } from './measures/sandbox';
import { measureSettings } from './measures/settings';
import { measureTokenRequests } from './measures/tokenRequests';
import { RESULTS_JSON } from './paths';
import { formatMachine, formatTable, resultsDocument, type Row } from './report';
import type { SamplingPlan } from './sampling';
import { Workspace } from './workspace';

const GROUPS: Readonly<Record<string, (ctx: BenchContext) => Promise<Row[]>>> = {
  cold: measureColdCommand,
  tokens: measureTokenRequests,
  paging: measurePaging,
  settings: measureSettings,
  sandbox: measureSandbox,
  quickjs: measureQuickJs,
};

/** The bench's options. */
export interface BenchOptions {
  readonly plan: SamplingPlan;
  /** The groups to run, in report order. */
  readonly groups: string[];
}

/** Reads `--runs N`, `--warmups N` and `--only GROUP`. @throws Error naming the bad option. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const plan = { warmups: 2, runs: 7 };
  const only: string[] = [];
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ''];
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (flag === '--runs' && n >= 5) plan.runs = n;
    else if (flag === '--warmups' && n >= 0) plan.warmups = n;
    else if (flag === '--only' && value in GROUPS) only.push(value);
    else {
      const groups = Object.keys(GROUPS).join(', ');
      throw new Error(
        `bad option ${flag} ${value}: use --runs N (N ≥ 5), --warmups N or --only GROUP (${groups})`,
      );
    }
  }
  return { plan, groups: Object.keys(GROUPS).filter((name) => only.length === 0 || only.includes(name)) };
}

const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

async function measureAll(workspace: Workspace, { plan, groups }: BenchOptions): Promise<Row[]> {
  progress('building the bundled CLI and the child scripts, starting the emulator');
  const [cli, children, emulator] = await Promise.all([
    acquire(buildBundledCli),
    acquire(() => buildChildren(workspace.path('children'))),
    acquire(() => startEmulatorProcess(LARGE_CALENDAR_EVENTS)),
  ]);
  const ctx: BenchContext = { workspace, plan, cli, children, emulator };
  try {
    const rows: Row[] = [];
    for (const name of groups) {
      progress(name);
      rows.push(...(await GROUPS[name](ctx)));
    }
    return rows;
  } finally {
    if (emulator.ok) await emulator.value.stop();
  }
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`Usage error: ${(err as Error).message}\n`);
    return 2;
  }
  const startedAt = new Date();
  const loadAtStart = loadavg()[0];
  const workspace = Workspace.create();
  let rows: Row[];
  try {
    rows = await measureAll(workspace, options);
  } finally {
    workspace.remove();
  }
  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: process.platform,
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
  };
  process.stdout.write(`${formatTable(rows)}\n${formatMachine(machine)}\n`);
  mkdirSync(dirname(RESULTS_JSON), { recursive: true });
  writeFileSync(
    RESULTS_JSON,
    `${JSON.stringify(resultsDocument(rows, machine, startedAt, seconds), null, 2)}\n`,
  );
  progress(`${rows.length} rows in ${Math.round(seconds)} s; wrote bench/results.json`);
  return 0;
}

if (require.main === module) {
  main().then(
    (status) => process.exit(status),
    (err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
