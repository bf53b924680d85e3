/**
 * A tiny file-backed IntegrationContextStore for the multi-process tests: `{version, data}` in one
 * JSON file, writes under an exclusive lock file (O_EXCL) with atomic rename, so several processes
 * can share one integration context like parallel XSOAR commands do.
 */
import * as fs from 'node:fs';
import type {
  IntegrationContextStore,
  VersionedContext,
} from '../../../Packs/Base/Scripts/CommonServer/runtime';

const STALE_LOCK_MS = 5000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The file store. */
export class FileContextStore implements IntegrationContextStore {
  constructor(private readonly file: string) {}

  async read(): Promise<VersionedContext> {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as VersionedContext;
      return { data: parsed.data, version: parsed.version };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { data: {}, version: 0 };
      throw error;
    }
  }

  async write(data: Record<string, unknown>, expectedVersion: number): Promise<VersionedContext | undefined> {
    const release = this.lock();
    try {
      const current = await this.read();
      if (current.version !== expectedVersion) return undefined;
      const next = { data, version: current.version + 1 };
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(next));
      fs.renameSync(temp, this.file);
      return next;
    } finally {
      release();
    }
  }

  private lock(): () => void {
    const lockFile = `${this.file}.lock`;
    for (let attempt = 0; attempt < 2000; attempt++) {
      try {
        fs.closeSync(fs.openSync(lockFile, 'wx'));
        return () => fs.rmSync(lockFile, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        try {
          if (Date.now() - fs.statSync(lockFile).mtimeMs > STALE_LOCK_MS)
            fs.rmSync(lockFile, { force: true });
        } catch {
          // The holder released it in between.
        }
        sleepSync(2);
      }
    }
    throw new Error(`could not lock ${lockFile}`);
  }
}
