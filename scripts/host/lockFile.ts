/**
 * An exclusive lock file for cross-process critical sections (several CLI processes sharing one
 * integration context file). Acquired by an O_EXCL create; a lock left behind by a crashed process
 * is broken after a bounded time (or at once when its owner is provably gone); waiting is bounded.
 *
 * File operations are synchronous on purpose: they touch a few hundred bytes, and the first
 * asynchronous fs call of a process starts libuv's thread pool, a few ms of every CLI cold start.
 */
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { ContextError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/errors';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';

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

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path, 'utf8'));
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
export function isStaleLock(path: string, staleMs: number): boolean {
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(path).mtimeMs;
  } catch {
    return false;
  }
  if (Date.now() - mtimeMs > staleMs) return true;
  const owner = readOwner(path);
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
function breakStaleLock(path: string, staleMs: number): void {
  const breaker = `${path}.break`;
  try {
    fs.closeSync(fs.openSync(breaker, 'wx', 0o600));
  } catch (err) {
    if (errno(err) !== 'EEXIST') throw err;
    // A breaker that crashed mid-way (a window of microseconds) must not block everyone forever.
    if (isStaleLock(breaker, staleMs)) fs.rmSync(breaker, { force: true });
    return;
  }
  try {
    if (isStaleLock(path, staleMs)) fs.rmSync(path, { force: true });
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = fs.openSync(path, 'wx', 0o600);
  } catch (err) {
    if (errno(err) === 'EEXIST') return false;
    if (errno(err) !== 'ENOENT') {
      throw new ContextError(`Cannot create the lock file ${path} (${errno(err)}).`, { cause: err });
    }
    fs.mkdirSync(dirname(path), { recursive: true });
    return false;
  }
  try {
    fs.writeFileSync(fd, JSON.stringify(owner));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

async function acquire(path: string, options: LockOptions): Promise<LockOwner> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: nodeCrypto.randomUUID() };
  const deadline = Date.now() + options.waitMs;
  const pollMs = options.pollMs ?? 5;
  for (;;) {
    if (tryCreate(path, owner)) return owner;
    if (isStaleLock(path, options.staleMs)) {
      breakStaleLock(path, options.staleMs);
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

function release(path: string, owner: LockOwner): void {
  // Only remove our own lock: if ours was broken as stale, the file may now be someone else's.
  if (readOwner(path)?.token === owner.token) fs.rmSync(path, { force: true });
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
    release(path, owner);
  }
}
