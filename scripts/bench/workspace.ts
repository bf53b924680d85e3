/**
 * The bench's scratch directory: params and context files for the CLI runs, and the bundled child
 * scripts. Everything lives under one temporary directory removed at the end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An empty integration context, as the CLI's context file stores it. */
export const EMPTY_CONTEXT = { version: 0, data: {} };

/** A scratch directory with helpers to write the files the CLI reads. */
export class Workspace {
  private contextCount = 0;

  private constructor(readonly dir: string) {}

  /** Creates a fresh directory under the system's temporary directory. */
  static create(): Workspace {
    return new Workspace(mkdtempSync(join(tmpdir(), 'msgraph-bench-')));
  }

  /** Writes an instance's params as `<name>.json` (the CLI names the instance after the file). */
  writeParams(name: string, params: unknown): string {
    const path = join(this.dir, `${name}.json`);
    writeFileSync(path, JSON.stringify(params), { mode: 0o600 });
    return path;
  }

  /** Writes a new context file holding an empty context (no cached token) and returns its path. */
  freshContext(label: string): string {
    this.contextCount += 1;
    const path = join(this.dir, `context-${label}-${this.contextCount}.json`);
    // 0600 like the CLI's own writes: the file will hold tokens.
    writeFileSync(path, JSON.stringify(EMPTY_CONTEXT), { mode: 0o600 });
    return path;
  }

  /** A path inside the directory. */
  path(name: string): string {
    return join(this.dir, name);
  }

  /** Removes the directory and everything in it. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
