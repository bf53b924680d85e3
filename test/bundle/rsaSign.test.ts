/**
 * The module's own RSA signing (crypto/rsaKey.ts, rsaSign.ts, bigMath.ts) against node:crypto, with
 * both big-integer implementations: the engine's BigInt and node-forge's jsbn (what an ES5 engine
 * without BigInt runs).
 */
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { engineMath, jsbnMath } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/bigMath';
import type { BigMath } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/bigMath';
import { createPureCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/pureCrypto';
import { readRsaPrivateKey } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/rsaKey';

const data = new Uint8Array(Buffer.from('header.payload'));
const MATHS: [string, BigMath<unknown>][] = [
  ['BigInt', engineMath()],
  ['jsbn', jsbnMath as BigMath<unknown>],
];

function keyPair(bits: number) {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: bits });
  return {
    privateKey,
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  };
}
// 2049 and 1025 bits: the PSS encoding is one byte shorter than the modulus (RFC 8017 §9.1.1).
const KEYS = [2048, 3072, 2049, 1025].map((bits) => [bits, keyPair(bits)] as const);

describe.each(MATHS)('RSA signing with %s arithmetic', (_name, math) => {
  const port = createPureCrypto({ math });

  it.each(KEYS)(
    'signs RS256 byte for byte like node:crypto with a %i-bit key, PKCS#8 and PKCS#1',
    (_bits, key) => {
      const expected = crypto.sign('sha256', data, key.privateKey);
      expect(Buffer.from(port.sign('RS256', key.pkcs8, data))).toEqual(expected);
      expect(Buffer.from(port.sign('RS256', key.pkcs1, data))).toEqual(expected);
    },
  );

  it.each(KEYS)('signs PS256 that node:crypto verifies with a %i-bit key', (_bits, key) => {
    const signature = port.sign('PS256', key.pkcs8, data);
    const options = { key: key.privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(crypto.verify('sha256', data, options, signature)).toBe(true);
    expect(signature).toHaveLength(Math.ceil(key.privateKey.asymmetricKeyDetails!.modulusLength! / 8));
  });
});

describe('RSA key reading', () => {
  const [, key] = KEYS[0];

  it('reads the CRT parameters of PKCS#8 and PKCS#1 keys alike', () => {
    const jwk = key.privateKey.export({ format: 'jwk' });
    const hex = (b64url: string | undefined) =>
      Buffer.from(b64url!, 'base64url').toString('hex').replace(/^0+/, '');
    const parsed = readRsaPrivateKey(key.pkcs8);
    expect(parsed).toEqual(readRsaPrivateKey(key.pkcs1));
    expect(parsed).toEqual({
      n: hex(jwk.n),
      e: hex(jwk.e),
      d: hex(jwk.d),
      p: hex(jwk.p),
      q: hex(jwk.q),
      dP: hex(jwk.dp),
      dQ: hex(jwk.dq),
      qInv: hex(jwk.qi),
      bits: 2048,
    });
  });

  it('refuses a non-RSA key, a damaged key and bad base64 with messages that name no key material', () => {
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const ecPem = ec.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => readRsaPrivateKey(ecPem)).toThrow(
      'The private key is not an RSA key; provide an RSA private key',
    );
    const body = key.pkcs1.split('\n').slice(1, -2).join('');
    const truncated = `-----BEGIN RSA PRIVATE KEY-----\n${body.slice(0, 200)}\n-----END RSA PRIVATE KEY-----`;
    expect(() => readRsaPrivateKey(truncated)).toThrow('The private key is not a valid DER-encoded RSA key');
    const garbage = '-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----';
    expect(() => readRsaPrivateKey(garbage)).toThrow('The private key PEM block is not valid base64');
  });

  it('refuses to sign with an inconsistent key instead of returning a bad signature', () => {
    const jwk = key.privateKey.export({ format: 'jwk' });
    // A wrong CRT exponent: the signature would not verify, so the self-check must catch it.
    const broken = { ...jwk, dp: jwk.dq };
    const pem = crypto
      .createPrivateKey({ key: broken, format: 'jwk' })
      .export({ type: 'pkcs1', format: 'pem' });
    for (const [, math] of MATHS) {
      expect(() => createPureCrypto({ math }).sign('RS256', pem.toString(), data)).toThrow(
        'The RSA private key is inconsistent',
      );
    }
  });
});

describe('the two big-integer implementations', () => {
  const hex = fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => Buffer.from(b).toString('hex'));

  it('agree on modPow, modInverse and the rest for random values', () => {
    const [bigint, jsbn] = MATHS.map(([, m]) => m);
    fc.assert(
      fc.property(hex, hex, hex, (a, b, m) => {
        fc.pre(/[1-9a-f]/.test(m) && m.replace(/^0+/, '') !== '1');
        const run = (math: BigMath<unknown>) => {
          const [x, y, mod] = [a, b, m].map(math.fromHex);
          let inverse: string;
          try {
            inverse = math.toHex(math.modInverse(x, mod));
          } catch {
            inverse = 'none';
          }
          return [
            math.toHex(math.modPow(x, y, mod)),
            math.toHex(math.mod(math.sub(x, y), mod)),
            math.toHex(math.mul(math.add(x, y), y)),
            inverse,
            math.equals(x, math.fromHex(a)),
          ];
        };
        expect(run(bigint)).toEqual(run(jsbn));
      }),
    );
  });
});
