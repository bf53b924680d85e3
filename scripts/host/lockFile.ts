/**
 * An exclusive lock file for cross-process critical sections (several CLI processes sharing one
 * integration context file). Acquired by an O_EXCL create; a lock left behind by a crashed process
 * is broken after a bounded time (or at once when its owner is provably gone); waiting is bounded.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { ContextError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/errors';

/** Timing bounds of a lock. */
export interface LockOptions {
  /** A lock file older than this is considered abandoned and may be broken. */
  readonly staleMs: number;
  /** Give up (ContextError) after waiting this long for the lock. */
  readonly waitMs: number;
  /** Base delay between attempts; jittered so waiters do not move in lockstep. */
  readonly pollMs?: number;
}

/** What a lock file holds, to recognise its owner. */
interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(path, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as LockOwner) : undefined;
  } catch {
    // Missing, or created but not yet written by its owner: nothing to learn from it.
    return undefined;
  }
}

function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // EPERM means the process exists but belongs to someone else.
    return errno(err) === 'ESRCH';
  }
}

/** True when the lock at `path` exists and is abandoned: too old, or its owner on this host has exited. */
export async function isStaleLock(path: string, staleMs: number): Promise<boolean> {
  let mtimeMs: number;
  try {
    mtimeMs = (await fs.stat(path)).mtimeMs;
  } catch {
    return false;
  }
  if (Date.now() - mtimeMs > staleMs) return true;
  const owner = await readOwner(path);
  return (
    owner !== undefined &&
    owner.host === hostname() &&
    typeof owner.pid === 'number' &&
    owner.pid !== process.pid &&
    processIsGone(owner.pid)
  );
}

/**
 * Removes an abandoned lock. Breakers serialise on a second lock file and re-check staleness while
 * holding it, so two waiters that both saw the same stale lock cannot delete a fresh lock that one
 * of them has just taken.
 */
async function breakStaleLock(path: string, staleMs: number): Promise<void> {
  const breaker = `${path}.break`;
  try {
    await (await fs.open(breaker, 'wx', 0o600)).close();
  } catch (err) {
    if (errno(err) !== 'EEXIST') throw err;
    // A breaker that crashed mid-way (a window of microseconds) must not block everyone forever.
    if (await isStaleLock(breaker, staleMs)) await fs.rm(breaker, { force: true });
    return;
  }
  try {
    if (await isStaleLock(path, staleMs)) await fs.rm(path, { force: true });
  } finally {
    await fs.rm(breaker, { force: true });
  }
}

async function tryCreate(path: string, owner: LockOwner): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'wx', 0o600);
  } catch (err) {
    if (errno(err) === 'EEXIST') return false;
    if (errno(err) !== 'ENOENT') {
      throw new ContextError(`Cannot create the lock file ${path} (${errno(err)}).`, { cause: err });
    }
    await fs.mkdir(dirname(path), { recursive: true });
    return false;
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
  } finally {
    await handle.close();
  }
  return true;
}

async function acquire(path: string, options: LockOptions): Promise<LockOwner> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomUUID() };
  const deadline = Date.now() + options.waitMs;
  const pollMs = options.pollMs ?? 5;
  for (;;) {
    if (await tryCreate(path, owner)) return owner;
    if (await isStaleLock(path, options.staleMs)) {
      await breakStaleLock(path, options.staleMs);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new ContextError(
        `Timed out after ${options.waitMs} ms waiting for the integration context lock ${path}. ` +
          'If no other command is running, delete that file and try again.',
      );
    }
    await sleep(pollMs + Math.random() * pollMs * 2);
  }
}

async function release(path: string, owner: LockOwner): Promise<void> {
  // Only remove our own lock: if ours was broken as stale, the file may now be someone else's.
  const current = await readOwner(path);
  if (current?.token === owner.token) await fs.rm(path, { force: true });
}

/**
 * Runs `critical` while holding the lock file at `path`.
 * @throws ContextError when the lock could not be acquired within `options.waitMs`.
 */
export async function withLock<T>(
  path: string,
  options: LockOptions,
  critical: () => Promise<T>,
): Promise<T> {
  const owner = await acquire(path, options);
  try {
    return await critical();
  } finally {
    await release(path, owner);
  }
}
