import { randomBytes, createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  base64Decode,
  base64Encode,
  base64UrlDecode,
  base64UrlEncode,
  hexDecode,
  hexEncode,
  utf8Decode,
  utf8Encode,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/encoding';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';

describe('encoding helpers agree with Buffer', () => {
  it('base64, base64url and hex round-trip any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const buf = Buffer.from(bytes);
        expect(base64Encode(bytes)).toBe(buf.toString('base64'));
        expect(Buffer.from(base64Decode(buf.toString('base64')))).toEqual(buf);
        expect(base64UrlEncode(bytes)).toBe(buf.toString('base64url'));
        expect(base64UrlEncode(bytes, true)).toBe(
          buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
        );
        expect(Buffer.from(base64UrlDecode(buf.toString('base64url')))).toEqual(buf);
        expect(hexEncode(bytes)).toBe(buf.toString('hex'));
        expect(Buffer.from(hexDecode(buf.toString('hex').toUpperCase()))).toEqual(buf);
      }),
    );
  });

  it('UTF-8 encodes and decodes any string like Buffer (lone surrogates become U+FFFD)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(Buffer.from(utf8Encode(text))).toEqual(Buffer.from(text, 'utf8'));
        expect(utf8Decode(Buffer.from(text, 'utf8'))).toBe(Buffer.from(text, 'utf8').toString('utf8'));
      }),
    );
  });

  it('decodes malformed UTF-8 like the WHATWG decoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(utf8Decode(bytes)).toBe(new TextDecoder().decode(bytes));
      }),
    );
  });

  it.each(['abc', 'ab=c', 'YQ', 'YR==', 'Y Q==', 'YQ-_', '===='])('rejects malformed base64 %p', (text) => {
    expect(() => base64Decode(text)).toThrow(/invalid base64/);
  });

  it('rejects malformed hex', () => {
    expect(() => hexDecode('abc')).toThrow('invalid hex');
    expect(() => hexDecode('zz')).toThrow('invalid hex');
  });
});

describe('nodeCrypto', () => {
  it('round-trips AES-GCM for every key size and rejects a tampered tag', () => {
    for (const size of [16, 24, 32]) {
      const key = randomBytes(size);
      const nonce = randomBytes(12);
      const sealed = nodeCrypto.aesGcmEncrypt(key, nonce, utf8Encode('hello'));
      expect(sealed).toHaveLength(5 + 16);
      expect(utf8Decode(nodeCrypto.aesGcmDecrypt(key, nonce, sealed))).toBe('hello');
      const tampered = Uint8Array.from(sealed);
      tampered[tampered.length - 1] ^= 1;
      expect(() => nodeCrypto.aesGcmDecrypt(key, nonce, tampered)).toThrow();
    }
    expect(() => nodeCrypto.aesGcmEncrypt(randomBytes(20), randomBytes(12), new Uint8Array())).toThrow(
      '16, 24 or 32-byte key',
    );
  });

  it('computes SHA digests, random bytes and UUIDs', () => {
    expect(hexEncode(nodeCrypto.sha1(utf8Encode('abc')))).toBe(
      createHash('sha1').update('abc').digest('hex'),
    );
    expect(hexEncode(nodeCrypto.sha256(utf8Encode('abc')))).toBe(
      createHash('sha256').update('abc').digest('hex'),
    );
    expect(nodeCrypto.randomBytes(7)).toHaveLength(7);
    expect(nodeCrypto.randomUUID()).toMatch(/^[0-9a-f-]{36}$/);
  });
});
