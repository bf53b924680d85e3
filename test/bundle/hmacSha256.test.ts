/**
 * HMAC-SHA-256 of both CryptoPort implementations against the test vectors of RFC 4231 §4.2-4.8
 * (test case 5, a truncated MAC, is compared on its first 16 bytes as the RFC does).
 */
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { pureCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/pureCrypto';

const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const repeat = (byte: number, count: number): Uint8Array => new Uint8Array(count).fill(byte);

const VECTORS: [string, Uint8Array, Uint8Array, string][] = [
  [
    '1: 20-byte key',
    repeat(0x0b, 20),
    ascii('Hi There'),
    'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  ],
  [
    '2: key shorter than the hash',
    ascii('Jefe'),
    ascii('what do ya want for nothing?'),
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  ],
  [
    '3: 50 bytes of 0xdd',
    repeat(0xaa, 20),
    repeat(0xdd, 50),
    '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  ],
  [
    '4: 25-byte key',
    hex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
    repeat(0xcd, 50),
    '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  ],
  [
    '5: truncated output',
    repeat(0x0c, 20),
    ascii('Test With Truncation'),
    'a3b6167473100ee06e0c796c2955552b',
  ],
  [
    '6: key larger than a block',
    repeat(0xaa, 131),
    ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
    '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  ],
  [
    '7: key and data larger than a block',
    repeat(0xaa, 131),
    ascii(
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  ],
];

describe.each([
  ['nodeCrypto', nodeCrypto],
  ['pureCrypto', pureCrypto],
])('%s.hmacSha256', (_name, port) => {
  it.each(VECTORS)('matches RFC 4231 test case %s', (_case, key, data, expected) => {
    const mac = Buffer.from(port.hmacSha256(key, data)).toString('hex');
    expect(mac.slice(0, expected.length)).toBe(expected);
    expect(mac).toHaveLength(64);
  });
});
