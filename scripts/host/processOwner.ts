/**
 * Who a Node host process is, and whether a recorded owner has provably exited: used by the lock
 * file to break a dead owner's lock at once, and offered to the token cache for its lease (a lease
 * left by a killed command can then be taken over without waiting for it to lapse).
 */
import { hostname } from 'node:os';
import type { RunIdentity } from '../../Packs/Base/Scripts/CommonServer/runtime';

/** The identity a host process records with what it holds (a lock file, a token lease). */
export interface ProcessOwner {
  readonly pid: number;
  readonly host: string;
}

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

/** This process. */
export function currentProcessOwner(): ProcessOwner {
  return { pid: process.pid, host: hostname() };
}

/** True when no process `pid` exists on this host (EPERM: it exists but belongs to another user). */
export function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return errno(err) === 'ESRCH';
  }
}

/**
 * True only when `recorded` names a process of this host, other than this one, that has exited.
 * Anything else (another host, a malformed record, a live or unknown process) is not provably gone.
 */
export function ownerIsGone(recorded: unknown): boolean {
  if (typeof recorded !== 'object' || recorded === null) return false;
  const { pid, host } = recorded as Partial<ProcessOwner>;
  return (
    host === hostname() &&
    Number.isSafeInteger(pid) &&
    (pid as number) > 0 &&
    pid !== process.pid &&
    processIsGone(pid as number)
  );
}

/**
 * The Node host's run identity for the token lease: `<pid>@<host>`. Whether a run is alive can be
 * told only for a process of this host; for anything else the answer is "cannot tell" (undefined),
 * and the lease then lapses as before. A reused pid reads as alive: the safe side.
 */
export const nodeRunIdentity: RunIdentity = {
  // Computed when read (a lease is taken), not at every start.
  get id(): string {
    return `${process.pid}@${hostname()}`;
  },
  isAlive(id: string): boolean | undefined {
    const match = /^([1-9]\d{0,9})@(.+)$/.exec(id);
    if (!match || match[2] !== hostname()) return undefined;
    return !ownerIsGone({ pid: Number(match[1]), host: match[2] });
  },
};
