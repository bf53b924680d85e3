/**
 * Row group 3: msgraph-calendar-list-events with limit=10000 over the emulator's large calendar,
 * against a bare Node http loop requesting the same pages with an equivalent token. Both run as
 * fresh processes timed end to end; the CLI's peak RSS is reported by a `node -r` preload.
 */
import { readFileSync, rmSync } from 'node:fs';
import { assertSucceeded, runBundledCli, type CliCall } from '../cliRunner';
import { need, notMeasuredRows, type BenchContext, type RowSpec } from '../context';
import { childEnv, type EmulatorProcess } from '../emulator';
import { NotMeasuredError } from '../notMeasured';
import { runProcess } from '../proc';
import type { Row } from '../report';
import { sampleInterleaved } from '../sampling';
import { ratio, roundTo, summarize, type Summary } from '../stats';
import { fetchImdsToken, firstPageUrl, countListedEvents } from './pagingSupport';

/** Events in the emulator's large calendar, and the limit asked for. */
export const LARGE_CALENDAR_EVENTS = 10_000;
const BULK_USER = 'bulk@contoso.com';
const PAGE_SIZE = 1000;

const RATIO: RowSpec = {
  id: 'paging.throughputRatio',
  label: `list-events limit=${LARGE_CALENDAR_EVENTS}: events/s ours ÷ bare http`,
  unit: 'x',
  goal: { comparison: 'atLeast', target: 0.8 },
};
const OURS: RowSpec = {
  id: 'paging.oursEventsPerSecond',
  label: 'list-events throughput, bundled CLI',
  unit: 'events/s',
};
const BARE: RowSpec = {
  id: 'paging.bareEventsPerSecond',
  label: 'Same pages, bare Node http loop',
  unit: 'events/s',
};
const RSS: RowSpec = {
  id: 'paging.peakRssMb',
  label: `Peak RSS of list-events limit=${LARGE_CALENDAR_EVENTS} (CLI process)`,
  unit: 'MB',
  goal: { comparison: 'atMost', target: 150 },
};
const BARE_RSS: RowSpec = { id: 'paging.bareRssMb', label: 'Peak RSS of the bare http loop', unit: 'MB' };

/** The rows this group reports. */
export const PAGING_ROWS = [RATIO, OURS, BARE, RSS, BARE_RSS];

interface Sides {
  readonly call: CliCall;
  readonly env: NodeJS.ProcessEnv;
  readonly bareEnv: NodeJS.ProcessEnv;
  readonly pages: number;
}

/** What the preload reported for one run. */
interface Usage {
  readonly rssMb: number;
  readonly cpuMs: number;
}

/** Runs ours once with `--json` and checks it listed every event (this also caches the token). */
async function verifiedRun(ctx: BenchContext, emulator: EmulatorProcess): Promise<CliCall> {
  const call: CliCall = {
    command: 'msgraph-calendar-list-events',
    paramsFile: ctx.workspace.writeParams(
      'managedIdentitySystem',
      emulator.info.instances.managedIdentitySystem,
    ),
    contextFile: ctx.workspace.freshContext('paging'),
    args: { user: BULK_USER, limit: LARGE_CALENDAR_EVENTS, top: PAGE_SIZE },
  };
  const run = await runBundledCli({ ...call, json: true }, { env: childEnv(emulator) });
  const events = countListedEvents(assertSucceeded('the verification list-events', run).stdout);
  if (events !== LARGE_CALENDAR_EVENTS) {
    throw new NotMeasuredError(`list-events returned ${events} events, not ${LARGE_CALENDAR_EVENTS}`);
  }
  return call;
}

/** Ours once, then the bare loop's inputs from the emulator's log of that run. */
async function prepare(ctx: BenchContext, emulator: EmulatorProcess): Promise<Sides> {
  await emulator.clearRequests();
  const call = await verifiedRun(ctx, emulator);
  const log = await emulator.requests();
  const pages = log.filter((r) => r.kind === 'graph' && r.method === 'GET');
  const imds = log.find((r) => r.kind === 'imds' && r.tokenRequest);
  if (pages.length === 0 || imds === undefined) {
    throw new NotMeasuredError('the emulator logged no page or IMDS request of list-events');
  }
  const token = await fetchImdsToken(emulator.info.env.AZURE_POD_IDENTITY_AUTHORITY_HOST, imds.query);
  const bareEnv = {
    ...process.env,
    BENCH_FIRST_URL: firstPageUrl(emulator.info.url, pages[0]),
    BENCH_TOKEN: token,
    BENCH_LIMIT: String(LARGE_CALENDAR_EVENTS),
  };
  return { call, env: childEnv(emulator), bareEnv, pages: pages.length };
}

function readUsage(file: string): Usage {
  const { maxRssKb, cpuUs } = JSON.parse(readFileSync(file, 'utf8')) as { maxRssKb: number; cpuUs: number };
  rmSync(file, { force: true });
  return { rssMb: maxRssKb / 1024, cpuMs: cpuUs / 1000 };
}

/** The two timed cases; each also records the preload's usage report. */
function samplers(ctx: BenchContext, sides: Sides, usage: { ours: Usage[]; bare: Usage[] }) {
  const { rssPreload, barePager } = need(ctx.children);
  const file = ctx.workspace.path('usage.json');
  return {
    ours: async () => {
      const env = { ...sides.env, BENCH_RSS_FILE: file };
      const result = await runBundledCli(sides.call, { stdout: 'ignore', env }, rssPreload);
      assertSucceeded('list-events', result);
      usage.ours.push(readUsage(file));
      return result.wallMs;
    },
    bare: async () => {
      const env = { ...sides.bareEnv, BENCH_RSS_FILE: file };
      const result = await runProcess(process.execPath, ['-r', rssPreload, barePager], { env });
      const { events } = JSON.parse(assertSucceeded('the bare loop', result).stdout) as { events: number };
      if (events !== LARGE_CALENDAR_EVENTS) throw new NotMeasuredError(`the bare loop read ${events} events`);
      usage.bare.push(readUsage(file));
      return result.wallMs;
    },
  };
}

/** Measures the paging rows. */
export async function measurePaging(ctx: BenchContext): Promise<Row[]> {
  try {
    const emulator = need(ctx.emulator);
    need(ctx.cli);
    need(ctx.children);
    const sides = await prepare(ctx, emulator);
    const usage = { ours: [] as Usage[], bare: [] as Usage[] };
    const bench = await sampleInterleaved(samplers(ctx, sides, usage), ctx.plan);
    // The warm-up rounds are dropped from the usage too.
    const kept = { ours: usage.ours.slice(-bench.ours.n), bare: usage.bare.slice(-bench.bare.n) };
    return rows(bench, kept, sides.pages);
  } catch (err) {
    return notMeasuredRows(PAGING_ROWS, err);
  }
}

function rows(
  bench: { ours: Summary; bare: Summary },
  usage: { ours: Usage[]; bare: Usage[] },
  pages: number,
): Row[] {
  const [oursMs, bareMs] = [bench.ours.median, bench.bare.median];
  const perSecond = (ms: number) => LARGE_CALENDAR_EVENTS / (ms / 1000);
  const rss = {
    ours: summarize(usage.ours.map((u) => u.rssMb)),
    bare: summarize(usage.bare.map((u) => u.rssMb)),
  };
  const cpu = {
    ours: summarize(usage.ours.map((u) => u.cpuMs)),
    bare: summarize(usage.bare.map((u) => u.cpuMs)),
  };
  const walls = `CLI ${roundTo(oursMs)} ms vs bare ${roundTo(bareMs)} ms for ${pages} pages, whole processes`;
  const cpus = `CPU ${roundTo(cpu.ours.median)} vs ${roundTo(cpu.bare.median)} ms`;
  return [
    {
      ...RATIO,
      value: ratio(perSecond(oursMs), perSecond(bareMs)),
      note: `medians: ${walls}; ${cpus}`,
      details: { wallMs: bench, cpuMs: cpu },
    },
    { ...OURS, value: perSecond(oursMs), note: `${LARGE_CALENDAR_EVENTS} events, top=${PAGE_SIZE}` },
    { ...BARE, value: perSecond(bareMs), note: 'same URLs, keep-alive, JSON.parse per page' },
    {
      ...RSS,
      value: rss.ours.max,
      note: `highest of ${rss.ours.n} runs (median ${roundTo(rss.ours.median)} MB), maxRSS at exit`,
      details: { ...rss.ours },
    },
    { ...BARE_RSS, value: rss.bare.max, note: `highest of ${rss.bare.n} runs`, details: { ...rss.bare } },
  ];
}
