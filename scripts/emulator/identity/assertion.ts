/**
 * Client assertion (certificate credential) validation, as strict as Entra: RS256 or PS256, a
 * registered certificate named by `x5t` (SHA-1) or `x5t#S256`, a valid signature, `aud` equal to
 * the exact token URL, `iss` = `sub` = client id, a lifetime of at most 600 s that has not
 * expired, and a `jti` never seen before.
 */
import { constants, createPublicKey, verify } from 'node:crypto';
import type { RequestContext } from '../context';
import type { AppRegistration } from '../credentials';
import { nowSeconds, type EmulatorState } from '../state';
import { NATIONAL_LOGIN_AUTHORITIES } from '../tokens';
import { EntraFailure } from './errors';

/** The only assertion type Entra accepts. */
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Clock skew Entra tolerates on `nbf`. */
const SKEW_SECONDS = 300;

function bad(description: string): EntraFailure {
  return new EntraFailure(401, 'invalid_client', 700027, description);
}

function outOfRange(description: string): EntraFailure {
  return new EntraFailure(
    401,
    'invalid_client',
    700024,
    `Client assertion is not within its valid time range. ${description}`,
  );
}

interface ParsedJwt {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
  readonly signed: string;
  readonly signature: Buffer;
}

function parse(assertion: string): ParsedJwt {
  const parts = assertion.split('.');
  if (parts.length !== 3) throw bad('Client assertion is not a well-formed JWT.');
  try {
    return {
      header: JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as Record<string, unknown>,
      claims: JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>,
      signed: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2], 'base64url'),
    };
  } catch {
    throw bad('Client assertion is not a well-formed JWT.');
  }
}

function checkSignature(jwt: ParsedJwt, app: AppRegistration): void {
  const alg = jwt.header.alg;
  if (alg !== 'RS256' && alg !== 'PS256')
    throw bad(`Client assertion uses an unsupported algorithm '${String(alg)}'.`);
  const x5tS256 = jwt.header['x5t#S256'];
  const x5t = jwt.header.x5t;
  if (typeof x5tS256 !== 'string' && typeof x5t !== 'string') {
    throw bad('Client assertion header must contain the certificate thumbprint (x5t or x5t#S256).');
  }
  const cert = app.certificates.find((c) => c.x5tS256 === x5tS256 || c.x5t === x5t);
  if (!cert) {
    const used =
      typeof x5t === 'string' ? Buffer.from(x5t, 'base64url').toString('hex').toUpperCase() : String(x5tS256);
    throw bad(
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${used}']`,
    );
  }
  const key = createPublicKey(cert.certificatePem);
  const ok =
    alg === 'RS256'
      ? verify('sha256', Buffer.from(jwt.signed), key, jwt.signature)
      : verify(
          'sha256',
          Buffer.from(jwt.signed),
          { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
          jwt.signature,
        );
  if (!ok) throw bad('Client assertion contains an invalid signature.');
}

function checkClaims(
  ctx: RequestContext,
  state: EmulatorState,
  jwt: ParsedJwt,
  clientId: string,
  tenant: string,
): void {
  const c = jwt.claims;
  const suffix = `/${tenant}/oauth2/v2.0/token`;
  const audiences = [ctx.origin, state.url, ...NATIONAL_LOGIN_AUTHORITIES].map((base) => `${base}${suffix}`);
  if (typeof c.aud !== 'string' || !audiences.includes(c.aud)) {
    throw bad(`Client assertion audience claim does not match the token endpoint '${ctx.origin}${suffix}'.`);
  }
  if (c.iss !== clientId || c.sub !== clientId) {
    throw bad(`Client assertion 'iss' and 'sub' claims must both be the client id '${clientId}'.`);
  }
  const now = nowSeconds(state);
  if (typeof c.exp !== 'number') throw outOfRange("The 'exp' claim is missing.");
  if (now >= c.exp) throw outOfRange(`Current time: ${now}, expiry time of assertion ${c.exp}.`);
  const start = typeof c.nbf === 'number' ? c.nbf : typeof c.iat === 'number' ? c.iat : undefined;
  if (start === undefined) throw outOfRange("The 'nbf' or 'iat' claim is missing.");
  if (start > now + SKEW_SECONDS) throw outOfRange(`Current time: ${now}, assertion valid from ${start}.`);
  if (c.exp - start > 600)
    throw outOfRange(`The assertion lifetime (${c.exp - start} s) exceeds 600 seconds.`);
  if (typeof c.jti !== 'string' || c.jti === '') throw bad("Client assertion must contain a 'jti' claim.");
}

function consumeJti(state: EmulatorState, jti: string, exp: number): void {
  const now = nowSeconds(state);
  if (state.usedAssertionIds.has(jti)) {
    throw bad(
      'The client assertion has already been used (jti replay). Create a new assertion for every request.',
    );
  }
  if (state.usedAssertionIds.size > 10_000) {
    // An expired assertion is refused on `exp` anyway: its jti no longer needs remembering.
    for (const [id, until] of state.usedAssertionIds) if (until < now) state.usedAssertionIds.delete(id);
  }
  state.usedAssertionIds.set(jti, exp);
}

/** Validates a certificate client assertion for `app`; throws EntraFailure (700027 / 700024). */
export function verifyAssertion(
  ctx: RequestContext,
  state: EmulatorState,
  app: AppRegistration,
  form: Readonly<Record<string, string>>,
  tenant: string,
): void {
  if (form.client_assertion_type !== JWT_BEARER) {
    throw new EntraFailure(400, 'invalid_request', 700027, `Client assertion type must be '${JWT_BEARER}'.`);
  }
  const jwt = parse(form.client_assertion);
  checkSignature(jwt, app);
  checkClaims(ctx, state, jwt, app.clientId, tenant);
  consumeJti(state, jwt.claims.jti as string, jwt.claims.exp as number);
}
