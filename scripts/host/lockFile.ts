/**
 * An exclusive lock file for cross-process critical sections (several CLI processes sharing one
 * integration context file). Acquired by an O_EXCL create; a lock left behind by a crashed process
 * is broken after a bounded time (or at once when its owner is provably gone); waiting is bounded.
 *
 * File operations are synchronous on purpose: they touch a few hundred bytes, and the first
 * asynchronous fs call of a process starts libuv's thread pool, a few ms of every CLI cold start.
 */
import * as fs from 'node:fs';
import { dirname } from 'node:path';
import { ContextError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { readTextCapped } from './files';
import { currentProcessOwner, ownerIsGone, type ProcessOwner } from './processOwner';

/** Timing bounds of a lock. */
export interface LockOptions {
  /** A lock file older than this is considered abandoned and may be broken. */
  readonly staleMs: number;
  /** Give up (LockError) after waiting this long for the lock. */
  readonly waitMs: number;
  /** Base delay between attempts; jittered so waiters do not move in lockstep. */
  readonly pollMs?: number;
}

/** The lock could not be taken: an environment problem (exit 1 in the CLI), never a usage mistake. */
export class LockError extends ContextError {}

/** What a lock file holds, to recognise its owner. */
interface LockOwner extends ProcessOwner {
  token: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;
const lockError = (what: string, cause: unknown): LockError =>
  new LockError(`${what} (${errno(cause) ?? 'error'}).`, { cause });

function readOwner(path: string): LockOwner | undefined {
  try {
    // Capped: a lock file holds about 100 bytes; anything else is not one of ours.
    const parsed: unknown = JSON.parse(readTextCapped(path, 4096));
    return parsed && typeof parsed === 'object' ? (parsed as LockOwner) : undefined;
  } catch {
    // Missing, or created but not yet written by its owner: nothing to learn from it.
    return undefined;
  }
}

/**
 * True when the lock at `path` exists and is abandoned: too old (or dated in the future, after a
 * clock change or a copy), its owner on this host has exited, or it is a symbolic link (locks are
 * regular files created by O_EXCL; a link is nobody's lock, and is never read through).
 * @throws LockError when something other than a file or a link sits at `path` (a directory).
 */
export function isStaleLock(path: string, staleMs: number): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(path);
  } catch {
    return false;
  }
  if (stat.isSymbolicLink()) return true;
  if (!stat.isFile()) {
    throw new LockError(
      `The integration context lock ${path} is a ${stat.isDirectory() ? 'directory' : 'special file'}, ` +
        'not a lock file. Remove it and try again.',
    );
  }
  if (Math.abs(Date.now() - stat.mtimeMs) > staleMs) return true;
  return ownerIsGone(readOwner(path));
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
    if (errno(err) !== 'EEXIST') throw lockError(`Cannot create the lock file ${breaker}`, err);
    // A breaker that crashed mid-way (a window of microseconds) must not block everyone forever.
    if (isStaleLock(breaker, staleMs)) fs.rmSync(breaker, { force: true });
    return;
  }
  try {
    // rmSync removes a link itself, never its target.
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
    if (errno(err) !== 'ENOENT') throw lockError(`Cannot create the lock file ${path}`, err);
    try {
      fs.mkdirSync(dirname(path), { recursive: true });
    } catch (cause) {
      throw lockError(`Cannot create the folder of the lock file ${path}`, cause);
    }
    return false;
  }
  try {
    fs.writeFileSync(fd, JSON.stringify(owner));
  } catch (err) {
    // A lock without its owner would hold everyone up until it is stale (a full disk, say).
    fs.closeSync(fd);
    fs.rmSync(path, { force: true });
    throw lockError(`Cannot write the lock file ${path}`, err);
  }
  fs.closeSync(fd);
  return true;
}

async function acquire(path: string, options: LockOptions): Promise<LockOwner> {
  const owner: LockOwner = { ...currentProcessOwner(), token: nodeCrypto.randomUUID() };
  const deadline = Date.now() + options.waitMs;
  const pollMs = options.pollMs ?? 5;
  for (;;) {
    if (tryCreate(path, owner)) return owner;
    if (isStaleLock(path, options.staleMs)) {
      breakStaleLock(path, options.staleMs);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LockError(
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
 * @throws LockError when the lock could not be acquired within `options.waitMs`, or is unusable.
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
