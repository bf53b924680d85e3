/**
 * Row group 4c: `npm run build`'s script in QuickJS (quickjs-emscripten), an interpreter as the
 * XSOAR server's engine may be. Each run is a new engine (the sandbox's QuickJS worker); the value
 * is the time in the script body, host HTTP to the emulator included, worker start and WebAssembly
 * instantiation excluded (the note gives the whole run). Rows: a command with a cached token, the
 * first token of each authentication mode (test-module on an empty context: the token request and
 * the Graph check), and, for information, the certificate mode on an engine reduced to the ES5
 * library (no BigInt: RSA in pure JavaScript).
 */
import type { SandboxOptions, SandboxResult } from '../../sandbox/runBundle';
import { measureRow, need, notMeasuredRows, type BenchContext, type RowSpec } from '../context';
import { NotMeasuredError } from '../notMeasured';
import type { Row } from '../report';
import { sampleInterleaved } from '../sampling';
import { roundTo, summarize, type Summary } from '../stats';
import { sandboxAndScript } from './sandbox';

const MODES = [
  'oproxy',
  'clientSecret',
  'certificate',
  'managedIdentitySystem',
  'managedIdentityUser',
] as const;
type Mode = (typeof MODES)[number];

const CACHED: RowSpec = {
  id: 'quickjs.cachedMs',
  label: 'QuickJS list-calendars, token cached (script time)',
  unit: 'ms',
  goal: { comparison: 'below', target: 300 },
};
const firstToken = (mode: Mode): RowSpec => ({
  id: `quickjs.firstToken.${mode}`,
  label: `QuickJS first token, ${mode} (test-module, empty context)`,
  unit: 'ms',
  goal: { comparison: 'below', target: 1000 },
});
const ES5_CERTIFICATE: RowSpec = {
  id: 'quickjs.es5.firstToken.certificate',
  label: 'QuickJS with the ES5 library: first token, certificate',
  unit: 'ms',
};

type Run = (options: Omit<SandboxOptions, 'engine'>) => Promise<SandboxResult>;
type Samples = { script: number[]; total: number[] };

/** One sampled case: runs the command and checks it did what the row claims. */
function sampler(
  run: Run,
  options: Omit<SandboxOptions, 'engine'>,
  samples: Samples,
  check: (r: SandboxResult) => void,
) {
  return async (): Promise<number> => {
    const result = await run(options);
    if (result.error !== undefined)
      throw new NotMeasuredError(`the script failed in QuickJS (${result.error})`);
    check(result);
    samples.script.push(result.scriptMs);
    samples.total.push(result.totalMs);
    return result.scriptMs;
  };
}

function expectOk(what: string) {
  return (result: SandboxResult): void => {
    if (result.result !== 'ok') {
      const shown = JSON.stringify(result.result).slice(0, 160);
      throw new NotMeasuredError(`${what}: test-module did not return ok (${shown})`);
    }
  };
}

function measured(summary: Summary, samples: Samples) {
  const total = summarize(samples.total.slice(-summary.n));
  return {
    value: roundTo(summary.median),
    note: `median of ${summary.n}; whole run incl. worker start ${roundTo(total.median)} ms`,
    details: { script: summary, total },
  };
}

/** list-calendars with a token already in the context: Graph calls only, no token request. */
function expectCached(result: SandboxResult): void {
  const calls = result.httpCalls.filter((call) => !call.url.includes('/v1.0/'));
  if (calls.length > 0)
    throw new NotMeasuredError('list-calendars requested a token: the cache was not used');
}

/** Every case, sampled interleaved; the samples (script and whole-run times) are kept per row. */
async function sampleAll(
  ctx: BenchContext,
  samples: Record<string, Samples>,
): Promise<Record<string, Summary>> {
  const emulator = need(ctx.emulator);
  const { sandbox, script } = await sandboxAndScript();
  const { SandboxIntegrationContext } = await import('../../sandbox/runBundle');
  const run: Run = (options) => sandbox.runBundle(script, { engine: 'quickjs', ...options });
  const base = { hostMap: { 'http://169.254.169.254': emulator.info.url } };
  const params = emulator.info.instances;
  const cached = { ...base, command: 'msgraph-calendar-list-calendars', params: params.clientSecret };
  const warm = { ...cached, context: new SandboxIntegrationContext() };
  // The first run fetches the token into the context; the measured ones read it from there.
  const first = await run(warm);
  if (first.error !== undefined)
    throw new NotMeasuredError(`list-calendars failed in QuickJS (${first.error})`);
  const cases: Record<string, () => Promise<number>> = {
    [CACHED.id]: sampler(run, warm, samples[CACHED.id], expectCached),
  };
  for (const mode of MODES) {
    const options = { ...base, command: 'test-module', params: params[mode] };
    cases[firstToken(mode).id] = sampler(run, options, samples[firstToken(mode).id], expectOk(mode));
  }
  const es5 = { ...base, command: 'test-module', params: params.certificate, library: 'es5' as const };
  cases[ES5_CERTIFICATE.id] = sampler(run, es5, samples[ES5_CERTIFICATE.id], expectOk('ES5 certificate'));
  return sampleInterleaved(cases, ctx.plan);
}

/** Measures the QuickJS rows. */
export async function measureQuickJs(ctx: BenchContext): Promise<Row[]> {
  const specs = [CACHED, ...MODES.map(firstToken), ES5_CERTIFICATE];
  const samples: Record<string, Samples> = {};
  for (const spec of specs) samples[spec.id] = { script: [], total: [] };
  let summaries: Record<string, Summary>;
  try {
    summaries = await sampleAll(ctx, samples);
  } catch (err) {
    return notMeasuredRows(specs, err);
  }
  return Promise.all(
    specs.map((spec) => measureRow(spec, async () => measured(summaries[spec.id], samples[spec.id]))),
  );
}
