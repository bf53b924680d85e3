/**
 * Row group 1: the wall time of a cached-token command (`get-calendar`: one Graph GET, as the old
 * test-module's) as a fresh bundled-CLI process, beside `node -e 0` (the floor any Node CLI pays),
 * and `npm run --silent cli` for information. Why not test-module: it now always obtains a new
 * token (it checks the credentials as typed), so it can no longer measure a cached-token start.
 */
import { readFileSync } from 'node:fs';
import { assertSucceeded, runBundledCli, runNpmCli, type CliCall } from '../cliRunner';
import {
  measureRow,
  need,
  notMeasuredRows,
  type BenchContext,
  type Measured,
  type RowSpec,
} from '../context';
import type { EmulatorProcess } from '../emulator';
import { NotMeasuredError } from '../notMeasured';
import { describePhases, medianPhases, phasesOf, slowestRequires, type ProbeMarks } from '../phases';
import { runProcess, type ProcessResult } from '../proc';
import type { Row } from '../report';
import { sampleInterleaved } from '../sampling';
import { ratio, roundTo, type Summary } from '../stats';

/** The measured command: the default user's calendar, one Graph GET with a cached token. */
const COMMAND = 'msgraph-calendar-get-calendar';

const RATIO: RowSpec = {
  id: 'cold.ratio',
  label: 'Cold get-calendar (bundled CLI, cached token) ÷ node -e 0',
  unit: 'x',
  goal: { comparison: 'atMost', target: 1.5 },
};
const BUNDLED: RowSpec = {
  id: 'cold.bundledMs',
  label: 'Cold get-calendar, node dist/node/cli.js',
  unit: 'ms',
};
const NODE: RowSpec = { id: 'cold.nodeMs', label: 'node -e 0', unit: 'ms' };
const NPM: RowSpec = {
  id: 'cold.npmCliMs',
  label: 'Cold get-calendar, npm run --silent cli (info)',
  unit: 'ms',
};
const CPU: RowSpec = {
  id: 'cold.cpuRatio',
  label: 'Cold get-calendar CPU time ÷ node -e 0 CPU time',
  unit: 'x',
};
const PHASES: RowSpec = {
  id: 'cold.phases',
  label: 'Cold get-calendar, where the time goes (probe)',
  unit: 'ms',
};

const PROBE_RUNS = 5;
// npm and tsx start slowly (about a second): five runs suffice for an information row.
const NPM_PLAN = { warmups: 1, runs: 5 };

/** The rows this group reports. */
export const COLD_ROWS = [RATIO, BUNDLED, NODE, CPU, PHASES, NPM];

function timed(run: () => ReturnType<typeof runBundledCli>, what: string): () => Promise<number> {
  return async () => assertSucceeded(what, await run()).wallMs;
}

async function tokenCalls(emulator: EmulatorProcess): Promise<number> {
  const counts = await emulator.tokenRequestCounts();
  return counts.identity + counts.imds + counts.oproxy;
}

/**
 * The same comparison in CPU time (user + system, reported by the preload in both processes):
 * unlike wall time, it barely moves when other processes compete for the CPUs.
 */
async function cpuRatio(ctx: BenchContext, call: CliCall): Promise<Measured> {
  const { rssPreload } = need(ctx.children);
  const file = ctx.workspace.path('usage.json');
  const env = { ...process.env, BENCH_RSS_FILE: file };
  const cpuMs = (result: ProcessResult, what: string) => {
    assertSucceeded(what, result);
    return (JSON.parse(readFileSync(file, 'utf8')) as { cpuUs: number }).cpuUs / 1000;
  };
  const bench = await sampleInterleaved(
    {
      node: async () =>
        cpuMs(await runProcess(process.execPath, ['-r', rssPreload, '-e', '0'], { env }), 'node -e 0'),
      bundled: async () => cpuMs(await runBundledCli(call, { stdout: 'ignore', env }, rssPreload), COMMAND),
    },
    ctx.plan,
  );
  const note = `medians of ${bench.node.n}: CLI ${roundTo(bench.bundled.median)} ms ÷ node ${roundTo(bench.node.median)} ms of CPU`;
  return { value: ratio(bench.bundled.median, bench.node.median), note, details: { ...bench } };
}

/** Runs the CLI with the startup probe preloaded and reports the median of each phase. */
async function probePhases(ctx: BenchContext, call: CliCall): Promise<Measured> {
  const { startupProbe } = need(ctx.children);
  const file = ctx.workspace.path('probe.json');
  const runs: ProbeMarks[] = [];
  for (let i = 0; i < PROBE_RUNS; i += 1) {
    const env = { ...process.env, BENCH_PROBE_FILE: file };
    assertSucceeded(
      `the probed ${COMMAND}`,
      await runBundledCli(call, { stdout: 'ignore', env }, startupProbe),
    );
    runs.push(JSON.parse(readFileSync(file, 'utf8')) as ProbeMarks);
  }
  const phases = medianPhases(runs.map(phasesOf));
  const described = describePhases(phases, slowestRequires(runs, 3));
  const note = `medians of ${PROBE_RUNS}, in-process (the probe adds a little): ${described}`;
  return { value: phases.total, note, details: { ...phases } };
}

const spread = (s: Summary) => `min ${roundTo(s.min)}, max ${roundTo(s.max)}`;

/** The wall-time comparison; the token must stay cached through every measured run. */
async function wallRows(ctx: BenchContext, emulator: EmulatorProcess, call: CliCall): Promise<Row[]> {
  await emulator.clearRequests();
  const bench = await sampleInterleaved(
    {
      node: timed(() => runProcess(process.execPath, ['-e', '0']), 'node -e 0'),
      bundled: timed(() => runBundledCli(call, { stdout: 'ignore' }), COMMAND),
    },
    // Process starts are short and noisy: twice the plan's runs, still only seconds.
    { warmups: ctx.plan.warmups, runs: ctx.plan.runs * 2 },
  );
  const fetched = await tokenCalls(emulator);
  if (fetched !== 0) {
    throw new NotMeasuredError(`the token was not cached: ${fetched} token requests during the runs`);
  }
  const { bundled, node } = bench;
  const sides = `CLI ${roundTo(bundled.median)} ms ÷ node ${roundTo(node.median)} ms`;
  return [
    {
      ...RATIO,
      value: ratio(bundled.median, node.median),
      note: `medians of ${node.n}: ${sides}; 0 token requests`,
    },
    { ...BUNDLED, value: bundled.median, note: spread(bundled), details: { ...bundled } },
    { ...NODE, value: node.median, note: spread(node), details: { ...node } },
  ];
}

async function npmRow(call: CliCall): Promise<Measured> {
  const { npm } = await sampleInterleaved({ npm: timed(() => runNpmCli(call), 'npm run cli') }, NPM_PLAN);
  return { value: npm.median, note: `median of ${npm.n}; ${spread(npm)}`, details: { ...npm } };
}

/** Measures the cold command rows. */
export async function measureColdCommand(ctx: BenchContext): Promise<Row[]> {
  try {
    const emulator = need(ctx.emulator);
    need(ctx.cli);
    const call: CliCall = {
      command: COMMAND,
      paramsFile: ctx.workspace.writeParams('clientSecret', emulator.info.instances.clientSecret),
      contextFile: ctx.workspace.freshContext('cold'),
    };
    // Pre-warm: the first run fetches and caches the token; the measured runs must reuse it.
    assertSucceeded(`the pre-warm ${COMMAND}`, await runBundledCli(call));
    return [
      ...(await wallRows(ctx, emulator, call)),
      await measureRow(CPU, () => cpuRatio(ctx, call)),
      await measureRow(PHASES, () => probePhases(ctx, call)),
      await measureRow(NPM, () => npmRow(call)),
    ];
  } catch (err) {
    return notMeasuredRows(COLD_ROWS, err);
  }
}
