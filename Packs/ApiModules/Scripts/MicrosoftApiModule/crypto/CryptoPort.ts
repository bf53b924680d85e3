/**
 * The cryptography the flows need, behind a small port: Node's `crypto` in Node hosts, a pure
 * JavaScript implementation in the XSOAR server bundle (which has no Node built-ins).
 * All binary values are Uint8Array.
 */
export interface CryptoPort {
  /** `n` random bytes. May be weak where the engine has no secure source; callers must not rely on it alone for nonces. */
  randomBytes(n: number): Uint8Array;
  /** AES-GCM encryption with a 12-byte nonce and no associated data; returns ciphertext followed by the 16-byte tag. */
  aesGcmEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /** AES-GCM decryption; throws when the tag does not verify. */
  aesGcmDecrypt(key: Uint8Array, nonce: Uint8Array, ciphertextAndTag: Uint8Array): Uint8Array;
  /** SHA-1 and SHA-256 digests. */
  sha1(data: Uint8Array): Uint8Array;
  sha256(data: Uint8Array): Uint8Array;
  /** HMAC-SHA-256 (RFC 2104) of `data` under `key`. */
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array;
  /** RSASSA-PKCS1-v1_5 (RS256) or RSASSA-PSS (PS256, salt length 32) over SHA-256 with a PEM private key. */
  sign(algorithm: 'RS256' | 'PS256', privateKeyPem: string, data: Uint8Array): Uint8Array;
  /** A random RFC 4122 version 4 UUID. */
  randomUUID(): string;
}
