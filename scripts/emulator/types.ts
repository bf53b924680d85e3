/** Public types of the emulator API (see `index.ts`). */
import type { Credentials } from './credentials';
import type { FaultSpec, PendingFault } from './faults';
import type { AuthorizationCodeRequest } from './identity/delegated';
import type { EmulatorInstances, RestrictedInstances } from './instances';
import type {
  AppOptions,
  ManagedIdentityOptions,
  OproxyOptions,
  RegisteredApp,
  RegisteredManagedIdentity,
} from './registry';
import type { LoggedRequest, RequestFilter, TokenRequestCounts } from './requestLog';
import type { AddedUser, MailboxAccessPolicy } from './state';

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 or omitted = any free port. */
  readonly port?: number;
  /** Events generated in bulk@contoso.com's calendar (benchmarks); default 0. */
  readonly largeCalendarEvents?: number;
  /** The emulator's clock in epoch milliseconds (token lifetimes, oproxy timestamps); default Date.now. */
  readonly now?: () => number;
  /** Requests kept in the log (oldest dropped first); default 5000. */
  readonly requestLogLimit?: number;
}

/** What a started emulator tells its user (also the CLI's JSON line and GET /_emulator/info). */
export interface EmulatorInfo {
  /** e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Instance params for the five modes, exactly as XSOAR stores them. */
  readonly instances: EmulatorInstances;
  /** Instances whose app lacks calendar write (`readOnly`) or any calendar permission (`noCalendars`). */
  readonly restrictedInstances: RestrictedInstances;
  /** Environment the integration needs on top (managed identity → the emulator's IMDS). */
  readonly env: { readonly AZURE_POD_IDENTITY_AUTHORITY_HOST: string };
  /** The demo users' userPrincipalNames. */
  readonly users: readonly string[];
  readonly tenantId: string;
}

/** A running emulator: its info plus fault injection, the request log and lifecycle. */
export interface RunningEmulator extends EmulatorInfo {
  /** The registered apps, identities and oproxy registration (holds secrets: tests only). */
  readonly credentials: Credentials;
  /** Queues a fault; returns its id. Throws EmulatorInputError on a bad spec. */
  addFault(spec: FaultSpec): string;
  /** Faults still pending. */
  faults(): PendingFault[];
  /** Removes one fault by id, or all. */
  clearFaults(id?: string): void;
  /** The request log (secrets redacted), oldest first. Control requests are not logged. */
  requests(filter?: RequestFilter): LoggedRequest[];
  /** Empties the request log and token counters. */
  clearRequests(): void;
  /** Token requests received per endpoint kind since the last clear. */
  tokenRequestCounts(): TokenRequestCounts;
  /**
   * Restores the seed data and clears faults, the log and counters. Registrations, issued access
   * tokens and refresh tokens stay valid, so configured instances keep working. The seeded apps,
   * identities and the oproxy get their seeded behaviour back (no access policy, JWT tokens);
   * apps, identities and users added at run time stay with their policies (mailboxes emptied).
   */
  reset(): void;
  /** Registers an app with the given application permissions; throws EmulatorInputError on bad options. */
  registerApp(options?: AppOptions): RegisteredApp;
  /** Attaches a user-assigned managed identity to the emulated VM. */
  registerManagedIdentity(options?: ManagedIdentityOptions): RegisteredManagedIdentity;
  /** Adds a directory user, with a mailbox (empty calendar) or without one (404 on calendar calls). */
  addUser(user: AddedUser): { readonly id: string; readonly userPrincipalName: string };
  /** Sets the Exchange application access policy of an app or identity (by client id); `undefined` removes it. */
  setMailboxAccessPolicy(appId: string, policy: MailboxAccessPolicy | undefined): void;
  /** Changes the oproxy's access tokens: format (`opaque` = not a JWT), roles, forced claims. */
  configureOproxy(options: OproxyOptions): void;
  /** Expires every user-flow refresh token (next use → AADSTS700082); returns how many. */
  expireRefreshTokens(): number;
  /** Mints an authorization code as the authorize endpoint would after sign-in. */
  issueAuthorizationCode(request?: AuthorizationCodeRequest): string;
  /** Stops listening and destroys every connection (keep-alive ones too). */
  close(): Promise<void>;
}
