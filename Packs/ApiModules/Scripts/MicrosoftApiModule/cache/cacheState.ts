/**
 * Reading the cached authentication state out of a context snapshot: the token (when it belongs to
 * this identity and credential), the lease of a command requesting a token, and the failure such
 * a command recorded (its class, code and message: user-facing texts, already free of secrets,
 * never its cause), which the commands that waited on it rethrow.
 */
import {
  AuthenticationError,
  ErrorCode,
  FlowUnavailableError,
  IntegrationError,
  NetworkError,
  type ErrorCodeValue,
} from '../core/errors';
import type { RunIdentity } from '../../../../Base/Scripts/CommonServer/runtime';
import {
  ACCESS_TOKEN,
  CREDENTIAL,
  FINGERPRINT,
  LEASE,
  REFRESH_TOKEN,
  TOKEN_FAILURE,
  VALID_UNTIL,
} from '../context/authState';

/** The cached state, as far as it belongs to the current identity and credential. */
export interface CachedAuth {
  readonly accessToken?: string;
  readonly validUntil?: number;
  /** The context has no fingerprint (written by the Python integration) and was adopted. */
  readonly legacy: boolean;
  /**
   * Whose the stored state is when it is not ours: another `identity` (or a legacy state we do
   * not adopt: all of it is dropped), or our identity with another (or no recorded) `credential`
   * (its tokens are dropped; the back-off, which belongs to the identity, stays).
   */
  readonly foreign?: 'identity' | 'credential';
}

/** A lease on the token request: who holds it (and on which run), until when. */
export interface Lease {
  readonly owner: string;
  readonly until: number;
  /** The run that holds it (e.g. a process on a host), when the host can tell. */
  readonly run?: string;
}

/** A token request that failed, recorded so that the commands waiting for it fail at once. */
export interface TokenFailure {
  readonly owner: string;
  readonly at: number;
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The state for `fingerprint` whose credential passes `sameCredential`. A context without a
 * fingerprint (Python integration) is adopted only when the flow says so (oproxy: its consent
 * cannot be replayed cheaply); other flows simply request a new token.
 */
export function readCachedAuth(
  data: Readonly<Record<string, unknown>>,
  fingerprint: string,
  adoptLegacy: boolean,
  sameCredential: (stored: unknown) => boolean,
): CachedAuth {
  const stored = data[FINGERPRINT];
  const legacy = stored === undefined && data[CREDENTIAL] === undefined && adoptLegacy;
  if (!legacy && stored !== fingerprint) {
    const keys = [ACCESS_TOKEN, VALID_UNTIL, REFRESH_TOKEN, FINGERPRINT, CREDENTIAL];
    return { legacy: false, foreign: keys.some((k) => data[k] !== undefined) ? 'identity' : undefined };
  }
  if (!legacy && !sameCredential(data[CREDENTIAL])) return { legacy: false, foreign: 'credential' };
  const validUntil = Number(data[VALID_UNTIL]);
  return {
    accessToken: str(data[ACCESS_TOKEN]),
    validUntil: isFinite(validUntil) ? validUntil : undefined,
    legacy,
  };
}

/**
 * The live lease of another owner, if any. A lease further in the future than `maxLeaseMs` cannot
 * have been written by a healthy peer (clock skew, corruption) and is ignored; so is one whose run
 * the host knows to be gone (a command killed while it requested a token).
 */
export function activeLease(
  data: Readonly<Record<string, unknown>>,
  me: string,
  nowMs: number,
  maxLeaseMs: number,
  run?: RunIdentity,
): Lease | undefined {
  const raw = data[LEASE];
  if (!isRecord(raw) || typeof raw.owner !== 'string' || typeof raw.until !== 'number') return undefined;
  if (raw.owner === me || raw.until <= nowMs || raw.until > nowMs + maxLeaseMs) return undefined;
  const holder = str(raw.run);
  if (holder !== undefined && run !== undefined && run.isAlive(holder) === false) return undefined;
  return { owner: raw.owner, until: raw.until, run: holder };
}

/** The failure recorded since `sinceMs` by another owner, if any. */
export function recentFailure(
  data: Readonly<Record<string, unknown>>,
  me: string,
  sinceMs: number,
): TokenFailure | undefined {
  const raw = data[TOKEN_FAILURE];
  if (!isRecord(raw) || raw.owner === me || typeof raw.at !== 'number' || raw.at < sinceMs) return undefined;
  const [name, code, message] = [str(raw.name), str(raw.code), str(raw.message)];
  if (typeof raw.owner !== 'string' || !name || !code || !message) return undefined;
  return { owner: raw.owner, at: raw.at, name, code, message };
}

/** The longest message recorded; user-facing texts are far shorter. */
const MAX_MESSAGE = 2000;

/** The record of `error`, or undefined for an error that is not ours (nothing to share). */
export function failureRecord(error: unknown, owner: string, at: number): TokenFailure | undefined {
  if (!(error instanceof IntegrationError)) return undefined;
  return { owner, at, name: error.name, code: error.code, message: error.message.slice(0, MAX_MESSAGE) };
}

const CODES = Object.keys(ErrorCode).map((k) => ErrorCode[k as keyof typeof ErrorCode]) as string[];

/** The error a waiting command throws: the same class, code and message as the lease holder's. */
export function rebuildFailure(failure: TokenFailure): IntegrationError {
  switch (failure.name) {
    case 'AuthenticationError':
      return new AuthenticationError(failure.message);
    case 'NetworkError':
      return new NetworkError(failure.message);
    case 'FlowUnavailableError':
      return new FlowUnavailableError(failure.message);
    default: {
      const code =
        CODES.indexOf(failure.code) >= 0 ? (failure.code as ErrorCodeValue) : ErrorCode.authRefused;
      return new IntegrationError(code, failure.message);
    }
  }
}
