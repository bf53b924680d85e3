/**
 * The CryptoPort over Node's `node:crypto`, for Node hosts (CLI, tests, emulator clients).
 * One of the two designated Node files of the module; the server bundle uses pureCrypto.ts.
 */
import type * as NodeCrypto from 'node:crypto';
import type { CryptoPort } from './CryptoPort';
import { hmacSha256, sha256 } from './sha256';

let loaded: typeof NodeCrypto | undefined;
/** node:crypto, loaded on first use: ~2 ms of every cold start that a cached-token command can skip. */
function lib(): typeof NodeCrypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('node:crypto') as typeof NodeCrypto;
  return loaded;
}

function gcmAlgorithm(key: Uint8Array): NodeCrypto.CipherGCMTypes {
  if (key.length === 16) return 'aes-128-gcm';
  if (key.length === 24) return 'aes-192-gcm';
  if (key.length === 32) return 'aes-256-gcm';
  throw new Error(`AES-GCM needs a 16, 24 or 32-byte key, got ${key.length} bytes`);
}

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** Node implementation of {@link CryptoPort}. */
export const nodeCrypto: CryptoPort = {
  randomBytes: (n) => toBytes(lib().randomBytes(n)),
  aesGcmEncrypt(key, nonce, plaintext) {
    const cipher = lib().createCipheriv(gcmAlgorithm(key), key, nonce);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return toBytes(Buffer.concat([body, cipher.getAuthTag()]));
  },
  aesGcmDecrypt(key, nonce, ciphertextAndTag) {
    if (ciphertextAndTag.length < 16) throw new Error('AES-GCM input is shorter than the tag');
    const split = ciphertextAndTag.length - 16;
    const decipher = lib().createDecipheriv(gcmAlgorithm(key), key, nonce);
    decipher.setAuthTag(ciphertextAndTag.subarray(split));
    return toBytes(Buffer.concat([decipher.update(ciphertextAndTag.subarray(0, split)), decipher.final()]));
  },
  sha1: (data) => toBytes(lib().createHash('sha1').update(data).digest()),
  sha256,
  hmacSha256,
  sign(algorithm, privateKeyPem, data) {
    const crypto = lib();
    const key = crypto.createPrivateKey(privateKeyPem);
    if (algorithm === 'RS256') return toBytes(crypto.sign('sha256', data, key));
    return toBytes(
      crypto.sign('sha256', data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }),
    );
  },
  randomUUID: () => lib().randomUUID(),
};
