/**
 * The certificate flow's client assertion: a JWT signed with the application's private key
 * (RFC 7523; Microsoft "certificate credentials"). Built with the CryptoPort only.
 */
import type { CryptoPort } from '../crypto/CryptoPort';
import { base64Decode, base64UrlEncode, hexDecode, hexEncode, utf8Encode } from '../crypto/encoding';

/** How the assertion is signed and which certificate hint it carries. */
export type AssertionKey =
  | { readonly algorithm: 'RS256'; readonly sha1Thumbprint: Uint8Array }
  | { readonly algorithm: 'PS256'; readonly sha256Thumbprint: Uint8Array };

/** The claims' inputs. */
export interface AssertionInput {
  readonly clientId: string;
  /** The exact token URL: the assertion's audience. */
  readonly tokenUrl: string;
  readonly privateKeyPem: string;
  readonly nowSeconds: number;
}

/** Assertion lifetime, as msal and Microsoft's samples use. */
export const ASSERTION_LIFETIME_SECONDS = 600;

const encodeJson = (value: unknown): string => base64UrlEncode(utf8Encode(JSON.stringify(value)));

/**
 * The JWT header. `x5t` is base64url WITHOUT padding as RFC 7515 §4.1.7 defines it (and as
 * msal-node and Entra's documentation use it). Upstream's Python msal keeps the `=` padding;
 * Entra accepts both, and the emulator verifies the RFC form.
 */
export function assertionHeader(key: AssertionKey): Record<string, string> {
  return key.algorithm === 'RS256'
    ? { alg: 'RS256', typ: 'JWT', x5t: base64UrlEncode(key.sha1Thumbprint) }
    : { alg: 'PS256', typ: 'JWT', 'x5t#S256': base64UrlEncode(key.sha256Thumbprint) };
}

/**
 * Builds and signs a fresh assertion: integer iat = nbf = now, exp = now + 600, a UUID jti,
 * aud = the token URL, iss = sub = the client id.
 */
export function buildClientAssertion(crypto: CryptoPort, key: AssertionKey, input: AssertionInput): string {
  const claims = {
    aud: input.tokenUrl,
    iss: input.clientId,
    sub: input.clientId,
    jti: crypto.randomUUID(),
    iat: input.nowSeconds,
    nbf: input.nowSeconds,
    exp: input.nowSeconds + ASSERTION_LIFETIME_SECONDS,
  };
  const signingInput = `${encodeJson(assertionHeader(key))}.${encodeJson(claims)}`;
  const signature = crypto.sign(key.algorithm, input.privateKeyPem, utf8Encode(signingInput));
  return `${signingInput}.${base64UrlEncode(signature)}`;
}

/** The DER bytes of the first certificate in a PEM text. @throws Error when there is none. */
export function certificateDer(certificatePem: string): Uint8Array {
  const match = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(certificatePem);
  if (!match) throw new Error('no PEM certificate found');
  return base64Decode(match[1].replace(/\s+/g, ''));
}

/**
 * The signing key for the configured algorithm. PS256 needs the certificate (the settings hold only
 * its SHA-1 thumbprint); its SHA-1 must match the configured thumbprint.
 * @throws Error naming the problem (no secret in it).
 */
export function assertionKey(
  crypto: CryptoPort,
  thumbprintHex: string,
  options: { algorithm?: 'RS256' | 'PS256'; certificatePem?: string } = {},
): AssertionKey {
  if ((options.algorithm ?? 'RS256') === 'RS256')
    return { algorithm: 'RS256', sha1Thumbprint: hexDecode(thumbprintHex) };
  if (!options.certificatePem)
    throw new Error('PS256 client assertions need the certificate (certificatePem)');
  const der = certificateDer(options.certificatePem);
  if (hexEncode(crypto.sha1(der)).toUpperCase() !== thumbprintHex.toUpperCase())
    throw new Error('the certificate does not match the Certificate Thumbprint');
  return { algorithm: 'PS256', sha256Thumbprint: crypto.sha256(der) };
}
