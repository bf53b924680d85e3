/**
 * One small interface for every authentication flow (oproxy, client secret, certificate,
 * managed identity). A flow only talks to its token endpoint; caching, single flight and
 * persistence live in the token cache, which is the same for all flows.
 */
import type { AuthMode } from '../settings/types';

/** What a caller asks a flow for. */
export interface TokenRequest {
  /** The v2 scope, e.g. `https://graph.microsoft.com/.default`. */
  readonly scope: string;
  /** The v1 resource (managed identity), e.g. `https://graph.microsoft.com/`. */
  readonly resource: string;
}

/** A token as a flow returns it. */
export interface TokenResult {
  /** Secret. */
  readonly accessToken: string;
  /** Lifetime in seconds as granted (already coerced from strings). */
  readonly expiresIn: number;
  /** The refresh token the grant returned (oproxy), kept in the context as upstream does. Secret. */
  readonly refreshToken?: string;
}

/** An authentication flow. */
export interface AuthFlow {
  readonly mode: AuthMode;
  /**
   * A stable, non-secret description of the identity this flow authenticates as (mode, cloud,
   * tenant, client id, managed identity id, token URL). Part of the token cache fingerprint, so a
   * cached token is never reused after the instance's identity changed.
   */
  readonly identity: string;
  /**
   * The credential the flow authenticates with (secret, never logged or stored): the token cache
   * keeps only a salted digest of it, so a token obtained with an older credential is not reused.
   */
  readonly credential: string;
  /**
   * Whether a token cache written by the Python integration (which keeps no fingerprint) may be
   * adopted. Only the oproxy flow says yes: its persisted refresh token carries the admin consent.
   */
  readonly adoptsLegacyCache: boolean;
  /** Requests a new token from the flow's endpoint. Never reads or writes the cache. */
  getToken(request: TokenRequest): Promise<TokenResult>;
}
