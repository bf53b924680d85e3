/**
 * JSON files named on the command line: read with usage errors that never quote the content.
 * Synchronous I/O for the cold-start reason given in lockFile.ts (small files only).
 */
import * as fs from 'node:fs';
import { UsageError } from './args';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';

const errno = (err: unknown): string => (err as NodeJS.ErrnoException | undefined)?.code ?? 'error';
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

/**
 * Reads a JSON object from `path` for the command-line option `flag`.
 * @param missingOk when true a missing file reads as `undefined` instead of a usage error.
 * @throws UsageError for a missing or unreadable file, invalid JSON or a non-object value. The
 * message names the flag and the path only: the file may hold secrets.
 */
export function readJsonObject(
  flag: string,
  path: string,
  missingOk = false,
): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
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

/** Writes JSON to `path` through a temporary file and a rename, so readers never see half a file. */
export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.${process.pid}.${nodeCrypto.randomUUID()}.tmp`;
  try {
    fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    fs.renameSync(tmp, path);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
