/** ZIP (APPNOTE 6.3) constants shared by the writer and the reader. */

/** Signature of a local file header. */
export const LOCAL_HEADER_SIGNATURE = 0x04034b50;
/** Signature of a central directory file header. */
export const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
/** Signature of the end-of-central-directory record. */
export const END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;
/** Fixed part of a local header, before the file name. */
export const LOCAL_HEADER_SIZE = 30;
/** Fixed part of a central header, before the file name. */
export const CENTRAL_HEADER_SIZE = 46;
/** The end record without a comment. */
export const END_OF_CENTRAL_DIRECTORY_SIZE = 22;

/** Compression method: stored as is. */
export const METHOD_STORE = 0;
/** Compression method: raw deflate. */
export const METHOD_DEFLATE = 8;
/** General purpose flag bit 11: file names are UTF-8. */
export const FLAG_UTF8 = 0x0800;
/** "Version needed to extract" 2.0: deflate, folders. */
export const VERSION_NEEDED = 20;
/** "Version made by": host 3 (Unix) in the high byte, so the external attributes are Unix modes. */
export const VERSION_MADE_BY = (3 << 8) | 20;
/** A regular file, mode 0644, in the high 16 bits of the external attributes. */
export const FILE_EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;
/** The largest size or offset without ZIP64 extensions. */
export const MAX_32 = 0xffffffff;

/** MS-DOS date of 1980-01-01, the earliest ZIP can express: a fixed stamp keeps output reproducible. */
export const FIXED_DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** MS-DOS time 00:00:00. */
export const FIXED_DOS_TIME = 0;
