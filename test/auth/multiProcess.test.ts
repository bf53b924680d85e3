/**
 * Eight processes sharing one integration context (a file store) start cold at the same moment:
 * exactly one token request reaches the emulator (the lease), and all eight succeed.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator';
import { FileContextStore } from './support/fileContextStore';

const PROCESSES = 8;
let emu: RunningEmulator;
let dir: string;
let script: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-multiprocess-'));
  script = path.join(dir, 'child.js');
  await build({
    entryPoints: [path.join(__dirname, 'support', 'childGetToken.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile: script,
    logLevel: 'silent',
  });
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

async function waitFor(files: string[]): Promise<void> {
  for (let i = 0; i < 2000 && !files.every((f) => fs.existsSync(f)); i++)
    await new Promise((r) => setTimeout(r, 5));
}

describe.each(['oproxy', 'certificate'] as const)('%s: 8 processes, one context', (mode) => {
  it('send one token request and all succeed', async () => {
    emu.clearRequests();
    const sub = fs.mkdtempSync(path.join(dir, `${mode}-`));
    const contextFile = path.join(sub, 'context.json');
    const paramsFile = path.join(sub, 'params.json');
    const goFile = path.join(sub, 'go');
    fs.writeFileSync(paramsFile, JSON.stringify(emu.instances[mode]));
    const ready = Array.from({ length: PROCESSES }, (_, i) => path.join(sub, `ready-${i}`));
    const children = ready.map((r) => run([contextFile, paramsFile, emu.url, r, goFile]));
    await waitFor(ready);
    fs.writeFileSync(goFile, '');
    const results = await Promise.all(children);

    expect(results.map((r) => r.out)).toEqual(Array(PROCESSES).fill('{"status":200}'));
    expect(results.map((r) => r.code)).toEqual(Array(PROCESSES).fill(0));
    const counts = emu.tokenRequestCounts();
    expect(counts.oproxy + counts.identity + counts.imds).toBe(1);
    expect(emu.requests({ kind: 'graph' })).toHaveLength(PROCESSES);
    const { data } = await new FileContextStore(contextFile).read();
    expect(data).toMatchObject({ access_token: expect.any(String), valid_until: expect.any(Number) });
    expect(data.token_lease).toBeUndefined();
  });
});
