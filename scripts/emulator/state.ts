/**
 * The emulator's mutable state, shared by every handler: registrations, token issuer, replay and
 * refresh-token tables, Graph data, faults and the request log.
 */
import type { TenantRegistry } from './credentials';
import type { FaultQueue } from './faults';
import type { GraphStore, NoMailboxCode } from './graph/store';
import type { RequestLog } from './requestLog';
import type { TokenClaimOverrides } from './credentials';
import type { TokenFormat, TokenIssuer } from './tokens';

/** An oproxy refresh token: single use (rotated on every successful exchange). */
export interface OproxyRefreshToken {
  readonly registrationId: string;
  used: boolean;
}

/** An authorization code or refresh token of a user (delegated) flow. */
export interface DelegatedGrant {
  readonly clientId: string;
  readonly userUpn: string;
  /** Delegated scopes granted (without the resource prefix). */
  readonly scopes: readonly string[];
  /** The Graph resource the grant is for, e.g. `https://graph.microsoft.com`. */
  readonly resource: string;
  /** Unix seconds. */
  readonly issuedAt: number;
  /** Unix seconds. */
  expiresAt: number;
  readonly redirectUri?: string;
  used: boolean;
}

/**
 * An Exchange application access policy for one app (`New-ApplicationAccessPolicy`): with
 * `RestrictAccess` the app reaches only the listed mailboxes, with `DenyAccess` all but them.
 */
export interface MailboxAccessPolicy {
  readonly accessRight: 'RestrictAccess' | 'DenyAccess';
  /** userPrincipalNames, mail addresses or object ids. */
  readonly mailboxes: readonly string[];
}

/** How a user exists in the directory: with an Exchange Online mailbox, or without one. */
export type MailboxKind = 'enabled' | NoMailboxCode;

/** A directory user added after start (kept across resets). */
export interface AddedUser {
  readonly userPrincipalName: string;
  readonly displayName?: string;
  /** Default `enabled` (a mailbox with an empty default calendar "Calendar"). */
  readonly mailbox?: MailboxKind;
}

/** The oproxy's answers: token format and what its access tokens claim. */
export interface OproxySettings {
  readonly accessTokenFormat: TokenFormat;
  readonly roles: readonly string[];
  readonly claims?: TokenClaimOverrides;
}

/** Everything the handlers share. */
export interface EmulatorState {
  readonly credentials: TenantRegistry;
  readonly issuer: TokenIssuer;
  /** Milliseconds since the epoch (injectable for tests). */
  readonly now: () => number;
  /** `http://127.0.0.1:PORT`, set once listening. */
  url: string;
  readonly appTokenLifetimeSeconds: number;
  readonly imdsTokenLifetimeSeconds: number;
  /** Client assertion `jti` → its `exp` (unix seconds), to refuse replays. */
  readonly usedAssertionIds: Map<string, number>;
  readonly oproxyRefreshTokens: Map<string, OproxyRefreshToken>;
  readonly authorizationCodes: Map<string, DelegatedGrant>;
  readonly refreshTokens: Map<string, DelegatedGrant>;
  graph: GraphStore;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  readonly largeCalendarEvents: number;
  /** Application access policies by app id (lower case). */
  readonly mailboxPolicies: Map<string, MailboxAccessPolicy>;
  readonly addedUsers: AddedUser[];
  oproxySettings: OproxySettings;
}

/** The current time in unix seconds. */
export function nowSeconds(state: EmulatorState): number {
  return Math.floor(state.now() / 1000);
}

/** The emulator's own origins (accepted as Graph resource/audience). */
export function emulatorOrigins(state: EmulatorState): string[] {
  return [state.url, state.url.replace('127.0.0.1', 'localhost')];
}
