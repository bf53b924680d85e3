/**
 * Access tokens issued by the emulator: JWT-shaped (header.payload.signature) and signed with a
 * per-start HMAC secret, so Graph can validate them statelessly and clients that peek into the
 * payload (exp, aud, roles) see Entra-like claims. Opaque tokens (no dots, unreadable, like some
 * real oproxy tokens) carry the same claims encrypted under a per-start key: still stateless.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { base64url, guid, safeEqual } from './crypto';

/** The Graph endpoints of every national cloud, accepted as token audience / resource. */
export const NATIONAL_GRAPH_RESOURCES: readonly string[] = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://graph.microsoft.de',
  'https://microsoftgraph.chinacloudapi.cn',
];

/** The national login authorities, accepted as the host part of an assertion `aud`. */
export const NATIONAL_LOGIN_AUTHORITIES: readonly string[] = [
  'https://login.microsoftonline.com',
  'https://login.microsoftonline.us',
  'https://login.microsoftonline.de',
  'https://login.chinacloudapi.cn',
];

/**
 * Normalizes a Graph resource (`https://graph.microsoft.com/` or without the slash) to its
 * canonical form without trailing slash, or `undefined` when it is not a Graph resource.
 */
export function matchGraphResource(resource: string, emulatorOrigins: readonly string[]): string | undefined {
  const trimmed = resource.endsWith('/') ? resource.slice(0, -1) : resource;
  const lower = trimmed.toLowerCase();
  return [...NATIONAL_GRAPH_RESOURCES, ...emulatorOrigins].find((r) => r.toLowerCase() === lower);
}

/** The claims the emulator puts into (and reads back from) an access token. */
export interface AccessClaims {
  readonly aud: string;
  readonly iss: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
  readonly tid: string;
  readonly appid: string;
  readonly app_displayname?: string;
  readonly idtyp: 'app' | 'user';
  readonly oid: string;
  readonly sub: string;
  /** Application permissions (app-only tokens). */
  readonly roles?: readonly string[];
  /** Delegated permissions, space-separated (user tokens). */
  readonly scp?: string;
  /** The signed-in user's UPN (user tokens). */
  readonly upn?: string;
  readonly uti: string;
  readonly ver: '1.0';
  readonly xms_mirid?: string;
}

/** Claims a registration forces into its tokens (see `TokenClaimOverrides` in credentials.ts). */
interface ForcedClaims {
  readonly tid?: string;
  readonly aud?: string;
}

/**
 * The subject with a registration's forced `tid`/`aud` applied, and `roles` left out when empty:
 * Entra omits the claim for an app without application permissions.
 */
export function applyRegistration(subject: TokenSubject, forced: ForcedClaims | undefined): TokenSubject {
  const { roles, ...rest } = subject;
  return {
    ...rest,
    ...(roles && roles.length > 0 ? { roles } : {}),
    ...(forced?.aud !== undefined ? { aud: forced.aud } : {}),
    ...(forced?.tid !== undefined ? { tid: forced.tid } : {}),
  };
}

/** What a caller supplies to mint an access token. */
export type TokenSubject = Omit<
  AccessClaims,
  'iss' | 'iat' | 'nbf' | 'exp' | 'uti' | 'ver' | 'sub' | 'tid'
> & {
  readonly sub?: string;
  /** The tenant claim; default the emulated tenant. */
  readonly tid?: string;
};

/** How an access token is written: a readable JWT (default) or an opaque string. */
export type TokenFormat = 'jwt' | 'opaque';

/** A minted token and its lifetime. */
export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresIn: number;
  /** Unix seconds. */
  readonly expiresOn: number;
}

/** Why a bearer token was refused (mapped to Graph's 401 messages). */
export type TokenProblem = 'malformed' | 'signature' | 'expired' | 'notYetValid';

const HEADER = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'xsoar-emulator' }));

/** The prefix of opaque tokens (compact Microsoft tickets start with `Ew`); never contains a dot. */
const OPAQUE_PREFIX = 'EwB';

/** The result of checking a bearer token. */
export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; problem: TokenProblem };

/** Signs and verifies the emulator's access tokens. */
export class TokenIssuer {
  private readonly secret = randomBytes(32);
  private readonly opaqueKey = randomBytes(32);

  constructor(private readonly tenantId: string) {}

  /** Mints a token valid for `lifetimeSeconds` from `nowSeconds`, as a JWT unless `format` is opaque. */
  issue(
    subject: TokenSubject,
    nowSeconds: number,
    lifetimeSeconds: number,
    format: TokenFormat = 'jwt',
  ): IssuedToken {
    const tid = subject.tid ?? this.tenantId;
    const claims: AccessClaims = {
      ...subject,
      sub: subject.sub ?? subject.oid,
      iss: `https://sts.windows.net/${tid}/`,
      tid,
      iat: nowSeconds - 300,
      nbf: nowSeconds - 300,
      exp: nowSeconds + lifetimeSeconds,
      uti: base64url(guid()),
      ver: '1.0',
    };
    const unsigned = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return {
      accessToken: format === 'opaque' ? this.seal(claims) : `${unsigned}.${this.sign(unsigned)}`,
      expiresIn: lifetimeSeconds,
      expiresOn: claims.exp,
    };
  }

  /** Validates a bearer token (JWT signature, or opaque seal) and its lifetime. */
  verify(token: string, nowSeconds: number): VerifyResult {
    const opened = token.startsWith(OPAQUE_PREFIX) ? this.open(token) : this.readJwt(token);
    if (!opened.ok) return opened;
    const { claims } = opened;
    if (nowSeconds >= claims.exp) return { ok: false, problem: 'expired' };
    if (nowSeconds < claims.nbf) return { ok: false, problem: 'notYetValid' };
    return opened;
  }

  private readJwt(token: string): VerifyResult {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, problem: 'malformed' };
    if (!safeEqual(this.sign(`${parts[0]}.${parts[1]}`), parts[2]))
      return { ok: false, problem: 'signature' };
    try {
      return {
        ok: true,
        claims: JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as AccessClaims,
      };
    } catch {
      return { ok: false, problem: 'malformed' };
    }
  }

  private sign(unsigned: string): string {
    return createHmac('sha256', this.secret).update(unsigned).digest('base64url');
  }

  /** AES-256-GCM of the claims: base64 of nonce(12) ‖ ciphertext ‖ tag(16), after the prefix. */
  private seal(claims: AccessClaims): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.opaqueKey, nonce);
    const data = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()]);
    return `${OPAQUE_PREFIX}${Buffer.concat([nonce, data, cipher.getAuthTag()]).toString('base64')}`;
  }

  private open(token: string): VerifyResult {
    const data = Buffer.from(token.slice(OPAQUE_PREFIX.length), 'base64');
    if (data.length < 12 + 16 + 2) return { ok: false, problem: 'malformed' };
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.opaqueKey, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
      return { ok: true, claims: JSON.parse(plain.toString('utf8')) as AccessClaims };
    } catch {
      // A forged or foreign opaque token reads as garbage, like any unparsable bearer token.
      return { ok: false, problem: 'malformed' };
    }
  }
}
