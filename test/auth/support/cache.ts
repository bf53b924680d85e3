/**
 * Token cache test helpers: a cache over a harness, and the context a command (an earlier run, a
 * peer) leaves behind for a flow, computed here independently of the product: the fingerprint is
 * SHA-256 of `identity|scope|resource`, the credential record `<salt hex>:<HMAC-SHA256 hex>`.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { AuthFlow } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/AuthFlow';
import {
  TokenCache,
  type TokenCacheDeps,
} from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/cache/tokenCache';
import { nodeCrypto } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import type { Harness } from './fixtures';

/** What the module asks for Graph. */
export const GRAPH_REQUEST = {
  scope: 'https://graph.microsoft.com/.default',
  resource: 'https://graph.microsoft.com/',
};

/** A cache of `flow`'s tokens in the harness context (no retry budget unless given). */
export function cacheFor(h: Harness, flow: AuthFlow, extra: Partial<TokenCacheDeps> = {}): TokenCache {
  return new TokenCache({
    store: h.store,
    flow,
    clock: h.clock,
    log: h.log,
    crypto: nodeCrypto,
    request: GRAPH_REQUEST,
    ...extra,
  });
}

/** The fingerprint of `flow` for Graph. */
export function fingerprintOf(flow: AuthFlow): string {
  const identity = `${flow.identity}|${GRAPH_REQUEST.scope}|${GRAPH_REQUEST.resource}`;
  return createHash('sha256').update(identity, 'utf8').digest('hex');
}

/** The credential record of `credential` under `salt` (random by default). */
export function credentialRecord(credential: string, salt: Buffer = randomBytes(16)): string {
  return `${salt.toString('hex')}:${createHmac('sha256', salt).update(credential, 'utf8').digest('hex')}`;
}

/** The keys a command that obtained `token` with `flow` left in the context. */
export function cachedBy(
  flow: AuthFlow,
  token: string,
  validUntil: number,
  refreshToken = '',
): Record<string, unknown> {
  return {
    access_token: token,
    valid_until: validUntil,
    current_refresh_token: refreshToken,
    auth_fingerprint: fingerprintOf(flow),
    auth_credential: credentialRecord(flow.credential),
  };
}

/** The credential record format the context holds. */
export const CREDENTIAL_RECORD = /^[0-9a-f]{32}:[0-9a-f]{64}$/;
