/**
 * The integration context in a JSON file, shared safely by many concurrent CLI processes.
 * File format: `{ "version": <n>, "data": { ... } }`. Writes are optimistic (compare the stored
 * version) inside an exclusive lock file, and replace the file by an atomic rename of a complete
 * temporary file, so a reader never sees a torn file and readers never need the lock.
 * File I/O is synchronous for the cold-start reason given in lockFile.ts (small files only).
 */
import * as fs from 'node:fs';
import { dirname } from 'node:path';
import type {
  IntegrationContextStore,
  VersionedContext,
} from '../../Packs/Base/Scripts/CommonServer/runtime';
import { ContextError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { followLinks, readTextCapped, FileTooLargeError } from './files';
import { withLock, type LockOptions } from './lockFile';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';

/** Lock timing for {@link FileContextStore}; defaults suit interactive CLI use. */
export interface FileContextStoreOptions {
  /** A lock older than this is treated as abandoned by a crashed process (default 5 s). */
  readonly staleLockMs?: number;
  /** How long a write waits for the lock before failing (default 10 s). */
  readonly lockWaitMs?: number;
}

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The file named as the integration context cannot be read as one (unreadable, too large, not
 * JSON, wrong shape): a mistake in what the user named, unlike a lock or a write failure.
 */
export class ContextFileError extends ContextError {}

/**
 * The version after `version`. Versions are compared for equality only, so after the largest safe
 * integer they wrap to 1 instead of growing into a number the file could not be read back with.
 */
export const nextVersion = (version: number): number =>
  version >= Number.MAX_SAFE_INTEGER ? 1 : version + 1;

/** Parses the file text; the message never quotes the content, which holds tokens. */
function parseContextFile(path: string, text: string): VersionedContext {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ContextFileError(`The integration context file ${path} is not valid JSON.`, { cause });
  }
  const version = isRecord(parsed) ? parsed.version : undefined;
  if (
    !isRecord(parsed) ||
    !isRecord(parsed.data) ||
    !Number.isSafeInteger(version) ||
    (version as number) < 0
  ) {
    throw new ContextFileError(
      `The integration context file ${path} is not a context file: expected {"version": <n>, "data": {...}}.`,
    );
  }
  return { data: parsed.data, version: version as number };
}

/** A file-backed {@link IntegrationContextStore} with a version stored in the file. */
export class FileContextStore implements IntegrationContextStore {
  private readonly lock: LockOptions;
  /**
   * Path of the context file; created (with its directory) on the first write or `ensureFile`. A
   * symbolic link is followed once, here: the target is replaced and the link kept, and every
   * link to one file shares that file's lock.
   */
  readonly path: string;

  constructor(path: string, options: FileContextStoreOptions = {}) {
    this.path = followLinks(path);
    this.lock = { staleMs: options.staleLockMs ?? 5000, waitMs: options.lockWaitMs ?? 10_000 };
  }

  /** The lock file guarding writes. */
  get lockPath(): string {
    return `${this.path}.lock`;
  }

  /** Reads the context; a missing file reads as an empty context at version 0. */
  async read(): Promise<VersionedContext> {
    return this.load() ?? { data: {}, version: 0 };
  }

  /** Writes `data` as the next version if the stored version is still `expectedVersion`. */
  async write(data: Record<string, unknown>, expectedVersion: number): Promise<VersionedContext | undefined> {
    return withLock(this.lockPath, this.lock, async () => {
      const current = await this.read();
      if (current.version !== expectedVersion) return undefined;
      const next: VersionedContext = { data: { ...data }, version: nextVersion(current.version) };
      this.replace(next);
      return next;
    });
  }

  /**
   * Creates the file (empty context, version 0) when it is missing, and checks that it is readable.
   * @throws ContextError when the file exists but is not a context file.
   */
  async ensureFile(): Promise<VersionedContext> {
    const existing = this.load();
    if (existing) return existing;
    return withLock(this.lockPath, this.lock, async () => {
      const again = this.load();
      if (again) return again;
      const empty: VersionedContext = { data: {}, version: 0 };
      this.replace(empty);
      return empty;
    });
  }

  private load(): VersionedContext | undefined {
    let text: string;
    try {
      text = readTextCapped(this.path);
    } catch (err) {
      if (errno(err) === 'ENOENT') return undefined;
      const reason = err instanceof FileTooLargeError ? err.message : errno(err);
      throw new ContextFileError(`Cannot read the integration context file ${this.path} (${reason}).`, {
        cause: err,
      });
    }
    return parseContextFile(this.path, text);
  }

  /** Atomically replaces the file: write a private temporary file, then rename it over the target. */
  private replace(snapshot: VersionedContext): void {
    const tmp = `${this.path}.${process.pid}.${nodeCrypto.randomUUID()}.tmp`;
    try {
      const text = `${JSON.stringify({ version: snapshot.version, data: snapshot.data }, null, 2)}\n`;
      fs.mkdirSync(dirname(this.path), { recursive: true });
      // 0600: the context holds access and refresh tokens.
      fs.writeFileSync(tmp, text, { flag: 'wx', mode: 0o600 });
      fs.renameSync(tmp, this.path);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      const reason = errno(err) ?? 'the data is nested too deep';
      throw new ContextError(`Cannot write the integration context file ${this.path} (${reason}).`, {
        cause: err,
      });
    }
  }
}
