/**
 * Row group 4a: parseSettings in microseconds per call, on each of the five emulator instances,
 * in the bench process after a warm-up (the JIT-compiled steady state every command pays once).
 * The value is CPU time: on a shared 2-core machine, wall time mostly measures the scheduler
 * (other processes' load); on an idle machine the two agree, and both are kept.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { measureRow, need, type BenchContext, type RowSpec } from '../context';
import { NotMeasuredError } from '../notMeasured';
import { repoRoot } from '../paths';
import type { Row } from '../report';
import { roundTo, summarize, type Summary } from '../stats';

const SPEC: RowSpec = {
  id: 'settings.microsecondsPerCall',
  label: 'parseSettings CPU time per call (slowest of the 5 instances)',
  unit: 'µs',
  goal: { comparison: 'below', target: 20 },
};

const WARMUP_CALLS = 5_000;
const BATCHES = 9;
// Each batch lasts long enough (tens of ms) for the clocks' resolution not to matter.
const MIN_BATCH_US = 20_000;

type Parse = (params: Readonly<Record<string, unknown>>) => unknown;

const MODULE = join(
  repoRoot,
  'Packs',
  'ApiModules',
  'Scripts',
  'MicrosoftApiModule',
  'settings',
  'parseSettings.ts',
);

const DEFINITION = join(repoRoot, 'Integrations', 'MicrosoftGraphCalendar', 'definition', 'index.ts');

async function loadParseSettings(): Promise<Parse> {
  if (!existsSync(MODULE)) throw new NotMeasuredError('parseSettings has not landed');
  // Loaded at run time: a broken module must not stop the other measurements. The integration's
  // generated definition (validators, metadata, overlay) is what a command parses with.
  const { parseSettings } = (await import(MODULE)) as { parseSettings: (p: unknown, d: unknown) => unknown };
  const { SETTINGS } = (await import(DEFINITION)) as { SETTINGS: unknown };
  return (params) => parseSettings(params, SETTINGS);
}

/** Elapsed wall and CPU time of one batch, in microseconds. */
interface BatchTime {
  readonly wallUs: number;
  readonly cpuUs: number;
}

/** Runs `calls` parses. */
function batch(parse: Parse, params: Record<string, unknown>, calls: number): BatchTime {
  let sink: unknown;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i += 1) sink = parse(params);
  const wallUs = Number(process.hrtime.bigint() - started) / 1000;
  const used = process.cpuUsage(cpu);
  if (sink === undefined) throw new Error('parseSettings returned nothing');
  return { wallUs, cpuUs: used.user + used.system };
}

/** Per-call CPU and wall microseconds over {@link BATCHES} batches, after a warm-up. */
export function microsecondsPerCall(
  parse: Parse,
  params: Record<string, unknown>,
): { cpu: Summary; wall: Summary } {
  parse(params); // Throws SettingsError for invalid params: reported as the row's reason.
  batch(parse, params, WARMUP_CALLS);
  let calls = 1_000;
  while (batch(parse, params, calls).wallUs < MIN_BATCH_US) calls *= 2;
  const batches = Array.from({ length: BATCHES }, () => batch(parse, params, calls));
  return {
    cpu: summarize(batches.map((b) => b.cpuUs / calls)),
    wall: summarize(batches.map((b) => b.wallUs / calls)),
  };
}

/** Measures the settings row. */
export async function measureSettings(ctx: BenchContext): Promise<Row[]> {
  const row = await measureRow(SPEC, async () => {
    const instances = need(ctx.emulator).info.instances as unknown as Record<string, Record<string, unknown>>;
    const parse = await loadParseSettings();
    const perInstance: Record<string, number> = {};
    const wall: Record<string, number> = {};
    for (const [name, params] of Object.entries(instances)) {
      try {
        const times = microsecondsPerCall(parse, params);
        perInstance[name] = times.cpu.median;
        wall[name] = times.wall.median;
      } catch (err) {
        throw new NotMeasuredError(
          `parseSettings failed on the ${name} instance (${(err as Error).message.split('\n')[0]})`,
        );
      }
    }
    const worst = Object.keys(perInstance).reduce((a, b) => (perInstance[a] >= perInstance[b] ? a : b));
    const note = Object.entries(perInstance)
      .map(([name, us]) => `${name} ${roundTo(us)}`)
      .join(', ');
    return {
      value: perInstance[worst],
      note: `CPU µs, medians of ${BATCHES} batches: ${note} (wall ${roundTo(wall[worst])} µs for ${worst})`,
      details: { cpuMicroseconds: perInstance, wallMicroseconds: wall },
    };
  });
  return [row];
}
