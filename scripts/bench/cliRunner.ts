/**
 * Runs the integration's CLI as the bench measures it: a fresh `node dist/node/cli.js` process per
 * command, or `npm run --silent cli` for information.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NotMeasuredError } from './notMeasured';
import { BUNDLED_CLI, repoRoot } from './paths';
import {
  describeFailure,
  runConcurrently,
  runProcess,
  succeeded,
  type ProcessResult,
  type RunOptions,
} from './proc';

/** One CLI invocation. */
export interface CliCall {
  readonly command: string;
  readonly paramsFile: string;
  readonly contextFile: string;
  /** Command arguments, passed as `name=value`. */
  readonly args?: Readonly<Record<string, string | number>>;
  /** Ask for `--json` output. */
  readonly json?: boolean;
}

/** The CLI's argv after the script path. */
export function cliArgv(call: CliCall): string[] {
  const argv = [call.command, '--params', call.paramsFile, '--context', call.contextFile];
  if (call.json) argv.push('--json');
  for (const [name, value] of Object.entries(call.args ?? {})) argv.push(`${name}=${value}`);
  return argv;
}

/**
 * Builds `dist/node/cli.js` with the CLI owner's esbuild script, so the bench measures the current
 * sources. @throws NotMeasuredError when the build script is missing or fails.
 */
export async function buildBundledCli(): Promise<string> {
  const script = join(repoRoot, 'scripts', 'host', 'buildCli.ts');
  if (!existsSync(script))
    throw new NotMeasuredError('the CLI bundler (scripts/host/buildCli.ts) has not landed');
  try {
    // Loaded at run time: a missing or broken host must not stop the other measurements.
    const module = (await import(script)) as { buildCli: () => Promise<string> };
    return await module.buildCli();
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new NotMeasuredError(`the bundled CLI did not build (${message})`);
  }
}

/** Runs the bundled CLI once; `preload` adds `node -r <file>` (the RSS reporter). */
export function runBundledCli(
  call: CliCall,
  options: RunOptions = {},
  preload?: string,
): Promise<ProcessResult> {
  const pre = preload ? ['-r', preload] : [];
  return runProcess(process.execPath, [...pre, BUNDLED_CLI, ...cliArgv(call)], { cwd: repoRoot, ...options });
}

/** Starts `count` bundled CLI processes at once. */
export function runBundledCliConcurrently(
  count: number,
  call: CliCall,
  options: RunOptions = {},
): Promise<ProcessResult[]> {
  return runConcurrently(count, process.execPath, () => [BUNDLED_CLI, ...cliArgv(call)], {
    cwd: repoRoot,
    ...options,
  });
}

/** Runs `npm run --silent cli -- ...` once (the TypeScript CLI under tsx). */
export function runNpmCli(call: CliCall, options: RunOptions = {}): Promise<ProcessResult> {
  return runProcess('npm', ['run', '--silent', 'cli', '--', ...cliArgv(call)], { cwd: repoRoot, ...options });
}

/** @throws NotMeasuredError naming the failure, when a run did not exit 0. */
export function assertSucceeded(what: string, result: ProcessResult): ProcessResult {
  if (!succeeded(result)) throw new NotMeasuredError(`${what} failed (${describeFailure(result)})`);
  return result;
}
