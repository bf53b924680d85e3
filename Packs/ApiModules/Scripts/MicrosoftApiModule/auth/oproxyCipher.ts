/**
 * The oproxy's `encrypted_token`: base64(nonce ‖ AES-GCM(key, "<unix seconds>:<content>") ‖ tag).
 *
 * AES-GCM breaks if a nonce ever repeats under one key, and the server engine's random source may be
 * weak, so the 12-byte nonce is built from a counter persisted in the integration context (4 bytes,
 * incremented by a versioned write, so parallel commands never share a value), the time in seconds
 * (4 bytes, distinct across context resets) and 4 bytes from CryptoPort.randomBytes.
 */
import type { IntegrationContextStore } from '../../../../Base/Scripts/CommonServer/runtime';
import { NONCE_COUNTER } from '../context/authState';
import { mergeKeys, updateContext } from '../context/contextUpdate';
import type { CryptoPort } from '../crypto/CryptoPort';
import { base64Decode, base64Encode, concatBytes, utf8Encode } from '../crypto/encoding';
import { AuthenticationError } from '../core/errors';

const uint32 = (n: number): Uint8Array =>
  Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

/** Takes the next counter value from the context and builds a 12-byte nonce from it. */
export async function nextNonce(
  store: IntegrationContextStore,
  crypto: CryptoPort,
  nowMs: number,
): Promise<Uint8Array> {
  const snapshot = await updateContext(store, (data) => {
    const current = Number(data[NONCE_COUNTER]);
    const next = Number.isInteger(current) && current >= 0 ? (current + 1) % 0x100000000 : 1;
    return mergeKeys(data, { [NONCE_COUNTER]: next });
  });
  const counter = Number(snapshot.data[NONCE_COUNTER]);
  return concatBytes(uint32(counter), uint32(Math.floor(nowMs / 1000)), crypto.randomBytes(4).subarray(0, 4));
}

/**
 * Decodes the Key (standard base64 of a 16, 24 or 32-byte AES key).
 * @throws AuthenticationError with upstream's text; never quotes the Key.
 */
export function decodeOproxyKey(encryptionKey: string): Uint8Array {
  let key: Uint8Array;
  try {
    key = base64Decode(encryptionKey);
  } catch {
    throw new AuthenticationError(
      'Error in Microsoft authorization: the Key is not valid base64. Please check authentication related parameters.',
    );
  }
  if (key.length !== 16 && key.length !== 24 && key.length !== 32)
    throw new AuthenticationError(
      `Error in Microsoft authorization: the Key decodes to ${key.length} bytes, not 16, 24 or 32. Please check authentication related parameters.`,
    );
  return key;
}

/** Encrypts `"<unix seconds>:<content>"` and returns base64(nonce ‖ ciphertext ‖ tag). */
export function encryptOproxyToken(
  crypto: CryptoPort,
  key: Uint8Array,
  nonce: Uint8Array,
  content: string,
  nowSeconds: number,
): string {
  const sealed = crypto.aesGcmEncrypt(key, nonce, utf8Encode(`${nowSeconds}:${content}`));
  return base64Encode(concatBytes(nonce, sealed));
}
