/**
 * A strict reader for the ZIP files {@link createZip} writes (and other plain, non-ZIP64 archives):
 * walks the central directory, checks each local header against it, inflates and verifies CRC-32.
 * Used by the pack tests and by `npm run pack` to check the archive it just wrote.
 */
import { inflateRawSync } from 'node:zlib';
import { ToolingError, ToolingErrorCode } from '../docs/errors';
import { crc32 } from './crc32';
import * as Z from './zipFormat';

/** One file read back from an archive. */
export interface ZipEntry {
  readonly path: string;
  readonly data: Buffer;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly flags: number;
  readonly dosTime: number;
  readonly dosDate: number;
  /** Unix mode (high 16 bits of the external attributes). */
  readonly mode: number;
}

function bad(why: string): never {
  throw new ToolingError(ToolingErrorCode.zip, `Not a valid ZIP archive: ${why}.`);
}

function findEnd(zip: Buffer): number {
  const earliest = Math.max(0, zip.length - Z.END_OF_CENTRAL_DIRECTORY_SIZE - 0xffff);
  for (let at = zip.length - Z.END_OF_CENTRAL_DIRECTORY_SIZE; at >= earliest; at--) {
    if (zip.readUInt32LE(at) === Z.END_OF_CENTRAL_DIRECTORY_SIGNATURE) return at;
  }
  return bad('no end-of-central-directory record');
}

function readData(zip: Buffer, offset: number, name: string, method: number, compressedSize: number): Buffer {
  if (zip.readUInt32LE(offset) !== Z.LOCAL_HEADER_SIGNATURE) bad(`no local header for ${name}`);
  const nameLength = zip.readUInt16LE(offset + 26);
  const extraLength = zip.readUInt16LE(offset + 28);
  const localName = zip.subarray(offset + 30, offset + 30 + nameLength).toString('utf8');
  if (localName !== name) bad(`local header name "${localName}" differs from "${name}"`);
  const start = offset + Z.LOCAL_HEADER_SIZE + nameLength + extraLength;
  const stored = zip.subarray(start, start + compressedSize);
  if (stored.length !== compressedSize) bad(`${name} is truncated`);
  if (method === Z.METHOD_STORE) return Buffer.from(stored);
  if (method === Z.METHOD_DEFLATE) return inflateRawSync(stored);
  return bad(`${name} uses unsupported method ${method}`);
}

function readCentralEntry(zip: Buffer, at: number): [ZipEntry, number] {
  if (zip.readUInt32LE(at) !== Z.CENTRAL_HEADER_SIGNATURE) bad(`no central header at ${at}`);
  const method = zip.readUInt16LE(at + 10);
  const crc = zip.readUInt32LE(at + 16);
  const compressedSize = zip.readUInt32LE(at + 20);
  const size = zip.readUInt32LE(at + 24);
  const nameLength = zip.readUInt16LE(at + 28);
  const skip = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  const path = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
  const data = readData(zip, zip.readUInt32LE(at + 42), path, method, compressedSize);
  if (data.length !== size) bad(`${path} is ${data.length} bytes, the directory says ${size}`);
  if (crc32(data) !== crc) bad(`${path} fails its CRC-32 check`);
  const entry: ZipEntry = {
    path,
    data,
    method,
    crc,
    compressedSize,
    flags: zip.readUInt16LE(at + 8),
    dosTime: zip.readUInt16LE(at + 12),
    dosDate: zip.readUInt16LE(at + 14),
    mode: zip.readUInt32LE(at + 38) >>> 16,
  };
  return [entry, at + Z.CENTRAL_HEADER_SIZE + nameLength + skip];
}

/**
 * Reads every entry of a ZIP archive, in central-directory order.
 * @throws ToolingError (`TOOLING_ZIP_INVALID`) on any structural, size or CRC mismatch.
 */
export function readZip(zip: Buffer): ZipEntry[] {
  try {
    return readEntries(zip);
  } catch (error) {
    if (error instanceof ToolingError) throw error;
    // Offsets pointing outside the buffer, or deflate data that does not inflate.
    throw new ToolingError(
      ToolingErrorCode.zip,
      'Not a valid ZIP archive: an entry is truncated or corrupt.',
      {
        cause: error,
      },
    );
  }
}

function readEntries(zip: Buffer): ZipEntry[] {
  if (zip.length < Z.END_OF_CENTRAL_DIRECTORY_SIZE) bad('too short');
  const end = findEnd(zip);
  const count = zip.readUInt16LE(end + 10);
  const directoryEnd = zip.readUInt32LE(end + 16) + zip.readUInt32LE(end + 12);
  if (directoryEnd !== end) bad('the central directory does not end where the end record starts');
  const entries: ZipEntry[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const [entry, next] = readCentralEntry(zip, at);
    entries.push(entry);
    at = next;
  }
  return entries;
}
