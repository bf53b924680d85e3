/**
 * JSON files named on the command line: read with usage errors that never quote the content.
 * Synchronous I/O for the cold-start reason given in lockFile.ts (small files only, with a cap).
 */
import * as fs from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './args';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';

const errno = (err: unknown): string => (err as NodeJS.ErrnoException | undefined)?.code ?? 'error';
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

/**
 * The most the CLI reads of a file it is given (--params, --context, --incident-context): far more
 * than any real one, and a bound for a device or a pipe that never ends (`--params /dev/zero`).
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** A file longer than the cap of {@link readTextCapped}. */
export class FileTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the file is larger than ${Math.floor(limitBytes / (1024 * 1024))} MiB`);
  }
}

/**
 * Reads a UTF-8 file of at most `maxBytes`, stopping one byte past the cap: devices and pipes report
 * no size, so the reading itself is bounded. Same system calls as `readFileSync` for a regular file.
 * @throws FileTooLargeError past the cap; the file system's error (with its `code`) otherwise.
 */
export function readTextCapped(path: string, maxBytes: number = MAX_INPUT_BYTES): string {
  const fd = fs.openSync(path, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > maxBytes) throw new FileTooLargeError(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(size > 0 ? size + 1 : 64 * 1024, maxBytes + 1 - total));
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      chunks.push(buffer.subarray(0, read));
      total += read;
      if (total > maxBytes) throw new FileTooLargeError(maxBytes);
    }
    return (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The file a path names once its final symbolic links are followed (a missing target included), so
 * a file replaced by a rename is the link's target, not the link. Directory links need no care: a
 * rename inside a linked directory lands in the target directory.
 */
export function followLinks(path: string): string {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    let target: string;
    try {
      target = fs.readlinkSync(current);
    } catch {
      // Not a link (EINVAL), or missing (ENOENT): the path itself is the file.
      return current;
    }
    current = resolve(dirname(current), target);
  }
  return current;
}

/**
 * Reads a JSON object from `path` for the command-line option `flag`.
 * @param missingOk when true a missing file reads as `undefined` instead of a usage error.
 * @throws UsageError for a missing, unreadable or oversized file, invalid JSON or a non-object
 * value. The message names the flag and the path only: the file may hold secrets.
 */
export function readJsonObject(
  flag: string,
  path: string,
  missingOk = false,
): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readTextCapped(path);
  } catch (err) {
    if (err instanceof FileTooLargeError) throw new UsageError(`${flag} ${path}: ${err.message}.`);
    if (missingOk && errno(err) === 'ENOENT') return undefined;
    throw new UsageError(`${flag} ${path}: cannot read the file (${REASONS[errno(err)] ?? errno(err)}).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse messages quote the text around the error, which may be a secret.
    throw new UsageError(`${flag} ${path}: the file is not valid JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${flag} ${path}: the file must hold a JSON object.`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Writes JSON to `path` through a temporary file and a rename, so readers never see half a file.
 * A symbolic link at `path` is followed: its target is replaced and the link kept.
 * @throws Error whose `code` is the file system's, or `ETOODEEP` for a value nested too deep to serialise.
 */
export function writeJsonAtomic(path: string, value: unknown): void {
  const target = followLinks(path);
  let text: string;
  try {
    text = `${JSON.stringify(value, null, 2)}\n`;
  } catch (cause) {
    // Stack overflow on a deeply nested value: a stable code instead of "Maximum call stack size".
    throw Object.assign(new Error('the value is nested too deep to save', { cause }), { code: 'ETOODEEP' });
  }
  const tmp = `${target}.${process.pid}.${nodeCrypto.randomUUID()}.tmp`;
  try {
    fs.writeFileSync(tmp, text, { flag: 'wx', mode: 0o600 });
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
