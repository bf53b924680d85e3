/**
 * The token cache in the integration context, shared by every flow. A cached token is used only by
 * the identity (fingerprint) and the credential (salted digest) it was obtained with. Concurrent
 * cold starts make ONE token request: inside a process through a map of in-flight promises, across
 * processes through a lease in the context taken by a versioned write; the others wait until the
 * token appears, the lease holder records a failure (they then fail at once with its error), the
 * lease expires, or the host tells that its run is gone. Failures are never cached as tokens.
 */
import type {
  Clock,
  IntegrationContextStore,
  Logger,
  RunIdentity,
} from '../../../../Base/Scripts/CommonServer/runtime';
import type { AuthFlow, TokenRequest } from '../auth/AuthFlow';
import { epochSeconds } from '../auth/flowContext';
import { DEFAULT_EXPIRES_IN } from '../auth/tokenResponse';
import {
  ACCESS_TOKEN,
  CREDENTIAL,
  FINGERPRINT,
  FOREIGN_STATE_RESET,
  LEASE,
  REFRESH_TOKEN,
  TOKEN_FAILURE,
  TOKEN_STATE_RESET,
  VALID_UNTIL,
} from '../context/authState';
import { mergeKeys, updateContext } from '../context/contextUpdate';
import type { CryptoPort } from '../crypto/CryptoPort';
import { hexEncode, utf8Encode } from '../crypto/encoding';
import { CredentialStamp } from './credentialStamp';
import {
  activeLease,
  failureRecord,
  readCachedAuth,
  rebuildFailure,
  recentFailure,
  type CachedAuth,
} from './cacheState';
import { singleFlight } from './singleFlight';
import { ContextError } from '../core/errors';
import type { RetryBudget } from '../http/retry';

/** A bearer token and where it came from (a 401 on a cached token is worth one retry). */
export interface AccessToken {
  readonly token: string;
  readonly fromCache: boolean;
  /** Granted just now for less than the refresh margin (e.g. `expires_in` 0): may be expired on arrival. */
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

/**
 * Default tuning: refresh 60 s early; a 60 s lease, longer than a token request takes unless its
 * endpoint hangs (then a waiter may take over and send a second request); poll every 50 ms.
 */
export const DEFAULT_TUNING: TokenCacheTuning = { refreshMarginSeconds: 60, leaseMs: 60_000, pollMs: 50 };

/** upstream's lifetime when an answer has none; also ours for zero, negative or non-numeric ones. */
export const DEFAULT_LIFETIME_SECONDS = DEFAULT_EXPIRES_IN;
/** Consecutive refused lease writes before giving up (each follows a fresh read). */
const MAX_REFUSED_WRITES = 50;

/** No token is cached longer than a day, whatever lifetime an endpoint claims. */
export const MAX_LIFETIME_SECONDS = 86_400;

/** What the cache needs. */
export interface TokenCacheDeps {
  readonly store: IntegrationContextStore;
  readonly flow: AuthFlow;
  readonly clock: Clock;
  readonly log: Logger;
  readonly crypto: CryptoPort;
  readonly run?: RunIdentity;
  /** The command's wait budget, shared with its retries; waiting for a lease spends from it. */
  readonly budget?: RetryBudget;
  readonly request: TokenRequest;
  readonly tuning?: Partial<TokenCacheTuning>;
}

/** The lifetime to cache a token for: the granted one within bounds, else upstream's default. */
export function cachedLifetime(expiresIn: number): number {
  if (!(expiresIn > 0) || !isFinite(expiresIn)) return DEFAULT_LIFETIME_SECONDS;
  return Math.min(Math.floor(expiresIn), MAX_LIFETIME_SECONDS);
}

/** The cache of one flow's tokens in one integration context. */
export class TokenCache {
  /** SHA-256 (hex) of the flow identity and the requested scope. */
  readonly fingerprint: string;
  private readonly tuning: TokenCacheTuning;
  private readonly stamp: CredentialStamp;
  private leaseOwner: string | undefined;

  constructor(private readonly deps: TokenCacheDeps) {
    const identity = `${deps.flow.identity}|${deps.request.scope}|${deps.request.resource}`;
    this.fingerprint = hexEncode(deps.crypto.sha256(utf8Encode(identity)));
    this.tuning = { ...DEFAULT_TUNING, ...deps.tuning };
    this.stamp = new CredentialStamp(deps.crypto, deps.flow.credential);
  }

  /** This cache's lease owner id, drawn on first use: a cached token never needs the random source. */
  private get owner(): string {
    if (this.leaseOwner === undefined) this.leaseOwner = this.deps.crypto.randomUUID();
    return this.leaseOwner;
  }

  /**
   * A usable bearer token: the cached one, or a new one (one request for all concurrent callers).
   * `fresh` never takes a token cached before the call (the Test button checks the credentials).
   */
  getToken(options: { fresh?: boolean } = {}): Promise<AccessToken> {
    const fresh = options.fresh === true;
    return singleFlight(this.deps.store, `${this.fingerprint}${fresh ? ':fresh' : ''}`, () =>
      this.acquire(fresh),
    );
  }

  /** Drops the cached access token if it is still `token` (after Graph refused it with 401). */
  async invalidate(token: string): Promise<void> {
    await updateContext(this.deps.store, (data) =>
      data[ACCESS_TOKEN] === token && data[FINGERPRINT] === this.fingerprint
        ? mergeKeys(data, { [ACCESS_TOKEN]: undefined, [VALID_UNTIL]: undefined })
        : undefined,
    );
  }

  private usable(cached: CachedAuth, first: string | undefined, fresh: boolean): string | undefined {
    const { accessToken, validUntil } = cached;
    if (!accessToken || validUntil === undefined) return undefined;
    const now = this.deps.clock.now() / 1000;
    // A token another command wrote while we waited is taken even inside the refresh margin, and
    // even by a fresh request: it was obtained with the same credential after our call began.
    if (accessToken !== first) return now < validUntil ? accessToken : undefined;
    return !fresh && now < validUntil - this.tuning.refreshMarginSeconds ? accessToken : undefined;
  }

  private async acquire(fresh: boolean): Promise<AccessToken> {
    const { store, flow, clock, log } = this.deps;
    const started = clock.now();
    let first: string | undefined;
    let refusedWrites = 0;
    for (let round = 0; ; round++) {
      const snapshot = await store.read();
      const same = (stored: unknown) => this.stamp.matches(stored);
      const cached = readCachedAuth(snapshot.data, this.fingerprint, flow.adoptsLegacyCache, same);
      if (round === 0) first = cached.accessToken;
      const token = this.usable(cached, first, fresh);
      if (token) {
        if (cached.legacy) await this.adoptLegacy(snapshot.version, snapshot.data);
        log.debug(`token cache: using the cached ${flow.mode} token`);
        return { token, fromCache: true, shortLived: false };
      }
      const lease = activeLease(snapshot.data, this.owner, clock.now(), this.tuning.leaseMs, this.deps.run);
      if (lease) {
        if (round === 0) log.debug('token cache: another command is requesting a token; waiting for it');
        await this.waitForLease(lease.until);
        continue;
      }
      const failure = round > 0 ? recentFailure(snapshot.data, this.owner, started) : undefined;
      if (failure) throw rebuildFailure(failure);
      if (await this.takeLease(snapshot.data, snapshot.version, cached.foreign)) return this.fetchAndStore();
      // Why a bound: a store that never accepts a write (a broken host) would loop forever.
      if (++refusedWrites >= MAX_REFUSED_WRITES)
        throw new ContextError(
          'The token cache could not be updated in the integration context. Try the command again.',
        );
    }
  }

  /** One poll of another command's lease, within the command's wait budget. */
  private async waitForLease(until: number): Promise<void> {
    const { clock, budget } = this.deps;
    const wait = Math.max(1, Math.min(this.tuning.pollMs, until - clock.now()));
    if (budget && wait > budget.remainingMs) {
      const seconds = Math.max(1, Math.ceil((until - clock.now()) / 1000));
      throw new ContextError(
        `Another command of this instance is requesting a token; try again in ${seconds} s.`,
      );
    }
    await clock.sleep(wait);
    budget?.spend(wait);
  }

  private async takeLease(
    data: Readonly<Record<string, unknown>>,
    version: number,
    foreign: CachedAuth['foreign'],
  ): Promise<boolean> {
    const run = this.deps.run?.id;
    const lease = {
      owner: this.owner,
      until: this.deps.clock.now() + this.tuning.leaseMs,
      ...(run ? { run } : {}),
    };
    const reset =
      foreign === 'identity' ? FOREIGN_STATE_RESET : foreign === 'credential' ? TOKEN_STATE_RESET : {};
    // The credential is stamped with the fingerprint: what the context holds is always ours whole.
    const changes = {
      ...reset,
      [FINGERPRINT]: this.fingerprint,
      [CREDENTIAL]: this.stamp.stampOver(data[CREDENTIAL]),
      [LEASE]: lease,
    };
    return (await this.deps.store.write(mergeKeys(data, changes), version)) !== undefined;
  }

  private async fetchAndStore(): Promise<AccessToken> {
    const { flow, clock, log, store } = this.deps;
    log.debug(`token cache: requesting a new ${flow.mode} token`);
    try {
      const result = await flow.getToken(this.deps.request);
      const lifetime = cachedLifetime(result.expiresIn);
      // upstream: valid_until = now + expires_in − 5, the 5 s only when the lifetime allows it.
      const validUntil = epochSeconds(clock.now()) + (lifetime > 5 ? lifetime - 5 : lifetime);
      await updateContext(store, (data) => {
        return mergeKeys(data, {
          [ACCESS_TOKEN]: result.accessToken,
          [VALID_UNTIL]: validUntil,
          // upstream overwrites it with whatever the grant returned, '' included.
          [REFRESH_TOKEN]: result.refreshToken ?? '',
          [FINGERPRINT]: this.fingerprint,
          [CREDENTIAL]: this.stamp.stampOver(data[CREDENTIAL]),
          [TOKEN_FAILURE]: undefined,
          [LEASE]: this.ownsLease(data) ? undefined : data[LEASE],
        });
      });
      const shortLived = !(result.expiresIn >= this.tuning.refreshMarginSeconds);
      return { token: result.accessToken, fromCache: false, shortLived };
    } catch (error) {
      await this.releaseLease(error).catch(() => undefined);
      throw error;
    }
  }

  private ownsLease(data: Readonly<Record<string, unknown>>): boolean {
    const lease = data[LEASE] as { owner?: unknown } | undefined;
    return !!lease && lease.owner === this.owner;
  }

  /** Releases our lease and records why the request failed, for the commands waiting on it. */
  private async releaseLease(error: unknown): Promise<void> {
    const record = failureRecord(error, this.owner, this.deps.clock.now());
    await updateContext(this.deps.store, (data) =>
      this.ownsLease(data) ? mergeKeys(data, { [LEASE]: undefined, [TOKEN_FAILURE]: record }) : undefined,
    );
  }

  /** Stamps our fingerprint and credential on an adopted Python-era context, once; losing the race is harmless. */
  private async adoptLegacy(version: number, data: Readonly<Record<string, unknown>>): Promise<void> {
    const stamp = {
      [FINGERPRINT]: this.fingerprint,
      [CREDENTIAL]: this.stamp.stampOver(undefined),
    };
    await this.deps.store.write(mergeKeys(data, stamp), version);
  }
}
