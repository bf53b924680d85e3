/**
 * What an access token says about itself: its audience (`aud`), tenant (`tid`) and permissions
 * (`roles` for application permissions, `scp` for delegated ones). Read without checking the
 * signature: the token came over TLS from Microsoft, and only Graph's own check matters for access;
 * this is for telling a SOC engineer what is misconfigured. Some tokens (e.g. from the oproxy) are
 * not readable JWTs; then nothing is known.
 */
import { base64UrlDecode, utf8Decode } from '../crypto/encoding';

/** Microsoft Graph's application ID: the audience of tokens requested by app ID instead of URL. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** The claims that matter here. */
export interface TokenClaims {
  readonly aud?: string;
  readonly tid?: string;
  /** Application permissions and delegated scopes together. */
  readonly permissions: readonly string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The claims of a JWT access token, or undefined when it is not a readable JWT. */
export function readTokenClaims(token: string): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(utf8Decode(base64UrlDecode(parts[1])));
  } catch {
    return undefined;
  }
  if (!isRecord(payload)) return undefined;
  const roles = Array.isArray(payload.roles)
    ? payload.roles.filter((r): r is string => typeof r === 'string')
    : [];
  const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ').filter((s) => s !== '') : [];
  return {
    aud: typeof payload.aud === 'string' ? payload.aud : undefined,
    tid: typeof payload.tid === 'string' ? payload.tid : undefined,
    permissions: roles.concat(scopes),
  };
}

/** True when `aud` names the Microsoft Graph of `graphResource` (with or without a trailing slash). */
export function isGraphAudience(aud: string, graphResource: string): boolean {
  const normalize = (url: string) => url.replace(/\/+$/, '').toLowerCase();
  return aud.toLowerCase() === GRAPH_APP_ID || normalize(aud) === normalize(graphResource);
}
