/**
 * Base64 decoding for validation: the shared strict decoder, as a value-or-undefined function,
 * because a malformed value is an expected outcome here, not an exceptional one.
 */
import { base64Decode } from '../crypto/encoding';

/** Decodes standard base64 (length a multiple of 4, `=` padding); undefined when malformed. */
export function decodeBase64(text: string): Uint8Array | undefined {
  try {
    return base64Decode(text);
  } catch {
    return undefined;
  }
}
