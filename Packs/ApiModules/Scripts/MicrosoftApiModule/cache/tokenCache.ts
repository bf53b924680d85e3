/**
 * The token cache in the integration context, shared by every flow. Concurrent cold starts make ONE
 * token request: inside a process through a map of in-flight promises, across processes through a
 * short lease in the context taken by a versioned write (the others poll until the token appears
 * or the lease expires). Failures are never cached.
 */
import type { Clock, IntegrationContextStore, Logger } from '../../../../Base/Scripts/CommonServer/runtime';
import type { AuthFlow, TokenRequest } from '../auth/AuthFlow';
import { epochSeconds } from '../auth/flowContext';
import type { CryptoPort } from '../crypto/CryptoPort';
import { hexEncode, utf8Encode } from '../crypto/encoding';
import { sha256 } from './sha256';
import { ContextError } from '../errors';
import {
  ACCESS_TOKEN,
  FINGERPRINT,
  FOREIGN_STATE_RESET,
  LEASE,
  REFRESH_TOKEN,
  VALID_UNTIL,
} from './authKeys';
import { activeLease, readCachedAuth, type CachedAuth } from './cacheState';
import { mergeKeys, updateContext } from './contextUpdate';
import { singleFlight } from './singleFlight';

/** A bearer token and where it came from (a 401 on a cached token is worth one retry). */
export interface AccessToken {
  readonly token: string;
  readonly fromCache: boolean;
  /**
   * Granted just now with a lifetime shorter than the refresh margin (e.g. `expires_in` 0): it may
   * be expired on arrival, so a 401 on it is worth one new token too. Always false from the cache.
   */
  readonly shortLived: boolean;
}

/** Tuning; the defaults suit XSOAR. */
export interface TokenCacheTuning {
  /** Refresh this long before `valid_until` (s). */
  readonly refreshMarginSeconds: number;
  /** How long a token request may hold the lease (ms). */
  readonly leaseMs: number;
  /** How often a waiting command re-reads the context (ms). */
  readonly pollMs: number;
}

/** Default tuning: refresh 60 s early; a 30 s lease; poll every 50 ms. */
export const DEFAULT_TUNING: TokenCacheTuning = { refreshMarginSeconds: 60, leaseMs: 30_000, pollMs: 50 };

/** What the cache needs. */
export interface TokenCacheDeps {
  readonly store: IntegrationContextStore;
  readonly flow: AuthFlow;
  readonly clock: Clock;
  readonly log: Logger;
  readonly crypto: CryptoPort;
  readonly request: Omit<TokenRequest, 'refreshToken'>;
  readonly tuning?: Partial<TokenCacheTuning>;
}

/** The cache of one flow's tokens in one integration context. */
export class TokenCache {
  /** SHA-256 (hex) of the flow identity and the requested scope. */
  readonly fingerprint: string;
  private readonly tuning: TokenCacheTuning;
  private leaseOwner: string | undefined;

  constructor(private readonly deps: TokenCacheDeps) {
    const identity = `${deps.flow.identity}|${deps.request.scope}|${deps.request.resource}`;
    this.fingerprint = hexEncode(sha256(utf8Encode(identity)));
    this.tuning = { ...DEFAULT_TUNING, ...deps.tuning };
  }

  /** This cache's lease owner id, drawn on first use: a cached token never needs the random source. */
  private get owner(): string {
    this.leaseOwner ??= this.deps.crypto.randomUUID();
    return this.leaseOwner;
  }

  /** A usable bearer token: the cached one, or a new one (one request for all concurrent callers). */
  getToken(): Promise<AccessToken> {
    return singleFlight(this.deps.store, this.fingerprint, () => this.acquire());
  }

  /** Drops the cached access token if it is still `token` (after Graph refused it with 401). */
  async invalidate(token: string): Promise<void> {
    await updateContext(this.deps.store, (data) =>
      data[ACCESS_TOKEN] === token && data[FINGERPRINT] === this.fingerprint
        ? mergeKeys(data, { [ACCESS_TOKEN]: undefined, [VALID_UNTIL]: undefined })
        : undefined,
    );
  }

  private usable(cached: CachedAuth, first: string | undefined, nowMs: number): string | undefined {
    const { accessToken, validUntil } = cached;
    if (!accessToken || validUntil === undefined) return undefined;
    const now = nowMs / 1000;
    // A token written by another command while we waited is taken even inside the refresh margin.
    const fresh =
      now < validUntil - this.tuning.refreshMarginSeconds || (accessToken !== first && now < validUntil);
    return fresh ? accessToken : undefined;
  }

  private async acquire(): Promise<AccessToken> {
    const { store, flow, clock, log } = this.deps;
    let first: string | undefined;
    // Polls end when the lease expires; the cap only guards against a store that never accepts a write.
    const maxRounds = 2 * Math.ceil(this.tuning.leaseMs / this.tuning.pollMs) + 100;
    for (let round = 0; ; round++) {
      if (round > maxRounds)
        throw new ContextError(
          'The token cache could not be updated in the integration context. Try the command again.',
        );
      const snapshot = await store.read();
      const cached = readCachedAuth(snapshot.data, this.fingerprint, flow.adoptsLegacyCache);
      if (round === 0) first = cached.accessToken;
      const token = this.usable(cached, first, clock.now());
      if (token) {
        if (cached.legacy) await this.adoptLegacy(snapshot.version, snapshot.data);
        log.debug(`token cache: using the cached ${flow.mode} token`);
        return { token, fromCache: true, shortLived: false };
      }
      const lease = activeLease(snapshot.data, this.owner, clock.now(), this.tuning.leaseMs);
      if (lease) {
        if (round === 0) log.debug('token cache: another command is requesting a token; waiting for it');
        await clock.sleep(Math.max(1, Math.min(this.tuning.pollMs, lease.until - clock.now())));
        continue;
      }
      const changes = {
        ...(cached.foreign ? FOREIGN_STATE_RESET : {}),
        [FINGERPRINT]: this.fingerprint,
        [LEASE]: { owner: this.owner, until: clock.now() + this.tuning.leaseMs },
      };
      if (!(await store.write(mergeKeys(snapshot.data, changes), snapshot.version))) continue;
      return this.fetchAndStore(cached.foreign ? undefined : cached.refreshToken);
    }
  }

  private async fetchAndStore(refreshToken: string | undefined): Promise<AccessToken> {
    const { flow, clock, log, store } = this.deps;
    log.debug(`token cache: requesting a new ${flow.mode} token`);
    try {
      const result = await flow.getToken({ ...this.deps.request, refreshToken });
      // upstream: valid_until = now + expires_in − 5, the 5 s only when the lifetime allows it.
      const lifetime = result.expiresIn - 5 > 0 ? result.expiresIn - 5 : result.expiresIn;
      const validUntil = epochSeconds(clock.now()) + lifetime;
      await updateContext(store, (data) =>
        mergeKeys(data, {
          [ACCESS_TOKEN]: result.accessToken,
          [VALID_UNTIL]: validUntil,
          // upstream overwrites it with whatever the grant returned, '' included.
          [REFRESH_TOKEN]: result.refreshToken ?? '',
          [FINGERPRINT]: this.fingerprint,
          [LEASE]: this.ownsLease(data) ? undefined : data[LEASE],
        }),
      );
      const shortLived = result.expiresIn < this.tuning.refreshMarginSeconds;
      return { token: result.accessToken, fromCache: false, shortLived };
    } catch (error) {
      await this.releaseLease().catch(() => undefined);
      throw error;
    }
  }

  private ownsLease(data: Readonly<Record<string, unknown>>): boolean {
    const lease = data[LEASE] as { owner?: unknown } | undefined;
    return !!lease && lease.owner === this.owner;
  }

  private async releaseLease(): Promise<void> {
    await updateContext(this.deps.store, (data) =>
      this.ownsLease(data) ? mergeKeys(data, { [LEASE]: undefined }) : undefined,
    );
  }

  /** Stamps our fingerprint on an adopted Python-era context, once; losing the race is harmless. */
  private async adoptLegacy(version: number, data: Readonly<Record<string, unknown>>): Promise<void> {
    await this.deps.store.write(mergeKeys(data, { [FINGERPRINT]: this.fingerprint }), version);
  }
}
