/**
 * Measures CLI cold start: wall time of fresh processes, interleaved so machine load affects every
 * command alike. `tsx scripts/host/measureStartup.ts [runs]` prints median / p10 / p90 per command:
 * `node -e 0`, the bundled CLI running test-module with a token already cached in its context
 * file, and the same through `npm run --silent cli` (tsx). The emulator runs in this process; the
 * children are spawned asynchronously so it keeps answering.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/index';
import { buildCli, repoRoot } from './buildCli';

function timeRun(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(argv[0], argv.slice(1), { cwd: repoRoot, env, stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(Number(process.hrtime.bigint() - started) / 1e6)
        : reject(new Error(`${argv.join(' ')} exited ${code}`)),
    );
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 30);
  const emulator = await startEmulator();
  const dir = await fs.mkdtemp(join(tmpdir(), 'cli-startup-'));
  try {
    const cli = await buildCli();
    const params = join(dir, 'clientSecret.json');
    await fs.writeFile(params, JSON.stringify(emulator.instances.clientSecret));
    const ctx = join(dir, 'context.json');
    const env = { ...process.env, ...emulator.env };
    const args = ['test-module', '--params', params, '--context', ctx];
    const commands: Record<string, string[]> = {
      'node -e 0': [process.execPath, '-e', '0'],
      'node dist/node/cli.js test-module (cached token)': [process.execPath, cli, ...args],
      'npm run --silent cli -- test-module (cached token)': ['npm', 'run', '--silent', 'cli', '--', ...args],
    };
    // Warm-up: caches the token in the context file and writes the V8 code cache.
    for (const argv of Object.values(commands)) await timeRun(argv, env);
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
    for (let i = 0; i < runs; i++) {
      for (const [name, argv] of Object.entries(commands)) times[name].push(await timeRun(argv, env));
    }
    const base = percentile(
      [...times['node -e 0']].sort((a, b) => a - b),
      0.5,
    );
    for (const [name, list] of Object.entries(times)) {
      const sorted = [...list].sort((a, b) => a - b);
      const median = percentile(sorted, 0.5);
      console.log(
        `${name}: median ${median.toFixed(1)} ms (p10 ${percentile(sorted, 0.1).toFixed(1)}, p90 ${percentile(sorted, 0.9).toFixed(1)}), ${(median / base).toFixed(2)}x node -e 0`,
      );
    }
    console.log(`token requests during the measurement: ${JSON.stringify(emulator.tokenRequestCounts())}`);
  } finally {
    await emulator.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

void main();
