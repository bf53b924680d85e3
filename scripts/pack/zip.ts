/**
 * The pack archive, written and read back with fflate. The output is reproducible: entries are
 * sorted by path, every entry carries the same fixed date and Unix mode, and the deflate level is
 * fixed, so the same files always give the same bytes.
 */
import { unzipSync, zipSync, type Zippable, type ZipOptions } from 'fflate';
import { ToolingError, ToolingErrorCode } from '../docs/errors';

/** One file of the archive. */
export interface ZipInput {
  /** Forward-slash path inside the archive, e.g. `Pack/README.md`. */
  readonly path: string;
  readonly data: Uint8Array;
}

/** One file read back from an archive. */
export interface ZipEntry {
  readonly path: string;
  readonly data: Buffer;
}

/** "Made by" host 3 (Unix), so that unzip tools apply the mode in `attrs`. */
const HOST_UNIX = 3;
/** A regular file with mode 0644, in the high 16 bits of the external attributes. */
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;

/**
 * The options every entry gets. fflate turns `mtime` into an MS-DOS stamp from the Date's
 * local-time fields, so the Date is built from local-time fields here, at each call: 1980-01-01
 * 00:00 then comes out the same in every time zone (a fixed instant would not).
 */
function entryOptions(): ZipOptions {
  return { level: 9, mtime: new Date(1980, 0, 1), os: HOST_UNIX, attrs: REGULAR_FILE_0644 };
}

function zipError(message: string, cause?: unknown): ToolingError {
  return new ToolingError(ToolingErrorCode.zip, message, cause === undefined ? undefined : { cause });
}

function checkPaths(sorted: readonly ZipInput[]): void {
  sorted.forEach(({ path }, i) => {
    const unsafe =
      path === '' || path.startsWith('/') || path.includes('\\') || path.split('/').includes('..');
    if (unsafe || path.endsWith('/'))
      throw zipError(`ZIP entry path "${path}" must be a relative file path.`);
    // A keyed object would silently keep only the last of two equal paths.
    if (i > 0 && sorted[i - 1].path === path) throw zipError(`ZIP entry "${path}" is given twice.`);
  });
}

/**
 * Builds a ZIP archive holding `inputs`, sorted by path.
 * @throws ToolingError (`TOOLING_ZIP_INVALID`) on a duplicate or unsafe path.
 */
export function createZip(inputs: readonly ZipInput[]): Buffer {
  const sorted = [...inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  checkPaths(sorted);
  // fflate writes the entries in the object's key order, i.e. in insertion (sorted) order.
  const files: Zippable = {};
  for (const input of sorted) files[input.path] = input.data;
  const zip = zipSync(files, entryOptions());
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}

/**
 * Reads every entry of a ZIP archive, in archive order.
 * @throws ToolingError (`TOOLING_ZIP_INVALID`) when the archive cannot be read.
 */
export function readZip(zip: Uint8Array): ZipEntry[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw zipError(`Not a valid ZIP archive: ${why}.`, error);
  }
  return Object.entries(files).map(([path, data]) => ({
    path,
    data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
  }));
}

/**
 * Checks that `zip` reads back as exactly `inputs` (same paths, same bytes). fflate's reader does
 * not check CRC-32, so comparing the bytes themselves is what catches a corrupt archive.
 * @throws ToolingError (`TOOLING_ZIP_INVALID`) naming the first entry that differs.
 */
export function verifyZip(zip: Uint8Array, inputs: readonly ZipInput[]): ZipEntry[] {
  const entries = readZip(zip);
  const expected = new Map(inputs.map((input) => [input.path, input.data]));
  for (const entry of entries) {
    const data = expected.get(entry.path);
    if (!data) throw zipError(`The ZIP archive holds an unexpected entry "${entry.path}".`);
    if (!entry.data.equals(data)) throw zipError(`ZIP entry "${entry.path}" does not read back as written.`);
    expected.delete(entry.path);
  }
  const [missing] = expected.keys();
  if (missing !== undefined) throw zipError(`ZIP entry "${missing}" is missing from the archive.`);
  return entries;
}
