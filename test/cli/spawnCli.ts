/** Test helpers: run the bundled CLI as a separate process, and write instance files. */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { bundledCliPath } from '../../scripts/host/buildCli';

/** What one CLI process did. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** How {@link spawnCli} wires the process. */
export interface SpawnOptions {
  /** A file descriptor to give the process as its stdout instead of a pipe (e.g. /dev/full). */
  readonly stdoutFd?: number;
  /** Close the reading end of the stdout pipe at once, so the CLI's writes fail with EPIPE. */
  readonly closeStdout?: boolean;
  /** Kill the process (SIGKILL) after this long: a hang then fails the test instead of the run. */
  readonly timeoutMs?: number;
}

/**
 * Runs `node dist/node/cli.js ...argv` asynchronously (the emulator lives in this process, so a
 * synchronous spawn would block it).
 */
export function spawnCli(
  argv: string[],
  env: Record<string, string> = {},
  options: SpawnOptions = {},
): Promise<CliResult> {
  if (!existsSync(bundledCliPath))
    throw new Error(`${bundledCliPath} is missing: test/globalSetup.ts failed to build it`);
  const child = spawn(process.execPath, [bundledCliPath, ...argv], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', options.stdoutFd ?? 'pipe', 'pipe'],
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
  });
  const result: CliResult = { status: null, stdout: '', stderr: '' };
  if (options.closeStdout) child.stdout?.destroy();
  else child.stdout?.on('data', (d: Buffer) => (result.stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (result.stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ ...result, status }));
  });
}

/** Writes `params` to `<dir>/<name>.json` and returns the path. */
export async function writeParams(dir: string, name: string, params: unknown): Promise<string> {
  const path = join(dir, `${name}.json`);
  await fs.writeFile(path, JSON.stringify(params));
  return path;
}

/** The secret values in instance params: Key/secret, oproxy token, private key (and each of its lines). */
export function secretsOf(params: Record<string, unknown>, mode: string): string[] {
  const password = (name: string) => (params[name] as { password?: string } | undefined)?.password;
  const secrets = [password('credentials_enc_key')];
  // Self-deployed, "Token" is the tenant id (it appears in token URLs); for the oproxy it is a secret.
  if (mode === 'oproxy') secrets.push(password('credentials_tenant_id'));
  const pem = params.private_key;
  if (typeof pem === 'string') secrets.push(pem, ...pem.split('\n').filter((line) => line.length > 40));
  return secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
}

/** Secrets the module keeps in the integration context file (tokens, refresh tokens). */
export async function contextSecrets(contextFile: string): Promise<string[]> {
  if (!existsSync(contextFile)) return [];
  const { data } = JSON.parse(await fs.readFile(contextFile, 'utf8')) as { data: Record<string, unknown> };
  const found: string[] = [];
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string' && /token/i.test(key) && value.length >= 16) found.push(value);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(data);
  return found;
}
