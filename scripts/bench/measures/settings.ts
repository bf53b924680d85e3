/**
 * Row group 4a: parseSettings in microseconds per call, on each of the five emulator instances,
 * in the bench process after a warm-up (the JIT-compiled steady state every command pays once).
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
  label: 'parseSettings per call (slowest of the 5 instances)',
  unit: 'µs',
  goal: { comparison: 'below', target: 20 },
};

const WARMUP_CALLS = 5_000;
const BATCHES = 9;
// Each batch lasts long enough (tens of ms) for the clock's resolution not to matter.
const MIN_BATCH_NS = 20_000_000n;

type Parse = (params: Readonly<Record<string, unknown>>) => unknown;

const MODULE = join(repoRoot, 'Packs', 'ApiModules', 'Scripts', 'MicrosoftApiModule', 'settings', 'parseSettings.ts');

async function loadParseSettings(): Promise<Parse> {
  if (!existsSync(MODULE)) throw new NotMeasuredError('parseSettings has not landed');
  // Loaded at run time: a broken module must not stop the other measurements.
  return ((await import(MODULE)) as { parseSettings: Parse }).parseSettings;
}

/** Runs `calls` parses and returns the elapsed nanoseconds. */
function batch(parse: Parse, params: Record<string, unknown>, calls: number): bigint {
  let sink: unknown;
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i += 1) sink = parse(params);
  const elapsed = process.hrtime.bigint() - started;
  if (sink === undefined) throw new Error('parseSettings returned nothing');
  return elapsed;
}

/** Microseconds per call over {@link BATCHES} batches, after a warm-up. */
export function microsecondsPerCall(parse: Parse, params: Record<string, unknown>): Summary {
  parse(params); // Throws SettingsError for invalid params: reported as the row's reason.
  batch(parse, params, WARMUP_CALLS);
  let calls = 1_000;
  while (batch(parse, params, calls) < MIN_BATCH_NS) calls *= 2;
  const samples = Array.from({ length: BATCHES }, () => Number(batch(parse, params, calls)) / calls / 1000);
  return summarize(samples);
}

/** Measures the settings row. */
export async function measureSettings(ctx: BenchContext): Promise<Row[]> {
  const row = await measureRow(SPEC, async () => {
    const instances = need(ctx.emulator).info.instances as unknown as Record<string, Record<string, unknown>>;
    const parse = await loadParseSettings();
    const perInstance: Record<string, number> = {};
    for (const [name, params] of Object.entries(instances)) {
      try {
        perInstance[name] = microsecondsPerCall(parse, params).median;
      } catch (err) {
        throw new NotMeasuredError(`parseSettings failed on the ${name} instance (${(err as Error).message.split('\n')[0]})`);
      }
    }
    const worst = Math.max(...Object.values(perInstance));
    const note = Object.entries(perInstance)
      .map(([name, us]) => `${name} ${roundTo(us)}`)
      .join(', ');
    return { value: worst, note: `medians of ${BATCHES} batches, µs: ${note}`, details: perInstance };
  });
  return [row];
}
