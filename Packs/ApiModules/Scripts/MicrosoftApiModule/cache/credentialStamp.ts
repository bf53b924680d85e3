/**
 * The record that binds the cached token to the credential it was obtained with:
 * `<salt>:<HMAC-SHA256(salt, credential)>` in hex. The salt is random and kept per context, so the
 * context holds no plain digest of a secret, and the same secret stores a different record in
 * every context (a leaked context cannot be matched against a table of digests).
 */
import type { CryptoPort } from '../crypto/CryptoPort';
import { hexDecode, hexEncode, utf8Encode } from '../crypto/encoding';

const SALT_BYTES = 16;
const RECORD = /^([0-9a-f]{32}):[0-9a-f]{64}$/;

/** Binds a credential with the given salt (or a new one), through the CryptoPort. */
export class CredentialStamp {
  constructor(
    private readonly crypto: CryptoPort,
    private readonly credential: string,
  ) {}

  private record(salt: Uint8Array): string {
    return `${hexEncode(salt)}:${hexEncode(this.crypto.hmacSha256(salt, utf8Encode(this.credential)))}`;
  }

  /** The record to write: the salt of the `stored` record kept, else a new random one. */
  stampOver(stored: unknown): string {
    const match = typeof stored === 'string' ? RECORD.exec(stored) : null;
    return this.record(match ? hexDecode(match[1]) : this.crypto.randomBytes(SALT_BYTES));
  }

  /** True when `stored` is the record of this credential. */
  matches(stored: unknown): boolean {
    const match = typeof stored === 'string' ? RECORD.exec(stored) : null;
    return match !== null && this.record(hexDecode(match[1])) === stored;
  }
}
