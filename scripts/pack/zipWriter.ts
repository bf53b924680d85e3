/**
 * A small, deterministic ZIP writer (no zip tool is installed on the build machines): raw deflate
 * from node:zlib, local headers, a central directory and CRC-32. Entries are sorted by path and
 * stamped 1980-01-01 00:00, so the same inputs always give the same bytes.
 */
import { deflateRawSync } from 'node:zlib';
import { ToolingError, ToolingErrorCode } from '../docs/errors';
import { crc32 } from './crc32';
import * as Z from './zipFormat';

/** One file to store. */
export interface ZipInput {
  /** Forward-slash path inside the archive, e.g. `Pack/README.md`. */
  readonly path: string;
  readonly data: Uint8Array;
}

interface Prepared {
  readonly name: Buffer;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly stored: Buffer;
  offset: number;
}

function checkPath(path: string): void {
  const unsafe = path === '' || path.startsWith('/') || path.includes('\\') || path.split('/').includes('..');
  if (unsafe || path.endsWith('/')) {
    throw new ToolingError(ToolingErrorCode.zip, `ZIP entry path "${path}" must be a relative file path.`);
  }
}

function prepare(input: ZipInput): Prepared {
  checkPath(input.path);
  const data = Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength);
  const deflated = deflateRawSync(data, { level: 9 });
  // Store when deflate does not help (tiny or already compressed data), as zip tools do.
  const deflate = deflated.length < data.length;
  if (data.length > Z.MAX_32) {
    throw new ToolingError(
      ToolingErrorCode.zip,
      `ZIP entry "${input.path}" is too large (ZIP64 is not supported).`,
    );
  }
  return {
    name: Buffer.from(input.path, 'utf8'),
    method: deflate ? Z.METHOD_DEFLATE : Z.METHOD_STORE,
    crc: crc32(data),
    size: data.length,
    stored: deflate ? deflated : data,
    offset: 0,
  };
}

/** The fields local and central headers share, from "version needed" to the extra-field length. */
function commonFields(header: Buffer, at: number, entry: Prepared): void {
  header.writeUInt16LE(Z.VERSION_NEEDED, at);
  header.writeUInt16LE(Z.FLAG_UTF8, at + 2);
  header.writeUInt16LE(entry.method, at + 4);
  header.writeUInt16LE(Z.FIXED_DOS_TIME, at + 6);
  header.writeUInt16LE(Z.FIXED_DOS_DATE, at + 8);
  header.writeUInt32LE(entry.crc, at + 10);
  header.writeUInt32LE(entry.stored.length, at + 14);
  header.writeUInt32LE(entry.size, at + 18);
  header.writeUInt16LE(entry.name.length, at + 22);
  header.writeUInt16LE(0, at + 24);
}

function localHeader(entry: Prepared): Buffer {
  const header = Buffer.alloc(Z.LOCAL_HEADER_SIZE);
  header.writeUInt32LE(Z.LOCAL_HEADER_SIGNATURE, 0);
  commonFields(header, 4, entry);
  return Buffer.concat([header, entry.name]);
}

function centralHeader(entry: Prepared): Buffer {
  const header = Buffer.alloc(Z.CENTRAL_HEADER_SIZE);
  header.writeUInt32LE(Z.CENTRAL_HEADER_SIGNATURE, 0);
  header.writeUInt16LE(Z.VERSION_MADE_BY, 4);
  commonFields(header, 6, entry);
  // Comment length, disk number and internal attributes stay 0 (bytes 32-37).
  header.writeUInt32LE(Z.FILE_EXTERNAL_ATTRIBUTES, 38);
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const end = Buffer.alloc(Z.END_OF_CENTRAL_DIRECTORY_SIZE);
  end.writeUInt32LE(Z.END_OF_CENTRAL_DIRECTORY_SIGNATURE, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}

/**
 * Builds a ZIP archive holding `inputs`, sorted by path.
 * @throws ToolingError (`TOOLING_ZIP_INVALID`) on a duplicate or unsafe path, or an archive too
 * large for a ZIP without ZIP64.
 */
export function createZip(inputs: readonly ZipInput[]): Buffer {
  const sorted = [...inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  sorted.forEach((input, i) => {
    if (i > 0 && sorted[i - 1].path === input.path) {
      throw new ToolingError(ToolingErrorCode.zip, `ZIP entry "${input.path}" is given twice.`);
    }
  });
  if (sorted.length > 0xffff)
    throw new ToolingError(ToolingErrorCode.zip, 'Too many ZIP entries (ZIP64 is not supported).');
  const entries = sorted.map(prepare);
  const parts: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    entry.offset = offset;
    const local = localHeader(entry);
    parts.push(local, entry.stored);
    offset += local.length + entry.stored.length;
  }
  const central = Buffer.concat(entries.map(centralHeader));
  if (offset + central.length > Z.MAX_32) {
    throw new ToolingError(ToolingErrorCode.zip, 'The ZIP archive is too large (ZIP64 is not supported).');
  }
  return Buffer.concat([...parts, central, endOfCentralDirectory(entries.length, central.length, offset)]);
}
