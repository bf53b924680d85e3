/**
 * RSA signatures over SHA-256 (RFC 8017): RSASSA-PKCS1-v1_5 (RS256) and RSASSA-PSS with MGF1-SHA-256
 * and a 32-byte salt (PS256). The private operation uses the key's CRT parameters (two half-size
 * exponentiations instead of one full one), with blinding by a random `r` so its timing does not
 * depend on the message, and checks its own result with the public exponent, so an inconsistent
 * key fails loudly instead of producing a bad signature.
 */
import type { BigMath } from './bigMath';
import { concatBytes, hexDecode, hexEncode } from './encoding';
import type { RsaPrivateKey } from './rsaKey';

/** What the signer needs besides the key. */
export interface RsaSignDeps<N> {
  readonly math: BigMath<N>;
  readonly sha256: (data: Uint8Array) => Uint8Array;
  readonly random: (n: number) => Uint8Array;
}

/** DER of DigestInfo { sha256, NULL } without the hash (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = hexDecode('3031300d060960864801650304020105000420');
const HASH_LENGTH = 32;
const SALT_LENGTH = 32;

/** EMSA-PKCS1-v1_5 (RFC 8017 §9.2): 00 01 FF..FF 00 DigestInfo hash, `length` bytes. */
export function emsaPkcs1v15(hash: Uint8Array, length: number): Uint8Array {
  const t = concatBytes(SHA256_DIGEST_INFO, hash);
  if (length < t.length + 11) throw new Error('The RSA key is too short for a SHA-256 signature');
  const em = new Uint8Array(length);
  em[1] = 0x01;
  for (let i = 2; i < length - t.length - 1; i++) em[i] = 0xff;
  em.set(t, length - t.length);
  return em;
}

/** MGF1 with SHA-256 (RFC 8017 §B.2.1). */
function mgf1(seed: Uint8Array, length: number, sha256: RsaSignDeps<unknown>['sha256']): Uint8Array {
  const out = new Uint8Array(length);
  for (let counter = 0, at = 0; at < length; counter++, at += HASH_LENGTH) {
    const c = new Uint8Array([
      counter >>> 24,
      (counter >>> 16) & 0xff,
      (counter >>> 8) & 0xff,
      counter & 0xff,
    ]);
    const block = sha256(concatBytes(seed, c));
    out.set(block.subarray(0, Math.min(HASH_LENGTH, length - at)), at);
  }
  return out;
}

/** EMSA-PSS encoding (RFC 8017 §9.1.1) of `hash` for a modulus of `modBits` bits. */
export function emsaPss(
  hash: Uint8Array,
  modBits: number,
  salt: Uint8Array,
  sha256: RsaSignDeps<unknown>['sha256'],
) {
  const emBits = modBits - 1;
  const emLength = Math.ceil(emBits / 8);
  if (emLength < HASH_LENGTH + salt.length + 2)
    throw new Error('The RSA key is too short for a PS256 signature');
  const h = sha256(concatBytes(new Uint8Array(8), hash, salt));
  const db = new Uint8Array(emLength - HASH_LENGTH - 1);
  db[db.length - salt.length - 1] = 0x01;
  db.set(salt, db.length - salt.length);
  const mask = mgf1(h, db.length, sha256);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >>> (8 * emLength - emBits);
  return concatBytes(db, h, new Uint8Array([0xbc]));
}

/** A random value in [2, n - 1], from bytes of the random source. */
function randomBelow<N>(n: N, bytes: number, deps: RsaSignDeps<N>): N {
  const { math } = deps;
  const two = math.fromHex('2');
  return math.add(math.mod(math.fromHex(hexEncode(deps.random(bytes + 8))), math.sub(n, two)), two);
}

/** RSASP1 (RFC 8017 §5.2.1) with CRT and blinding; `em` as an integer, the signature as `length` bytes. */
export function rsaPrivate<N>(key: RsaPrivateKey, em: Uint8Array, deps: RsaSignDeps<N>): Uint8Array {
  const { math } = deps;
  const [n, e, p, q, dP, dQ, qInv] = [key.n, key.e, key.p, key.q, key.dP, key.dQ, key.qInv].map(math.fromHex);
  const length = Math.ceil(key.bits / 8);
  const c = math.fromHex(hexEncode(em));
  let r = randomBelow(n, length, deps);
  let rInverse: N | undefined;
  while (rInverse === undefined) {
    try {
      rInverse = math.modInverse(r, n);
    } catch {
      r = randomBelow(n, length, deps);
    }
  }
  const blinded = math.mod(math.mul(c, math.modPow(r, e, n)), n);
  const m1 = math.modPow(math.mod(blinded, p), dP, p);
  const m2 = math.modPow(math.mod(blinded, q), dQ, q);
  const h = math.mod(math.mul(qInv, math.mod(math.sub(m1, m2), p)), p);
  const s = math.mod(math.mul(math.add(m2, math.mul(h, q)), rInverse), n);
  if (!math.equals(math.modPow(s, e, n), c)) {
    throw new Error('The RSA private key is inconsistent (its signature does not verify)');
  }
  let hex = math.toHex(s);
  while (hex.length < length * 2) hex = `0${hex}`;
  return hexDecode(hex);
}

/** Signs `data` with RS256 or PS256. */
export function rsaSign<N>(
  algorithm: 'RS256' | 'PS256',
  key: RsaPrivateKey,
  data: Uint8Array,
  deps: RsaSignDeps<N>,
): Uint8Array {
  const hash = deps.sha256(data);
  const em =
    algorithm === 'RS256'
      ? emsaPkcs1v15(hash, Math.ceil(key.bits / 8))
      : emsaPss(hash, key.bits, deps.random(SALT_LENGTH), deps.sha256);
  return rsaPrivate(key, em, deps);
}
