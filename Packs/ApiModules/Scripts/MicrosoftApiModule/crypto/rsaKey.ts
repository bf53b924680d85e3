/**
 * Reads an RSA private key from PEM: PKCS#8 `PRIVATE KEY` (RFC 5208) or PKCS#1 `RSA PRIVATE KEY`
 * (RFC 8017 appendix A.1.2), unencrypted, DER inside. Only the handful of DER forms these two
 * structures use are read (SEQUENCE, INTEGER, OCTET STRING, OBJECT IDENTIFIER, NULL), with
 * definite lengths; anything else is refused with a message that names the problem, never the key.
 */
import { base64Decode, hexEncode } from './encoding';

/** The key's integers as big-endian hex (no sign byte), as the RSA computation reads them. */
export interface RsaPrivateKey {
  readonly n: string;
  readonly e: string;
  readonly d: string;
  readonly p: string;
  readonly q: string;
  readonly dP: string;
  readonly dQ: string;
  readonly qInv: string;
  /** The modulus length in bits. */
  readonly bits: number;
}

const TAG = { integer: 0x02, octetString: 0x04, null: 0x05, oid: 0x06, sequence: 0x30 } as const;
/** 1.2.840.113549.1.1.1 (rsaEncryption), DER-encoded. */
const RSA_ENCRYPTION = '2a864886f70d010101';
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

interface Tlv {
  readonly tag: number;
  readonly body: Uint8Array;
}

function invalid(): never {
  throw new Error('The private key is not a valid DER-encoded RSA key');
}

/** Reads the TLVs one after the other from `bytes`. */
function readAll(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < bytes.length) {
    const tag = bytes[at];
    let length = bytes[at + 1];
    at += 2;
    if (length === undefined) invalid();
    if (length & 0x80) {
      const count = length & 0x7f;
      // Indefinite lengths are not DER; four length bytes are far more than any key needs.
      if (count === 0 || count > 4) invalid();
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + bytes[at + i];
      at += count;
    }
    if (at + length > bytes.length) invalid();
    out.push({ tag, body: bytes.subarray(at, at + length) });
    at += length;
  }
  return out;
}

function expectTag(tlv: Tlv | undefined, tag: number): Uint8Array {
  if (!tlv || tlv.tag !== tag) invalid();
  return tlv.body;
}

/** An unsigned INTEGER as hex without leading zeros. */
function integerHex(tlv: Tlv | undefined): string {
  const body = expectTag(tlv, TAG.integer);
  if (body.length === 0 || body[0] & 0x80) invalid();
  return hexEncode(body).replace(/^0+(?=.)/, '');
}

function bitLength(hex: string): number {
  const top = parseInt(hex.charAt(0), 16);
  return (hex.length - 1) * 4 + (top >= 8 ? 4 : top >= 4 ? 3 : top >= 2 ? 2 : 1);
}

/** RSAPrivateKey (PKCS#1): version 0 (two primes), then n, e, d, p, q, dP, dQ, qInv. */
function readPkcs1(der: Uint8Array): RsaPrivateKey {
  const fields = readAll(expectTag(readAll(der)[0], TAG.sequence));
  if (integerHex(fields[0]) !== '0') throw new Error('Multi-prime RSA private keys are not supported');
  const [n, e, d, p, q, dP, dQ, qInv] = fields.slice(1, 9).map(integerHex);
  if (qInv === undefined) invalid();
  return { n, e, d, p, q, dP, dQ, qInv, bits: bitLength(n) };
}

/** PrivateKeyInfo (PKCS#8): version, AlgorithmIdentifier (rsaEncryption), OCTET STRING RSAPrivateKey. */
function readPkcs8(der: Uint8Array): RsaPrivateKey {
  const fields = readAll(expectTag(readAll(der)[0], TAG.sequence));
  const algorithm = readAll(expectTag(fields[1], TAG.sequence));
  if (hexEncode(expectTag(algorithm[0], TAG.oid)) !== RSA_ENCRYPTION) {
    throw new Error('The private key is not an RSA key; provide an RSA private key');
  }
  return readPkcs1(expectTag(fields[2], TAG.octetString));
}

/**
 * Reads the first RSA private key of a PEM text. Whitespace inside the base64 body is ignored
 * because XSOAR text fields may turn the line breaks into spaces, and other blocks (a certificate
 * pasted along) are skipped.
 * @throws Error when there is no unencrypted RSA private key.
 */
export function readRsaPrivateKey(pem: string): RsaPrivateKey {
  PEM_BLOCK.lastIndex = 0;
  for (let m = PEM_BLOCK.exec(pem); m; m = PEM_BLOCK.exec(pem)) {
    const label = m[1];
    if (label === 'ENCRYPTED PRIVATE KEY') {
      throw new Error('The private key is encrypted; provide an unencrypted PEM private key');
    }
    if (label !== 'PRIVATE KEY' && label !== 'RSA PRIVATE KEY') continue;
    let der: Uint8Array;
    try {
      der = base64Decode(m[2].replace(/\s+/g, ''));
    } catch {
      throw new Error('The private key PEM block is not valid base64');
    }
    return label === 'PRIVATE KEY' ? readPkcs8(der) : readPkcs1(der);
  }
  throw new Error('No PEM private key block (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY) was found');
}
