/**
 * Registrations added at run time: apps with chosen application permissions and token claims,
 * user-assigned managed identities, Exchange application access policies and the oproxy's token
 * settings (directory users: users.ts). Graph enforces what the tokens and
 * policies say exactly as for the seeded apps (the restricted instances are the same thing, built
 * at start).
 */
import {
  appRegistration,
  clientSecret,
  FULL_ROLES,
  IDENTITIES,
  seededClientIds,
  type ImdsFailure,
  type ManagedIdentity,
  type TokenClaimOverrides,
} from './credentials';
import { guid, seededGuid } from './crypto';
import { certificateInstance, secretInstance, userIdentityInstance, type InstanceParams } from './instances';
import {
  checkClaims,
  checkClientId,
  checkFailure,
  checkPolicy,
  checkRoles,
  checkTokenFormat,
} from './registryInput';
import type { EmulatorState, MailboxAccessPolicy, OproxySettings } from './state';
import type { TokenFormat } from './tokens';
import { restoreAddedUsers } from './users';

/** Options of `registerApp`. */
export interface AppOptions {
  /** Application permissions (the token's `roles`); default `Calendars.ReadWrite`, `User.Read.All`. `[]` = none. */
  readonly roles?: readonly string[];
  /** Default "XSOAR Calendar (registered)". */
  readonly displayName?: string;
  /** A GUID; default a fresh one. */
  readonly clientId?: string;
  /** `tid` / `aud` forced into every token of the app. */
  readonly claims?: TokenClaimOverrides;
  /** An Exchange application access policy for the app (same as `setMailboxAccessPolicy`). */
  readonly mailboxAccess?: MailboxAccessPolicy;
}

/** A registered app: its ids, secret and ready instances. */
export interface RegisteredApp {
  readonly clientId: string;
  /** The client secret value. Secret. */
  readonly secret: string;
  /** Client-secret and certificate (the emulator's certificate) instances, as XSOAR stores them. */
  readonly instances: { readonly clientSecret: InstanceParams; readonly certificate: InstanceParams };
}

/** Options of `registerManagedIdentity` (a user-assigned identity attached to the emulated VM). */
export interface ManagedIdentityOptions {
  /** Default `Calendars.ReadWrite`, `User.Read.All`. `[]` = none. */
  readonly roles?: readonly string[];
  /** A GUID; default a fresh one. */
  readonly clientId?: string;
  readonly claims?: TokenClaimOverrides;
  /** IMDS answers this instead of a token for the identity. */
  readonly failure?: ImdsFailure;
  readonly mailboxAccess?: MailboxAccessPolicy;
}

/** A registered user-assigned identity and its ready instance. */
export interface RegisteredManagedIdentity {
  readonly clientId: string;
  readonly objectId: string;
  readonly resourceId: string;
  /** A managed identity instance naming this identity's client id. */
  readonly instance: InstanceParams;
}

/** Options of `configureOproxy`; unset options keep their current value. */
export interface OproxyOptions {
  /** `opaque`: access tokens that are not JWTs (Graph still accepts them). Default `jwt`. */
  readonly accessTokenFormat?: TokenFormat;
  /** Default `Calendars.ReadWrite`, `User.Read.All`. */
  readonly roles?: readonly string[];
  readonly claims?: TokenClaimOverrides;
}

function isTaken(state: EmulatorState, id: string): boolean {
  const { apps, userIdentities, systemIdentity, oproxy } = state.credentials;
  return (
    apps.has(id) ||
    userIdentities.some((i) => i.clientId === id) ||
    systemIdentity.clientId === id ||
    oproxy.registrationId === id
  );
}

function setPolicy(state: EmulatorState, appId: string, policy: MailboxAccessPolicy | undefined): void {
  if (policy) state.mailboxPolicies.set(appId.toLowerCase(), { ...policy, mailboxes: [...policy.mailboxes] });
  else state.mailboxPolicies.delete(appId.toLowerCase());
}

/** Registers an app with a fresh secret and the emulator's certificate. */
export function registerApp(state: EmulatorState, options: AppOptions = {}): RegisteredApp {
  checkRoles(options.roles);
  checkClientId(options.clientId, (id) => isTaken(state, id));
  checkClaims(options.claims);
  checkPolicy(options.mailboxAccess);
  const clientId = (options.clientId ?? guid()).toLowerCase();
  const app = appRegistration(
    clientId,
    options.displayName ?? 'XSOAR Calendar (registered)',
    options.roles ?? FULL_ROLES,
    {
      ...clientSecret(),
      certificates: state.credentials.certificateApp.certificates,
      ...(options.claims ? { claims: { ...options.claims } } : {}),
    },
  );
  state.credentials.apps.set(clientId, app);
  setPolicy(state, clientId, options.mailboxAccess);
  const { url, credentials } = state;
  return {
    clientId,
    secret: app.secret ?? '',
    instances: {
      clientSecret: secretInstance(url, credentials.tenantId, app),
      certificate: certificateInstance(url, credentials.tenantId, app),
    },
  };
}

/** Attaches a new user-assigned identity to the emulated VM. */
export function registerManagedIdentity(
  state: EmulatorState,
  options: ManagedIdentityOptions = {},
): RegisteredManagedIdentity {
  checkRoles(options.roles);
  checkClientId(options.clientId, (id) => isTaken(state, id));
  checkClaims(options.claims);
  checkFailure(options.failure);
  checkPolicy(options.mailboxAccess);
  const clientId = (options.clientId ?? guid()).toLowerCase();
  const identity: ManagedIdentity = {
    kind: 'user',
    clientId,
    objectId: seededGuid(`identity:${clientId}`),
    resourceId: `${IDENTITIES}/xsoar-${clientId.slice(0, 8)}`,
    roles: options.roles ?? FULL_ROLES,
    ...(options.claims ? { claims: { ...options.claims } } : {}),
    ...(options.failure ? { failure: { ...options.failure } } : {}),
  };
  state.credentials.userIdentities.push(identity);
  setPolicy(state, clientId, options.mailboxAccess);
  return {
    clientId,
    objectId: identity.objectId,
    resourceId: identity.resourceId ?? '',
    instance: userIdentityInstance(state.url, clientId),
  };
}

/** Sets (or, with `undefined`, removes) the application access policy of an app or identity. */
export function setMailboxAccessPolicy(
  state: EmulatorState,
  appId: string,
  policy: MailboxAccessPolicy | undefined,
): void {
  checkPolicy(policy, 'policy');
  setPolicy(state, appId, policy);
}

/**
 * After a reset rebuilt the store: the seeded registrations get their seeded behaviour back (no
 * access policy, default oproxy tokens); run-time users come back with empty mailboxes, and
 * run-time apps and identities keep their policies.
 */
export function restoreAfterReset(state: EmulatorState): void {
  const seeded = seededClientIds(state.credentials);
  for (const id of [...state.mailboxPolicies.keys()]) if (seeded.has(id)) state.mailboxPolicies.delete(id);
  state.oproxySettings = defaultOproxySettings(state);
  restoreAddedUsers(state);
}

/** The oproxy's settings at start: JWT access tokens with the registration's roles. */
export function defaultOproxySettings(state: Pick<EmulatorState, 'credentials'>): OproxySettings {
  return { accessTokenFormat: 'jwt', roles: state.credentials.oproxy.roles };
}

/** Changes how the oproxy answers (token format, roles, forced claims). */
export function configureOproxy(state: EmulatorState, options: OproxyOptions): void {
  checkTokenFormat(options.accessTokenFormat);
  checkRoles(options.roles);
  checkClaims(options.claims);
  state.oproxySettings = {
    ...state.oproxySettings,
    ...(options.accessTokenFormat ? { accessTokenFormat: options.accessTokenFormat } : {}),
    ...(options.roles ? { roles: [...options.roles] } : {}),
    ...(options.claims ? { claims: { ...options.claims } } : {}),
  };
}
