import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../../scripts/host/buildCli';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'cli-build-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function node(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

const caches = async () => (await fs.readdir(dir)).filter((f) => f.endsWith('.cache'));

describe('the bundled CLI', () => {
  it('runs a command, writes its code cache only after a successful command, and drops it on rebuild', async () => {
    const cli = await buildCli({ outfile: join(dir, 'cli.js') });
    expect((await node([cli, '--help'])).stdout).toMatch(/^Usage: cli <command>/);
    expect(await node([cli, 'test-module'])).toMatchObject({ status: 1 });
    expect(await caches()).toEqual([]);

    const reset = await node([cli, 'msgraph-calendar-auth-reset']);
    expect(reset).toMatchObject({ status: 0, stderr: '' });
    expect(reset.stdout).toMatch(/^Authorization was reset successfully\./);
    const [first] = await caches();
    expect(first).toMatch(/^cli\.bundle\.[0-9a-f-]{36}\.cache$/);
    expect((await node([cli, 'msgraph-calendar-auth-reset'])).status).toBe(0);

    await buildCli({ outfile: cli });
    expect(await caches()).toEqual([]);
    expect((await node([cli, 'msgraph-calendar-auth-reset'])).status).toBe(0);
    const [second] = await caches();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it('never uses a code cache with a bundle from another build', async () => {
    const cli = await buildCli({ outfile: join(dir, 'cli.js') });
    const loader = await fs.readFile(cli, 'utf8');
    await fs.writeFile(
      cli,
      loader.replace(/cli build [0-9a-f-]{36}/, 'cli build 00000000-0000-0000-0000-000000000000'),
    );
    expect((await node([cli, 'msgraph-calendar-auth-reset'])).status).toBe(0);
    expect(await caches()).toEqual([]);
  });

  it('starts without loading undici, http2, assert or tty', async () => {
    const cli = await buildCli({ outfile: join(dir, 'cli.js') });
    const probe = join(dir, 'probe.js');
    await fs.writeFile(
      probe,
      "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));",
    );
    const r = await node(['--require', probe, cli, 'msgraph-calendar-auth-reset']);
    expect(r.status).toBe(0);
    const loaded = JSON.parse(r.stderr) as string[];
    expect(loaded).toContain('NativeModule http');
    for (const lazy of ['internal/deps/undici/undici', 'http2', 'assert', 'tty']) {
      expect(loaded).not.toContain(`NativeModule ${lazy}`);
    }
  });
});
