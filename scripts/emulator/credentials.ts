/**
 * What the emulated tenant has registered: the applications (secret, certificate, restricted ones
 * for 403 tests), the managed identities and the Cortex XSOAR oproxy registration. Ids are fixed
 * GUIDs (stable across runs, easy to read in logs); secrets and the oproxy Key are random per start.
 */
import type { RegisteredCertificate } from './certificate';
import { opaqueToken, randomBase64 } from './crypto';

/** Application permissions (app roles) that grant full calendar access plus test-module's user read. */
export const FULL_ROLES: readonly string[] = ['Calendars.ReadWrite', 'User.Read.All'];

/**
 * Claims forced into every access token of a registration, whatever the request asked: a token
 * "from another tenant" (`tid`) or "for another cloud's Graph" (`aud`). Clients that inspect
 * tokens must notice; the emulator's Graph still checks `aud` (401 for a non-Graph audience).
 */
export interface TokenClaimOverrides {
  /** The `tid` claim (and the tenant in `iss`); default the emulated tenant. */
  readonly tid?: string;
  /** The `aud` claim; default the Graph resource the request named. */
  readonly aud?: string;
}

/** A registered application (service principal) in the tenant. */
export interface AppRegistration {
  readonly clientId: string;
  readonly displayName: string;
  /** Client secret value. Secret. */
  readonly secret?: string;
  readonly certificates: readonly RegisteredCertificate[];
  /** Application permissions granted by admin consent. */
  readonly roles: readonly string[];
  /** Delegated permissions for user flows (authorization code / refresh token). */
  readonly delegatedScopes: readonly string[];
  readonly redirectUris: readonly string[];
  readonly claims?: TokenClaimOverrides;
}

/**
 * What IMDS answers for an identity instead of a token: `status` (default 400), and a body of
 * `error` (only when given) and `error_description`.
 */
export interface ImdsFailure {
  readonly status?: number;
  readonly error?: string;
  readonly errorDescription: string;
}

/** A managed identity attached to the emulated VM. */
export interface ManagedIdentity {
  readonly kind: 'system' | 'user';
  readonly clientId: string;
  readonly objectId: string;
  /** ARM resource id (user-assigned only), matched against `msi_res_id` / `mi_res_id`. */
  readonly resourceId?: string;
  readonly roles: readonly string[];
  readonly claims?: TokenClaimOverrides;
  /** When set, IMDS answers this instead of a token for the identity. */
  readonly failure?: ImdsFailure;
}

/** The Cortex XSOAR (oproxy) registration from the admin consent page. */
export interface OproxyRegistration {
  readonly registrationId: string;
  readonly appName: string;
  /** The "Token" shown after consent; reusable (it identifies the consent). Secret. */
  readonly token: string;
  /** The "Key": base64 of 32 random bytes. Secret. */
  readonly key: string;
  readonly roles: readonly string[];
}

/** Everything registered in the emulated tenant. */
export interface Credentials {
  readonly tenantId: string;
  readonly tenantDomain: string;
  readonly apps: ReadonlyMap<string, AppRegistration>;
  readonly clientSecretApp: AppRegistration;
  readonly certificateApp: AppRegistration;
  /** Calendars.Read + User.Read.All only: GETs work, writes get 403. */
  readonly readOnlyApp: AppRegistration;
  /** User.Read.All only: every calendar call gets 403, and test-module fails (no calendar permission). */
  readonly noCalendarsApp: AppRegistration;
  readonly systemIdentity: ManagedIdentity;
  /** The first entry is the one the `managedIdentityUser` instance uses. */
  readonly userIdentities: readonly ManagedIdentity[];
  readonly oproxy: OproxyRegistration;
}

/** The registrations as the emulator holds them: apps and user-assigned identities can be added. */
export interface TenantRegistry extends Credentials {
  readonly apps: Map<string, AppRegistration>;
  readonly userIdentities: ManagedIdentity[];
}

/** The tenant's id (GUID) and its verified domain. */
export const TENANT_ID = '6a2f1f0e-5f4b-4c1e-9d3a-2b7c8e9f0a11';
export const TENANT_DOMAIN = 'contoso.onmicrosoft.com';

const SUBSCRIPTION = '/subscriptions/3c1d2e4f-0000-4000-8000-00000000e1e1/resourcegroups/xsoar';

/** Builds an app registration; every app of the tenant (seeded or registered later) comes from here. */
export function appRegistration(
  clientId: string,
  displayName: string,
  roles: readonly string[],
  extra: Partial<AppRegistration>,
): AppRegistration {
  return {
    clientId,
    displayName,
    certificates: [],
    roles,
    delegatedScopes: ['Calendars.ReadWrite', 'User.Read', 'offline_access'],
    redirectUris: ['https://localhost/myapp'],
    ...extra,
  };
}

const READ_ROLES: readonly string[] = ['Calendars.Read', 'User.Read.All'];
/** The ARM path of the user-assigned identities (a registered identity's `resourceId` starts with it). */
export const IDENTITIES = `${SUBSCRIPTION}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`;

/** The managed identities of the emulated VM: one system-assigned, two user-assigned (full, read-only). */
const SYSTEM_IDENTITY: ManagedIdentity = {
  kind: 'system',
  clientId: 'f5c6a7b8-5555-4e9f-8a3b-4c5d6e7f8091',
  objectId: '0a1b2c3d-5555-4000-8000-000000000001',
  roles: FULL_ROLES,
};
const USER_IDENTITIES: readonly ManagedIdentity[] = [
  {
    kind: 'user',
    clientId: 'a6d7b8c9-6666-4f0a-9b4c-5d6e7f8091a2',
    objectId: '0a1b2c3d-6666-4000-8000-000000000002',
    resourceId: `${IDENTITIES}/xsoar-calendar`,
    roles: FULL_ROLES,
  },
  {
    kind: 'user',
    clientId: 'b7e8c9d0-7777-4a1b-8c5d-6e7f8091a2b3',
    objectId: '0a1b2c3d-7777-4000-8000-000000000003',
    resourceId: `${IDENTITIES}/xsoar-readonly`,
    roles: READ_ROLES,
  },
];

/** A fresh client secret value, shaped like Entra's (`xxx8Q~...`). */
export function clientSecret(): { secret: string } {
  return { secret: opaqueToken('Emu8Q~', 30) };
}

function oproxyRegistration(): OproxyRegistration {
  return {
    registrationId: '9e8d7c6b-8888-4a5b-9c0d-1e2f3a4b5c6d',
    appName: 'ms-graph-calendar',
    token: opaqueToken('oproxy-consent-', 24),
    key: randomBase64(32),
    roles: FULL_ROLES,
  };
}

/** Builds the tenant's registrations with fresh secrets. */
export function createCredentials(certificate: RegisteredCertificate): TenantRegistry {
  const app = appRegistration;
  const clientSecretApp = app(
    'b1e2c3d4-1111-4a5b-8c9d-0e1f2a3b4c5d',
    'XSOAR Calendar (secret)',
    FULL_ROLES,
    clientSecret(),
  );
  const certificateApp = app(
    'c2f3d4e5-2222-4b6c-9d0e-1f2a3b4c5d6e',
    'XSOAR Calendar (certificate)',
    FULL_ROLES,
    {
      certificates: [certificate],
    },
  );
  const readOnlyApp = app(
    'd3a4e5f6-3333-4c7d-8e1f-2a3b4c5d6e7f',
    'XSOAR Calendar (read-only)',
    READ_ROLES,
    clientSecret(),
  );
  const noCalendarsApp = app(
    'e4b5f6a7-4444-4d8e-9f2a-3b4c5d6e7f80',
    'XSOAR Calendar (no calendars)',
    ['User.Read.All'],
    clientSecret(),
  );
  const all = [clientSecretApp, certificateApp, readOnlyApp, noCalendarsApp];
  return {
    tenantId: TENANT_ID,
    tenantDomain: TENANT_DOMAIN,
    apps: new Map(all.map((a) => [a.clientId, a])),
    clientSecretApp,
    certificateApp,
    readOnlyApp,
    noCalendarsApp,
    systemIdentity: SYSTEM_IDENTITY,
    userIdentities: [...USER_IDENTITIES],
    oproxy: oproxyRegistration(),
  };
}

/** The client ids of the registrations that exist from the start (apps, identities, oproxy). */
export function seededClientIds(c: Credentials): Set<string> {
  const apps = [c.clientSecretApp, c.certificateApp, c.readOnlyApp, c.noCalendarsApp];
  const identities = [SYSTEM_IDENTITY, ...USER_IDENTITIES];
  return new Set([...apps, ...identities].map((r) => r.clientId).concat(c.oproxy.registrationId));
}
