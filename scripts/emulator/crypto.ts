/**
 * Small crypto helpers of the emulator: ids, base64url, AES-GCM for the oproxy `encrypted_token`,
 * and HMAC comparison. Node's crypto is fine here: the emulator is a host, not bundled.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  randomUUID,
  timingSafeEqual,
  type CipherGCM,
  type CipherGCMTypes,
  type DecipherGCM,
} from 'node:crypto';

/** A random GUID. */
export function guid(): string {
  return randomUUID();
}

/** A deterministic GUID-shaped id derived from a seed string (stable seed data across resets). */
export function seededGuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Base64url without padding. */
export function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** Random bytes as standard base64 (with padding). */
export function randomBase64(bytes: number): string {
  return randomBytes(bytes).toString('base64');
}

/** Random opaque token text (URL-safe). */
export function opaqueToken(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Strict standard base64 (what Python's b64decode accepts without `validate`, minus junk). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes strict standard base64, or `undefined` when the text is not base64. */
export function decodeBase64(text: string): Buffer | undefined {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

function gcm(key: Buffer): CipherGCMTypes {
  return `aes-${key.length * 8}-gcm` as CipherGCMTypes;
}

/**
 * Encrypts like the XSOAR module: base64(nonce(12) ‖ AES-GCM ciphertext ‖ tag(16)) of
 * `"<unix seconds>:<content>"` under the base64 key. Exported for tests and tools.
 */
export function encryptOproxyToken(keyBase64: string, content: string, unixSeconds: number): string {
  const key = Buffer.from(keyBase64, 'base64');
  const nonce = randomBytes(12);
  const cipher: CipherGCM = createCipheriv(gcm(key), key, nonce);
  const data = Buffer.concat([cipher.update(`${unixSeconds}:${content}`, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, data, cipher.getAuthTag()]).toString('base64');
}

/** Why an oproxy `encrypted_token` could not be opened. */
export type DecryptFailure = 'notBase64' | 'tooShort' | 'tagMismatch';

/** Decrypts an oproxy `encrypted_token`; the GCM tag check catches a wrong key. */
export function decryptOproxyToken(
  keyBase64: string,
  encrypted: string,
): { ok: true; plaintext: string } | { ok: false; reason: DecryptFailure } {
  const data = decodeBase64(encrypted);
  if (!data) return { ok: false, reason: 'notBase64' };
  if (data.length < 12 + 16 + 1) return { ok: false, reason: 'tooShort' };
  const key = Buffer.from(keyBase64, 'base64');
  const decipher: DecipherGCM = createDecipheriv(gcm(key), key, data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(data.length - 16));
  try {
    const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
    return { ok: true, plaintext: plain.toString('utf8') };
  } catch {
    return { ok: false, reason: 'tagMismatch' };
  }
}
