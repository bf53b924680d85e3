/**
 * Access tokens issued by the emulator: JWT-shaped (header.payload.signature) and signed with a
 * per-start HMAC secret, so Graph can validate them statelessly and clients that peek into the
 * payload (exp, aud, roles) see Entra-like claims.
 */
import { createHmac, randomBytes } from 'node:crypto';
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

/** What a caller supplies to mint an access token. */
export type TokenSubject = Omit<
  AccessClaims,
  'iss' | 'iat' | 'nbf' | 'exp' | 'uti' | 'ver' | 'sub' | 'tid'
> & {
  readonly sub?: string;
};

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

/** Signs and verifies the emulator's access tokens. */
export class TokenIssuer {
  private readonly secret = randomBytes(32);

  constructor(private readonly tenantId: string) {}

  /** Mints a token valid for `lifetimeSeconds` from `nowSeconds`. */
  issue(subject: TokenSubject, nowSeconds: number, lifetimeSeconds: number): IssuedToken {
    const claims: AccessClaims = {
      ...subject,
      sub: subject.sub ?? subject.oid,
      iss: `https://sts.windows.net/${this.tenantId}/`,
      tid: this.tenantId,
      iat: nowSeconds - 300,
      nbf: nowSeconds - 300,
      exp: nowSeconds + lifetimeSeconds,
      uti: base64url(guid()),
      ver: '1.0',
    };
    const unsigned = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return {
      accessToken: `${unsigned}.${this.sign(unsigned)}`,
      expiresIn: lifetimeSeconds,
      expiresOn: claims.exp,
    };
  }

  /** Validates a bearer token's signature and lifetime. */
  verify(
    token: string,
    nowSeconds: number,
  ): { ok: true; claims: AccessClaims } | { ok: false; problem: TokenProblem } {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, problem: 'malformed' };
    if (!safeEqual(this.sign(`${parts[0]}.${parts[1]}`), parts[2]))
      return { ok: false, problem: 'signature' };
    let claims: AccessClaims;
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as AccessClaims;
    } catch {
      return { ok: false, problem: 'malformed' };
    }
    if (nowSeconds >= claims.exp) return { ok: false, problem: 'expired' };
    if (nowSeconds < claims.nbf) return { ok: false, problem: 'notYetValid' };
    return { ok: true, claims };
  }

  private sign(unsigned: string): string {
    return createHmac('sha256', this.secret).update(unsigned).digest('base64url');
  }
}
