/**
 * Row group 4b: the server bundle's cold run: `npm run build`'s script, test-module through the vm
 * sandbox (a new worker and a fresh integration context each run, so a token is fetched too).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxOptions, SandboxResult } from '../../sandbox/runBundle';
import { measureRow, need, type BenchContext, type RowSpec } from '../context';
import { NotMeasuredError } from '../notMeasured';
import { INTEGRATION_YAML, repoRoot } from '../paths';
import type { Row } from '../report';
import { sampleInterleaved } from '../sampling';
import { roundTo, summarize } from '../stats';

const SPEC: RowSpec = {
  id: 'sandbox.coldMs',
  label: 'Sandbox cold test-module (bundle in vm, fresh context)',
  unit: 'ms',
};

/** The sandbox module's functions the bench uses. */
export interface SandboxModule {
  readScriptFromYaml(file: string): Promise<string>;
  runBundle(script: string, options: SandboxOptions): Promise<SandboxResult>;
}

const BUILD = join(repoRoot, 'scripts', 'build', 'build.ts');
const SANDBOX = join(repoRoot, 'scripts', 'sandbox', 'runBundle.ts');

let built: Promise<{ sandbox: SandboxModule; script: string }> | undefined;

/**
 * The sandbox module and `npm run build`'s script, built once per bench run for every group that
 * runs it. @throws NotMeasuredError when the sandbox or the build is missing or fails.
 */
export function sandboxAndScript(): Promise<{ sandbox: SandboxModule; script: string }> {
  built ??= (async () => {
    if (!existsSync(SANDBOX))
      throw new NotMeasuredError('the sandbox (scripts/sandbox/runBundle.ts) has not landed');
    const sandbox = (await import(SANDBOX)) as SandboxModule;
    return { sandbox, script: await buildScript(sandbox) };
  })();
  return built;
}

/** Builds the YAML with the build owner's script and returns the script it holds. */
async function buildScript(sandbox: SandboxModule): Promise<string> {
  if (!existsSync(BUILD)) throw new NotMeasuredError('the build (scripts/build/build.ts) has not landed');
  try {
    // Loaded at run time: a missing or broken build must not stop the other measurements.
    const build = (await import(BUILD)) as { buildIntegration: () => Promise<unknown> };
    await build.buildIntegration();
  } catch (err) {
    throw new NotMeasuredError(`npm run build failed (${(err as Error).message.split('\n')[0]})`);
  }
  return sandbox.readScriptFromYaml(INTEGRATION_YAML);
}

/** Measures the sandbox row. */
export async function measureSandbox(ctx: BenchContext): Promise<Row[]> {
  const row = await measureRow(SPEC, async () => {
    const emulator = need(ctx.emulator);
    const { sandbox, script } = await sandboxAndScript();
    const scriptMs: number[] = [];
    const bench = await sampleInterleaved(
      {
        cold: async () => {
          const result = await sandbox.runBundle(script, {
            command: 'test-module',
            params: emulator.info.instances.clientSecret,
          });
          if (result.error !== undefined || result.result !== 'ok') {
            throw new NotMeasuredError(
              `test-module in the sandbox did not return ok (${result.error ?? JSON.stringify(result.result).slice(0, 160)})`,
            );
          }
          scriptMs.push(result.scriptMs);
          return result.totalMs;
        },
      },
      ctx.plan,
    );
    const inScript = summarize(scriptMs.slice(-bench.cold.n));
    return {
      value: bench.cold.median,
      note: `median of ${bench.cold.n}, incl. worker start; script body ${roundTo(inScript.median)} ms; ${script.length} chars`,
      details: { total: bench.cold, script: inScript },
    };
  });
  return [row];
}
