/**
 * `npm run bench`: measures the integration under load side by side with its baselines, on this
 * machine, in one run. Prints a table (stdout; progress on stderr) and writes bench/results.json.
 * It reports and never asserts: the exit status is 0 whatever the verdicts, 2 on a usage error.
 *
 *   npm run bench [-- --runs N] [-- --warmups N]     (defaults: 7 runs after 2 warm-ups; N ≥ 5 runs)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { buildChildren } from './children';
import { buildBundledCli } from './cliRunner';
import { acquire, type BenchContext } from './context';
import { startEmulatorProcess } from './emulator';
import { measureColdCommand } from './measures/coldCommand';
import { LARGE_CALENDAR_EVENTS, measurePaging } from './measures/paging';
import { measureSandbox } from './measures/sandbox';
import { measureSettings } from './measures/settings';
import { measureTokenRequests } from './measures/tokenRequests';
import { RESULTS_JSON } from './paths';
import { formatTable, resultsDocument, type Row } from './report';
import type { SamplingPlan } from './sampling';
import { Workspace } from './workspace';

const GROUPS: readonly [string, (ctx: BenchContext) => Promise<Row[]>][] = [
  ['cold command', measureColdCommand],
  ['token requests', measureTokenRequests],
  ['paging', measurePaging],
  ['settings validation', measureSettings],
  ['sandbox cold run', measureSandbox],
];

/** Reads `--runs N` and `--warmups N`. @throws Error naming the bad option. */
export function parsePlan(argv: readonly string[]): SamplingPlan {
  const plan = { warmups: 2, runs: 7 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN;
    if (flag === '--runs' && n >= 5) plan.runs = n;
    else if (flag === '--warmups' && n >= 0) plan.warmups = n;
    else throw new Error(`bad option ${flag ?? ''} ${value ?? ''}: use --runs N (N ≥ 5) or --warmups N`);
  }
  return plan;
}

const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

async function measureAll(workspace: Workspace, plan: SamplingPlan): Promise<Row[]> {
  progress('building the bundled CLI and the child scripts, starting the emulator');
  const [cli, children, emulator] = await Promise.all([
    acquire(buildBundledCli),
    acquire(() => buildChildren(workspace.path('children'))),
    acquire(() => startEmulatorProcess(LARGE_CALENDAR_EVENTS)),
  ]);
  const ctx: BenchContext = { workspace, plan, cli, children, emulator };
  try {
    const rows: Row[] = [];
    for (const [name, measure] of GROUPS) {
      progress(name);
      rows.push(...(await measure(ctx)));
    }
    return rows;
  } finally {
    if (emulator.ok) await emulator.value.stop();
  }
}

async function main(): Promise<number> {
  let plan: SamplingPlan;
  try {
    plan = parsePlan(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`Usage error: ${(err as Error).message}\n`);
    return 2;
  }
  const startedAt = new Date();
  const workspace = Workspace.create();
  let rows: Row[];
  try {
    rows = await measureAll(workspace, plan);
  } finally {
    workspace.remove();
  }
  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform };
  process.stdout.write(`${formatTable(rows)}\n`);
  mkdirSync(dirname(RESULTS_JSON), { recursive: true });
  writeFileSync(RESULTS_JSON, `${JSON.stringify(resultsDocument(rows, machine, startedAt, seconds), null, 2)}\n`);
  progress(`${rows.length} rows in ${Math.round(seconds)} s on ${machine.cpus} CPUs (${machine.node}); wrote bench/results.json`);
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
