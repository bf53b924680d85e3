/**
 * Fault table: whatever sits at the lock path of a context file (left by a crash, a copy, a clock
 * change or a hostile local user), a write either takes over at once or fails at once with a
 * LockError naming the lock; it never blocks on a read, never deletes through a link and never
 * fails with another kind of error. Only a live owner's fresh lock is waited for (bounded).
 */
import { execFileSync, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileContextStore } from '../../scripts/host/fileContextStore';
import { LockError } from '../../scripts/host/lockFile';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'lock-states-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function exitedPid(): Promise<number> {
  const gone = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => gone.on('close', resolve));
  return gone.pid as number;
}

type Make = (lock: string) => Promise<void>;
const owner = (pid: number, host = hostname()) => JSON.stringify({ pid, host, token: 't' });
const file =
  (text: string | (() => Promise<string>)): Make =>
  async (lock) =>
    fs.writeFile(lock, typeof text === 'string' ? text : await text());
const link =
  (target: (d: string) => string): Make =>
  async (lock) =>
    fs.symlink(target(dir), lock);
const fifo: Make = async (lock) => void execFileSync('mkfifo', [lock]);

const KINDS: [string, Make, 'taken' | 'refused' | 'waited'][] = [
  ['an empty file (owner not yet written)', file(''), 'waited'],
  ['a file of garbage', file('\u0000not json'), 'waited'],
  ['a live owner on another host', file(owner(1, 'another-host')), 'waited'],
  ['an exited owner on this host', file(() => exitedPid().then((pid) => owner(pid))), 'taken'],
  ['a dangling symlink', link((d) => join(d, 'nowhere')), 'taken'],
  ['a symlink to a file', link((d) => join(d, 'victim')), 'taken'],
  ['a symlink to a directory', link((d) => d), 'taken'],
  ['a directory', async (lock) => fs.mkdir(lock), 'refused'],
  ['a named pipe', fifo, 'refused'],
];
const AGES: [string, number][] = [
  ['fresh', 0],
  ['old', -3_600_000],
  ['future', 3_600_000],
];

describe.each(KINDS)('a context write when the lock path holds %s', (_, make, fresh) => {
  it.each(AGES)('when %s', async (age, offsetMs) => {
    await fs.writeFile(join(dir, 'victim'), 'keep');
    const store = new FileContextStore(join(dir, 'ctx.json'), { staleLockMs: 60_000, lockWaitMs: 300 });
    await make(store.lockPath);
    const mtime = new Date(Date.now() + offsetMs);
    await fs.lutimes(store.lockPath, mtime, mtime);
    // Age decides only for a lock file that may still be held; links, directories and pipes are never locks.
    const expected = fresh === 'waited' && age !== 'fresh' ? 'taken' : fresh;
    const outcome = await store.write({ a: 1 }, 0).then(
      () => 'taken',
      (error: unknown) => {
        expect(error).toBeInstanceOf(LockError);
        expect((error as Error).message).toContain(store.lockPath);
        return /Timed out/.test((error as Error).message) ? 'waited' : 'refused';
      },
    );
    expect(outcome).toBe(expected);
    expect(await fs.readFile(join(dir, 'victim'), 'utf8')).toBe('keep');
    if (expected === 'taken') expect(await store.read()).toEqual({ data: { a: 1 }, version: 1 });
  });
});
