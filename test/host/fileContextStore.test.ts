import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileContextStore } from '../../scripts/host/fileContextStore';
import { ContextError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'ctx-store-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const exists = (path: string) =>
  fs.stat(path).then(
    () => true,
    () => false,
  );

function runChild(args: string[]): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--require', 'tsx/cjs', join(__dirname, 'fixtures', 'contextWorker.ts'), ...args],
    {
      cwd: join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`child exited ${code}: ${err}`)),
    ),
  );
}

describe('FileContextStore', () => {
  it('reads a missing file as an empty context at version 0 without creating it', async () => {
    const store = new FileContextStore(join(dir, 'ctx.json'));
    expect(await store.read()).toEqual({ data: {}, version: 0 });
    expect(await exists(store.path)).toBe(false);
  });

  it('creates a missing file (and its directory) readable only by the owner on ensureFile', async () => {
    const store = new FileContextStore(join(dir, 'nested', 'ctx.json'));
    expect(await store.ensureFile()).toEqual({ data: {}, version: 0 });
    expect(JSON.parse(await fs.readFile(store.path, 'utf8'))).toEqual({ version: 0, data: {} });
    expect((await fs.stat(store.path)).mode & 0o777).toBe(0o600);
    expect(await exists(store.lockPath)).toBe(false);
  });

  it('keeps an existing file untouched on ensureFile', async () => {
    const path = join(dir, 'ctx.json');
    await fs.writeFile(path, JSON.stringify({ version: 7, data: { a: 1 } }));
    expect(await new FileContextStore(path).ensureFile()).toEqual({ data: { a: 1 }, version: 7 });
  });

  it('stores the version in the file and increments it on every write', async () => {
    const store = new FileContextStore(join(dir, 'ctx.json'));
    expect(await store.write({ a: 1 }, 0)).toEqual({ data: { a: 1 }, version: 1 });
    expect(await store.write({ a: 2 }, 1)).toEqual({ data: { a: 2 }, version: 2 });
    expect(JSON.parse(await fs.readFile(store.path, 'utf8'))).toEqual({ version: 2, data: { a: 2 } });
    expect(await new FileContextStore(store.path).read()).toEqual({ data: { a: 2 }, version: 2 });
  });

  it('refuses a write whose expected version is stale and leaves the file as it was', async () => {
    const store = new FileContextStore(join(dir, 'ctx.json'));
    await store.write({ a: 1 }, 0);
    expect(await store.write({ a: 'lost' }, 0)).toBeUndefined();
    expect(await store.read()).toEqual({ data: { a: 1 }, version: 1 });
    expect(await exists(store.lockPath)).toBe(false);
  });

  it('rejects a file that is not a context file without quoting its content', async () => {
    const path = join(dir, 'ctx.json');
    await fs.writeFile(path, '{"access_token": "eyJ-SECRET-TOKEN"');
    const error = await new FileContextStore(path).read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextError);
    expect((error as ContextError).message).toContain(path);
    expect((error as ContextError).message).not.toContain('SECRET');

    await fs.writeFile(path, JSON.stringify({ access_token: 'eyJ-SECRET-TOKEN' }));
    const shape = await new FileContextStore(path).read().catch((e: unknown) => e);
    expect((shape as ContextError).message).toMatch(/expected \{"version"/);
    expect((shape as ContextError).message).not.toContain('SECRET');
  });

  it('breaks a lock left behind longer than the stale time and then writes', async () => {
    const store = new FileContextStore(join(dir, 'ctx.json'), { staleLockMs: 1000, lockWaitMs: 60_000 });
    await fs.writeFile(store.lockPath, JSON.stringify({ pid: 1, host: 'another-host', token: 'x' }));
    const old = new Date(Date.now() - 5000);
    await fs.utimes(store.lockPath, old, old);
    expect(await store.write({ a: 1 }, 0)).toEqual({ data: { a: 1 }, version: 1 });
    expect(await exists(store.lockPath)).toBe(false);
  });

  it('breaks a fresh lock at once when its owner process on this host has exited', async () => {
    const store = new FileContextStore(join(dir, 'ctx.json'), { staleLockMs: 60_000, lockWaitMs: 60_000 });
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.on('close', resolve));
    await fs.writeFile(store.lockPath, JSON.stringify({ pid: gone.pid, host: hostname(), token: 'x' }));
    expect(await store.write({ a: 1 }, 0)).toEqual({ data: { a: 1 }, version: 1 });
  });

  it('gives up after the bounded wait while a live process holds the lock, naming the lock file', async () => {
    const store = new FileContextStore(join(dir, 'ctx.json'), { staleLockMs: 60_000, lockWaitMs: 50 });
    await fs.writeFile(
      store.lockPath,
      JSON.stringify({ pid: process.pid, host: hostname(), token: 'other' }),
    );
    const error = await store.write({ a: 1 }, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextError);
    expect((error as ContextError).message).toContain(store.lockPath);
    // The other owner's lock is left alone and nothing was written.
    expect(JSON.parse(await fs.readFile(store.lockPath, 'utf8')).token).toBe('other');
    expect(await exists(store.path)).toBe(false);
  });

  it('never corrupts the file nor loses a successful write under concurrent writer processes', async () => {
    const path = join(dir, 'ctx.json');
    const stop = join(dir, 'stop');
    const writers = 4;
    const perWriter = 25;
    const reader = runChild(['reader', path, stop]);
    const results = await Promise.all(
      Array.from({ length: writers }, (_, i) => runChild(['writer', path, `w${i}`, String(perWriter)])),
    );
    await fs.writeFile(stop, '');
    const readerResult = JSON.parse(await reader) as { reads: number; errors: number; monotonic: boolean };

    const parsed = results.map((r) => JSON.parse(r) as { succeeded: number });
    const final = await new FileContextStore(path).read();
    expect(parsed.map((r) => r.succeeded)).toEqual(Array(writers).fill(perWriter));
    expect(final.data.counter).toBe(writers * perWriter);
    expect(final.version).toBe(writers * perWriter);
    for (let i = 0; i < writers; i++) expect(final.data[`w${i}`]).toBe(perWriter);
    expect(readerResult).toMatchObject({ errors: 0, monotonic: true });
    expect(readerResult.reads).toBeGreaterThan(0);
    const leftovers = (await fs.readdir(dir)).filter((f) => f !== 'ctx.json' && f !== 'stop');
    expect(leftovers).toEqual([]);
  });

  it('wraps the version after the largest safe integer instead of writing a file it cannot read back', async () => {
    const path = join(dir, 'ctx.json');
    await fs.writeFile(path, JSON.stringify({ version: Number.MAX_SAFE_INTEGER, data: { a: 0 } }));
    const store = new FileContextStore(path);
    expect(await store.write({ a: 1 }, Number.MAX_SAFE_INTEGER)).toEqual({ data: { a: 1 }, version: 1 });
    expect(await new FileContextStore(path).read()).toEqual({ data: { a: 1 }, version: 1 });
    expect(await store.write({ a: 2 }, 1)).toEqual({ data: { a: 2 }, version: 2 });
  });

  it('follows a symlinked context file: the target is updated, the link stays, both share one lock', async () => {
    const target = join(dir, 'real', 'ctx.json');
    await fs.mkdir(join(dir, 'real'));
    await fs.writeFile(target, JSON.stringify({ version: 3, data: { a: 0 } }));
    const link = join(dir, 'link.json');
    await fs.symlink(join('real', 'ctx.json'), link);
    const store = new FileContextStore(link);
    expect(await store.write({ a: 1 }, 3)).toEqual({ data: { a: 1 }, version: 4 });
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await fs.readFile(target, 'utf8'))).toEqual({ version: 4, data: { a: 1 } });
    expect(store.lockPath).toBe(`${target}.lock`);
    expect(new FileContextStore(target).lockPath).toBe(store.lockPath);
  });

  it('creates the target of a dangling symlinked context file, keeping the link', async () => {
    const link = join(dir, 'link.json');
    await fs.symlink(join(dir, 'target.json'), link);
    expect(await new FileContextStore(link).ensureFile()).toEqual({ data: {}, version: 0 });
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await fs.readFile(join(dir, 'target.json'), 'utf8'))).toEqual({ version: 0, data: {} });
  });

  it('refuses a context file larger than the cap without reading it all (e.g. a device)', async () => {
    const link = join(dir, 'ctx.json');
    await fs.symlink('/dev/zero', link);
    const error = await new FileContextStore(link).read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextError);
    expect((error as Error).message).toMatch(/larger than \d+ MiB/);
  });
});

describe('FileContextStore lock files that are not plain locks', () => {
  const options = { staleLockMs: 1000, lockWaitMs: 3000 };

  it('breaks a lock whose modification time lies in the future', async () => {
    const store = new FileContextStore(join(dir, 'ctx.json'), options);
    await fs.writeFile(store.lockPath, JSON.stringify({ pid: 1, host: 'another-host', token: 'x' }));
    const future = new Date(Date.now() + 3_600_000);
    await fs.utimes(store.lockPath, future, future);
    expect(await store.write({ a: 1 }, 0)).toEqual({ data: { a: 1 }, version: 1 });
    expect(await exists(store.lockPath)).toBe(false);
  });

  it.each([
    ['dangling', (d: string) => join(d, 'nowhere')],
    ['device', () => '/dev/zero'],
  ])('breaks a %s symlink at the lock path, removing only the link', async (_, target) => {
    const store = new FileContextStore(join(dir, 'ctx.json'), options);
    await fs.symlink(target(dir), store.lockPath);
    expect(await store.write({ a: 1 }, 0)).toEqual({ data: { a: 1 }, version: 1 });
    expect(await exists(store.lockPath)).toBe(false);
  });

  it.each([
    ['fresh', 0],
    ['old', -60_000],
  ])('refuses at once a %s directory at the lock path, naming it', async (_, ageMs) => {
    const mtime = new Date(Date.now() + ageMs);
    const store = new FileContextStore(join(dir, 'ctx.json'), { staleLockMs: 1000, lockWaitMs: 60_000 });
    await fs.mkdir(store.lockPath);
    await fs.utimes(store.lockPath, mtime, mtime);
    const error = await store.write({ a: 1 }, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextError);
    expect((error as Error).message).toContain(`${store.lockPath} is a directory`);
    expect(await exists(store.lockPath)).toBe(true);
    expect(await exists(store.path)).toBe(false);
  });
});
