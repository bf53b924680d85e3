/** IM101/IM111: the integration image is a PNG of exactly 120x50 pixels and at most 10 KB. */
import { violation, type Violation } from './types';

/** The required image size in pixels. */
export const IMAGE_WIDTH = 120;
export const IMAGE_HEIGHT = 50;
/** The size limit in bytes (10 KB). */
export const IMAGE_MAX_BYTES = 10 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  // IHDR is always the first chunk: 4-byte length, "IHDR", then big-endian width and height.
  const type = String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]);
  if (type !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Checks the image bytes; `location` names the file in the violations. */
export function validateImage(bytes: Uint8Array, location = 'image'): Violation[] {
  const out: Violation[] = [];
  if (bytes.length > IMAGE_MAX_BYTES) {
    out.push(
      violation('IM101', location, `image is ${bytes.length} bytes; the limit is ${IMAGE_MAX_BYTES}.`),
    );
  }
  const size = pngSize(bytes);
  if (!size) out.push(violation('IM111', location, 'image is not a PNG file.'));
  else if (size.width !== IMAGE_WIDTH || size.height !== IMAGE_HEIGHT) {
    const got = `${size.width}x${size.height}`;
    out.push(
      violation('IM111', location, `image is ${got} pixels; it must be ${IMAGE_WIDTH}x${IMAGE_HEIGHT}.`),
    );
  }
  return out;
}
