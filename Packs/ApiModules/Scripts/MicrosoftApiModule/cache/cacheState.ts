/**
 * Reading the cached authentication state out of a context snapshot.
 */
import { ACCESS_TOKEN, FINGERPRINT, LEASE, REFRESH_TOKEN, VALID_UNTIL } from './authKeys';

/** The cached state, as far as it belongs to the current identity. */
export interface CachedAuth {
  readonly accessToken?: string;
  readonly validUntil?: number;
  readonly refreshToken?: string;
  /** The context has no fingerprint (written by the Python integration) and was adopted. */
  readonly legacy: boolean;
  /** The stored state belongs to another identity (or is a legacy state we do not adopt). */
  readonly foreign: boolean;
}

/** A lease on the token request. */
export interface Lease {
  readonly owner: string;
  readonly until: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The state for `fingerprint`. A context without a fingerprint (Python integration) is adopted only
 * when the flow says so (oproxy, where its refresh token is what matters: the admin consent cannot
 * be replayed cheaply); other flows simply request a new token, which guarantees the right identity.
 */
export function readCachedAuth(
  data: Readonly<Record<string, unknown>>,
  fingerprint: string,
  adoptLegacy: boolean,
): CachedAuth {
  const stored = data[FINGERPRINT];
  const legacy = stored === undefined && adoptLegacy;
  if (stored !== fingerprint && !legacy) {
    const hasState = [ACCESS_TOKEN, VALID_UNTIL, REFRESH_TOKEN, FINGERPRINT].some(
      (k) => data[k] !== undefined,
    );
    return { legacy: false, foreign: hasState };
  }
  const validUntil = Number(data[VALID_UNTIL]);
  return {
    accessToken: str(data[ACCESS_TOKEN]),
    validUntil: Number.isFinite(validUntil) ? validUntil : undefined,
    refreshToken: str(data[REFRESH_TOKEN]),
    legacy,
    foreign: false,
  };
}

/**
 * The live lease of another owner, if any. A lease further in the future than `maxLeaseMs` cannot
 * have been written by a healthy peer (clock skew, corruption) and is ignored.
 */
export function activeLease(
  data: Readonly<Record<string, unknown>>,
  me: string,
  nowMs: number,
  maxLeaseMs: number,
): Lease | undefined {
  const raw = data[LEASE] as Partial<Lease> | undefined;
  if (!raw || typeof raw !== 'object' || typeof raw.owner !== 'string' || typeof raw.until !== 'number')
    return undefined;
  if (raw.owner === me || raw.until <= nowMs || raw.until > nowMs + maxLeaseMs) return undefined;
  return { owner: raw.owner, until: raw.until };
}
