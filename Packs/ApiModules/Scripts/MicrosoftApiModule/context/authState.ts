/**
 * The integration-context keys of the authentication state. The first three are upstream's, so a
 * context written by the Python integration keeps working; the others are ours.
 */
import type { IntegrationContextStore } from '../../../../Base/Scripts/CommonServer/runtime';
import { mergeKeys, updateContext } from './contextUpdate';

/** The cached bearer token (upstream). Secret. */
export const ACCESS_TOKEN = 'access_token';
/** Integer epoch seconds = issue time + expires_in − 5 (upstream). */
export const VALID_UNTIL = 'valid_until';
/** The last refresh token a grant returned, possibly '' (upstream). Secret. */
export const REFRESH_TOKEN = 'current_refresh_token';
/** SHA-256 (hex) of the flow's identity: a token of another identity is never reused. */
export const FINGERPRINT = 'auth_fingerprint';
/**
 * `<salt hex>:<HMAC-SHA256 hex>` of the credential the token was obtained with, keyed by a random
 * per-context salt: a changed secret is noticed, and the context holds no plain digest of it.
 */
export const CREDENTIAL = 'auth_credential';
/** `{owner, until, run?}`: the command currently requesting a token, so others wait for it. */
export const LEASE = 'token_lease';
/** `{owner, at, name, code, message}`: the last failed token request, so its waiters fail at once. */
export const TOKEN_FAILURE = 'token_failure';
/** Float epoch seconds before which no oproxy request is sent (0 = none; upstream). */
export const NEXT_REQUEST_TIME = 'next_request_time';
/** The exponent of the next oproxy back-off delay (1..7; read capped at 6; upstream). */
export const DELAY_REQUEST_COUNTER = 'delay_request_counter';
/** The oproxy's AES-GCM nonce counter (kept by auth-reset: it guards nonce uniqueness). */
export const NONCE_COUNTER = 'oproxy_nonce_counter';

/** upstream's per-scope cache keys end like this (`<scope>_access_token`, `<scope>_valid_until`). */
const SCOPED_SUFFIXES = ['_access_token', '_valid_until'];

/** Every key the authentication state consists of (upstream's device-code key included). */
export const AUTH_KEYS: readonly string[] = [
  ACCESS_TOKEN,
  VALID_UNTIL,
  REFRESH_TOKEN,
  FINGERPRINT,
  CREDENTIAL,
  LEASE,
  TOKEN_FAILURE,
  NEXT_REQUEST_TIME,
  DELAY_REQUEST_COUNTER,
  'device_code',
];

/** Keys removed when the context holds another identity's state (its refresh token included). */
export const FOREIGN_STATE_RESET: Readonly<Record<string, undefined>> = {
  [ACCESS_TOKEN]: undefined,
  [VALID_UNTIL]: undefined,
  [REFRESH_TOKEN]: undefined,
  [CREDENTIAL]: undefined,
  [NEXT_REQUEST_TIME]: undefined,
  [DELAY_REQUEST_COUNTER]: undefined,
};

/** Keys removed when the context holds tokens obtained with another credential of this identity. */
export const TOKEN_STATE_RESET: Readonly<Record<string, undefined>> = {
  [ACCESS_TOKEN]: undefined,
  [VALID_UNTIL]: undefined,
  [REFRESH_TOKEN]: undefined,
};

/** True for a key of the authentication state. */
export function isAuthKey(key: string): boolean {
  return AUTH_KEYS.indexOf(key) >= 0 || SCOPED_SUFFIXES.some((suffix) => key.endsWith(suffix));
}

/**
 * auth-reset: removes the cached tokens, the refresh token, the fingerprint, any lease and the
 * oproxy back-off. Needs no settings and sends nothing. Other keys survive, including the oproxy
 * nonce counter, which must keep counting to keep nonces unique (upstream replaced the whole
 * context with `{}`; nothing else of upstream's lives in this integration's context).
 */
export async function resetAuthContext(store: IntegrationContextStore): Promise<void> {
  await updateContext(store, (data) => {
    const removed = Object.keys(data).filter(isAuthKey);
    if (removed.length === 0) return undefined;
    return mergeKeys(data, Object.fromEntries(removed.map((key) => [key, undefined])));
  });
}
