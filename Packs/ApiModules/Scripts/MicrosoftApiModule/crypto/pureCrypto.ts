/**
 * The CryptoPort in pure JavaScript, for the XSOAR server bundle (no Node built-ins there).
 * AES-GCM, SHA-1/SHA-256 and HMAC come from node-forge (pure JS; the bundle includes only the forge
 * modules listed in scripts/build/prelude/forgeLite.js). RSA signatures are rsaSign.ts over the
 * engine's BigInt when it has one, else forge's jsbn (bigMath.ts), with the key read by rsaKey.ts.
 *
 * Randomness: the engine's `crypto.getRandomValues` when it has one; otherwise a SHA-256 mix of
 * `Math.random`, the time and a counter, which is NOT cryptographically strong. Callers must not rely
 * on these bytes alone: the oproxy flow builds its AES-GCM nonce from a counter persisted in the
 * integration context, the time and these bytes, so nonces stay unique under one key either way.
 */
import forge from 'node-forge';
import { engineMath } from './bigMath';
import type { BigMath } from './bigMath';
import type { CryptoPort } from './CryptoPort';
import { utf8Encode } from './encoding';
import { hmacSha256, sha256 } from './sha256';
import { readRsaPrivateKey } from './rsaKey';
import type { RsaPrivateKey } from './rsaKey';
import { rsaSign } from './rsaSign';

/** A source of random bytes. */
export type RandomSource = (n: number) => Uint8Array;

/** Options for {@link createPureCrypto}. */
export interface PureCryptoOptions {
  /** Overrides the random source (tests; a host with a better source). */
  random?: RandomSource;
  /** Overrides the big-integer arithmetic of RSA signing (tests: jsbn where the engine has BigInt). */
  math?: BigMath<unknown>;
}

// forge works on "binary strings" (one char per byte); converting in chunks keeps
// String.fromCharCode's argument list short on engines with a small stack.
const CHUNK = 8192;

function toBinary(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + CHUNK)));
  }
  return out;
}

function fromBinary(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i) & 0xff;
  return out;
}

function checkKeyAndNonce(key: Uint8Array, nonce: Uint8Array): void {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new Error(`AES-GCM needs a 16, 24 or 32-byte key, got ${key.length} bytes`);
  }
  if (nonce.length !== 12) throw new Error(`AES-GCM needs a 12-byte nonce, got ${nonce.length} bytes`);
}

function digest(md: forge.md.MessageDigest, data: Uint8Array): Uint8Array {
  md.update(toBinary(data));
  return fromBinary(md.digest().getBytes());
}

/** The engine's secure random source if it has one, else a weak mixed source (see the file comment). */
export function engineRandom(): RandomSource {
  const engine = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (engine && typeof engine.getRandomValues === 'function') {
    const getRandomValues = engine.getRandomValues.bind(engine);
    return (n) => getRandomValues(new Uint8Array(n));
  }
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let offset = 0; offset < n; offset += 32) {
      counter += 1;
      const seed = utf8Encode(`${counter}:${Date.now()}:${Math.random()}:${Math.random()}:${Math.random()}`);
      out.set(sha256(seed).subarray(0, Math.min(32, n - offset)), offset);
    }
    return out;
  };
}

function signer(random: RandomSource, math: BigMath<unknown>): CryptoPort['sign'] {
  // One parsed key is kept: certificate flows sign with the same key on every token request.
  let cached: { pem: string; key: RsaPrivateKey } | undefined;
  return (algorithm, privateKeyPem, data) => {
    if (!cached || cached.pem !== privateKeyPem)
      cached = { pem: privateKeyPem, key: readRsaPrivateKey(privateKeyPem) };
    return rsaSign(algorithm, cached.key, data, { math, sha256, random });
  };
}

function uuidFrom(random: RandomSource): string {
  const b = random(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => (x < 16 ? '0' : '') + x.toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Builds a pure-JavaScript {@link CryptoPort}. */
export function createPureCrypto(options: PureCryptoOptions = {}): CryptoPort {
  const random = options.random ?? engineRandom();
  return {
    randomBytes: (n) => random(n),
    aesGcmEncrypt(key, nonce, plaintext) {
      checkKeyAndNonce(key, nonce);
      const cipher = forge.cipher.createCipher('AES-GCM', toBinary(key));
      cipher.start({ iv: toBinary(nonce), tagLength: 128 });
      cipher.update(forge.util.createBuffer(toBinary(plaintext)));
      cipher.finish();
      return fromBinary(cipher.output.getBytes() + cipher.mode.tag.getBytes());
    },
    aesGcmDecrypt(key, nonce, ciphertextAndTag) {
      checkKeyAndNonce(key, nonce);
      if (ciphertextAndTag.length < 16) throw new Error('AES-GCM input is shorter than the tag');
      const split = ciphertextAndTag.length - 16;
      const decipher = forge.cipher.createDecipher('AES-GCM', toBinary(key));
      const tag = forge.util.createBuffer(toBinary(ciphertextAndTag.subarray(split)));
      decipher.start({ iv: toBinary(nonce), tag, tagLength: 128 });
      decipher.update(forge.util.createBuffer(toBinary(ciphertextAndTag.subarray(0, split))));
      if (!decipher.finish()) throw new Error('AES-GCM authentication failed: the tag does not match');
      return fromBinary(decipher.output.getBytes());
    },
    sha1: (data) => digest(forge.md.sha1.create(), data),
    sha256,
    hmacSha256,
    sign: signer(random, options.math ?? engineMath()),
    randomUUID: () => uuidFrom(random),
  };
}

/** The pure-JavaScript CryptoPort with the engine's random source. */
export const pureCrypto: CryptoPort = createPureCrypto();
