import * as crypto from 'node:crypto';
import {
  createPureCrypto,
  engineRandom,
  pureCrypto,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/pureCrypto';

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b);
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const data = bytes(Buffer.from('header.payload'));

function nodeGcm(key: Buffer, nonce: Buffer, plain: Buffer): Buffer {
  const cipher = crypto.createCipheriv(`aes-${key.length * 8}-gcm` as crypto.CipherGCMTypes, key, nonce);
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

describe('pureCrypto AES-GCM', () => {
  it.each([16, 24, 32])(
    'encrypts like node:crypto and opens node:crypto output with a %i-byte key',
    (size) => {
      const key = crypto.randomBytes(size);
      const nonce = crypto.randomBytes(12);
      for (const length of [0, 1, 15, 16, 17, 100]) {
        const plain = crypto.randomBytes(length);
        const sealed = nodeGcm(key, nonce, plain);
        expect(Buffer.from(pureCrypto.aesGcmEncrypt(bytes(key), bytes(nonce), bytes(plain)))).toEqual(sealed);
        expect(Buffer.from(pureCrypto.aesGcmDecrypt(bytes(key), bytes(nonce), bytes(sealed)))).toEqual(plain);
      }
    },
  );

  it('refuses a tampered ciphertext or tag', () => {
    const key = crypto.randomBytes(32);
    const nonce = crypto.randomBytes(12);
    const sealed = nodeGcm(key, nonce, Buffer.from('secret text'));
    for (const index of [0, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[index] ^= 1;
      expect(() => pureCrypto.aesGcmDecrypt(bytes(key), bytes(nonce), bytes(tampered))).toThrow(
        /tag does not match/,
      );
    }
    expect(() => pureCrypto.aesGcmDecrypt(bytes(key), bytes(nonce), new Uint8Array(5))).toThrow(
      /shorter than the tag/,
    );
  });

  it('names the wrong key or nonce length without printing the key', () => {
    const key = new Uint8Array(20).fill(7);
    expect(() => pureCrypto.aesGcmEncrypt(key, new Uint8Array(12), data)).toThrow(
      'AES-GCM needs a 16, 24 or 32-byte key, got 20 bytes',
    );
    expect(() => pureCrypto.aesGcmEncrypt(new Uint8Array(16), new Uint8Array(8), data)).toThrow(
      '12-byte nonce, got 8',
    );
  });
});

describe('pureCrypto digests', () => {
  it('computes SHA-1 and SHA-256 like node:crypto across block boundaries', () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 1000]) {
      const input = crypto.randomBytes(length);
      expect(Buffer.from(pureCrypto.sha1(bytes(input))).toString('hex')).toBe(
        crypto.createHash('sha1').update(input).digest('hex'),
      );
      expect(Buffer.from(pureCrypto.sha256(bytes(input))).toString('hex')).toBe(
        crypto.createHash('sha256').update(input).digest('hex'),
      );
    }
  });
});

describe('pureCrypto signatures', () => {
  it('signs RS256 exactly like node:crypto from PKCS#8 and PKCS#1 keys', () => {
    const expected = crypto.sign('sha256', data, privateKey);
    expect(Buffer.from(pureCrypto.sign('RS256', pkcs8, data))).toEqual(expected);
    expect(Buffer.from(pureCrypto.sign('RS256', pkcs1, data))).toEqual(expected);
  });

  it('signs PS256 (salt 32) that node:crypto verifies, with a fresh salt each time', () => {
    const a = pureCrypto.sign('PS256', pkcs8, data);
    const b = pureCrypto.sign('PS256', pkcs8, data);
    const key = { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(crypto.verify('sha256', data, key, a)).toBe(true);
    expect(crypto.verify('sha256', data, key, b)).toBe(true);
    expect(Buffer.from(a)).not.toEqual(Buffer.from(b));
  });

  it('reads a PEM whose line breaks became spaces, and skips a certificate pasted before the key', () => {
    const oneLine = pkcs8.replace(/\n/g, ' ');
    const withCert = `-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n${pkcs1}`;
    const expected = crypto.sign('sha256', data, privateKey);
    expect(Buffer.from(pureCrypto.sign('RS256', oneLine, data))).toEqual(expected);
    expect(Buffer.from(pureCrypto.sign('RS256', withCert, data))).toEqual(expected);
  });

  it('explains an encrypted or missing private key without echoing the PEM', () => {
    const encrypted = privateKey
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' })
      .toString();
    expect(() => pureCrypto.sign('RS256', encrypted, data)).toThrow(
      'The private key is encrypted; provide an unencrypted PEM private key',
    );
    try {
      pureCrypto.sign('RS256', 'not a pem at all', data);
      throw new Error('no error');
    } catch (error) {
      expect((error as Error).message).toMatch(/^No PEM private key block/);
      expect((error as Error).message).not.toContain('not a pem');
    }
  });
});

describe('pureCrypto randomness', () => {
  it('makes RFC 4122 version 4 UUIDs and random bytes of the asked length', () => {
    const uuids = new Set(Array.from({ length: 50 }, () => pureCrypto.randomUUID()));
    expect(uuids.size).toBe(50);
    for (const uuid of uuids)
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pureCrypto.randomBytes(0)).toHaveLength(0);
    expect(pureCrypto.randomBytes(45)).toHaveLength(45);
  });

  it('uses an injected random source for bytes, UUIDs, the PSS salt and the RSA blinding', () => {
    const calls: number[] = [];
    const port = createPureCrypto({ random: (n) => (calls.push(n), new Uint8Array(n).fill(0xab)) });
    expect(port.randomUUID()).toBe('abababab-abab-4bab-abab-abababababab');
    port.sign('PS256', pkcs8, data);
    // 16 for the UUID, 32 for the salt, then the blinding value: the key's 256 bytes and 8 more.
    expect(calls).toEqual([16, 32, 264]);
  });

  it('falls back to a mixed (weak) source when the engine has no crypto.getRandomValues', () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true });
    try {
      const random = engineRandom();
      const a = random(40);
      const b = random(40);
      expect(a).toHaveLength(40);
      expect(Buffer.from(a)).not.toEqual(Buffer.from(b));
    } finally {
      if (descriptor) Object.defineProperty(globalThis, 'crypto', descriptor);
    }
    expect(typeof globalThis.crypto.getRandomValues).toBe('function');
  });
});
