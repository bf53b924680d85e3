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
import { ratio, roundTo, summarize } from '../stats';
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
const OURS: RowSpec = { id: 'paging.oursEventsPerSecond', label: 'list-events throughput, bundled CLI', unit: 'events/s' };
const BARE: RowSpec = { id: 'paging.bareEventsPerSecond', label: 'Same pages, bare Node http loop', unit: 'events/s' };
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

/** One verified run of ours (it also caches the token), then the bare loop's inputs. */
async function prepare(ctx: BenchContext, emulator: EmulatorProcess): Promise<Sides> {
  const call: CliCall = {
    command: 'msgraph-calendar-list-events',
    paramsFile: ctx.workspace.writeParams('managedIdentitySystem', emulator.info.instances.managedIdentitySystem),
    contextFile: ctx.workspace.freshContext('paging'),
    args: { user: BULK_USER, limit: LARGE_CALENDAR_EVENTS, top: PAGE_SIZE },
  };
  await emulator.clearRequests();
  const env = childEnv(emulator);
  const verified = assertSucceeded('the verification list-events', await runBundledCli({ ...call, json: true }, { env }));
  const events = countListedEvents(verified.stdout);
  if (events !== LARGE_CALENDAR_EVENTS) throw new NotMeasuredError(`list-events returned ${events} events, not ${LARGE_CALENDAR_EVENTS}`);
  const log = await emulator.requests();
  const pages = log.filter((r) => r.kind === 'graph' && r.method === 'GET');
  const imds = log.find((r) => r.kind === 'imds' && r.tokenRequest);
  if (pages.length === 0 || imds === undefined) throw new NotMeasuredError('the emulator logged no page or IMDS request of list-events');
  const token = await fetchImdsToken(emulator.info.env.AZURE_POD_IDENTITY_AUTHORITY_HOST, imds.query);
  const bareEnv = {
    ...process.env,
    BENCH_FIRST_URL: firstPageUrl(emulator.info.url, pages[0]),
    BENCH_TOKEN: token,
    BENCH_LIMIT: String(LARGE_CALENDAR_EVENTS),
  };
  return { call, env, bareEnv, pages: pages.length };
}

/** What the preload reported for one run. */
interface Usage {
  readonly rssMb: number;
  readonly cpuMs: number;
}

function readUsage(file: string): Usage {
  const { maxRssKb, cpuUs } = JSON.parse(readFileSync(file, 'utf8')) as { maxRssKb: number; cpuUs: number };
  rmSync(file, { force: true });
  return { rssMb: maxRssKb / 1024, cpuMs: cpuUs / 1000 };
}

/** Measures the paging rows. */
export async function measurePaging(ctx: BenchContext): Promise<Row[]> {
  try {
    const emulator = need(ctx.emulator);
    need(ctx.cli);
    const { rssPreload, barePager } = need(ctx.children);
    const sides = await prepare(ctx, emulator);
    const rssFile = ctx.workspace.path('rss.json');
    const usage = { ours: [] as Usage[], bare: [] as Usage[] };
    const bench = await sampleInterleaved(
      {
        ours: async () => {
          const env = { ...sides.env, BENCH_RSS_FILE: rssFile };
          const result = assertSucceeded('list-events', await runBundledCli(sides.call, { stdout: 'ignore', env }, rssPreload));
          usage.ours.push(readUsage(rssFile));
          return result.wallMs;
        },
        bare: async () => {
          const env = { ...sides.bareEnv, BENCH_RSS_FILE: rssFile };
          const result = assertSucceeded('the bare loop', await runProcess(process.execPath, ['-r', rssPreload, barePager], { env }));
          const { events } = JSON.parse(result.stdout) as { events: number };
          if (events !== LARGE_CALENDAR_EVENTS) throw new NotMeasuredError(`the bare loop read ${events} events`);
          usage.bare.push(readUsage(rssFile));
          return result.wallMs;
        },
      },
      ctx.plan,
    );
    // The warm-up rounds are dropped from the usage too.
    const kept = { ours: usage.ours.slice(-bench.ours.n), bare: usage.bare.slice(-bench.bare.n) };
    return rows(bench.ours.median, bench.bare.median, kept, sides.pages, bench);
  } catch (err) {
    return notMeasuredRows(PAGING_ROWS, err);
  }
}

function rows(oursMs: number, bareMs: number, usage: { ours: Usage[]; bare: Usage[] }, pages: number, raw: object): Row[] {
  const perSecond = (ms: number) => LARGE_CALENDAR_EVENTS / (ms / 1000);
  const oursRss = summarize(usage.ours.map((u) => u.rssMb));
  const bareRss = summarize(usage.bare.map((u) => u.rssMb));
  const oursCpu = summarize(usage.ours.map((u) => u.cpuMs));
  const bareCpu = summarize(usage.bare.map((u) => u.cpuMs));
  return [
    {
      ...RATIO,
      value: ratio(perSecond(oursMs), perSecond(bareMs)),
      note: `medians: CLI ${roundTo(oursMs)} ms vs bare ${roundTo(bareMs)} ms for ${pages} pages, whole processes; CPU ${roundTo(oursCpu.median)} vs ${roundTo(bareCpu.median)} ms`,
      details: { ...raw, cpuMs: { ours: oursCpu, bare: bareCpu } },
    },
    { ...OURS, value: perSecond(oursMs), note: `${LARGE_CALENDAR_EVENTS} events, top=${PAGE_SIZE}` },
    { ...BARE, value: perSecond(bareMs), note: 'same URLs, keep-alive, JSON.parse per page' },
    { ...RSS, value: oursRss.max, note: `highest of ${oursRss.n} runs (median ${roundTo(oursRss.median)} MB), maxRSS at exit`, details: { ...oursRss } },
    { ...BARE_RSS, value: bareRss.max, note: `highest of ${bareRss.n} runs`, details: { ...bareRss } },
  ];
}
