/**
 * The Microsoft endpoints emulator, programmatic API. One port serves the identity platform
 * (`/{tenant}/oauth2/v2.0/token`), IMDS (`/metadata/identity/oauth2/token`), the Cortex XSOAR
 * oproxy (`/obtain-token`), Microsoft Graph (`/v1.0/...`) and the control endpoints
 * (`/_emulator/...`).
 *
 * ```ts
 * const emu = await startEmulator();
 * runtime.params = emu.instances.clientSecret;     // any of the five modes
 * emu.addFault({ method: 'GET', path: '/v1.0/users/*\/events', status: 429, retryAfter: 1 });
 * const app = emu.registerApp({ roles: ['Calendars.Read'] }); // app.instances.clientSecret: 403 on writes
 * expect(emu.requests({ kind: 'graph' })).toHaveLength(1);
 * await emu.close();
 * ```
 */
import { emulatorCertificate } from './certificate';
import { createCredentials, type TenantRegistry } from './credentials';
import { EmulatorInputError } from './errors';
import { FaultQueue } from './faults';
import { expireRefreshTokens, issueAuthorizationCode } from './identity/delegated';
import { buildInstances, buildRestrictedInstances } from './instances';
import {
  configureOproxy,
  registerApp,
  registerManagedIdentity,
  defaultOproxySettings,
  restoreAfterReset,
  setMailboxAccessPolicy,
} from './registry';
import { RequestLog } from './requestLog';
import { addUser } from './users';
import { SEED_USERS, seedGraph } from './seed';
import { EmulatorServer } from './server';
import type { EmulatorState } from './state';
import { TokenIssuer } from './tokens';
import type { EmulatorInfo, EmulatorOptions, RunningEmulator } from './types';
import type { EmulatorControl } from './control';

export type { EmulatorInfo, EmulatorOptions, RunningEmulator } from './types';
export type { FaultSpec, PendingFault } from './faults';
export type { LoggedRequest, RequestFilter, TokenRequestCounts } from './requestLog';
export type { EmulatorInstances, InstanceParams, RestrictedInstances } from './instances';
export type { AuthorizationCodeRequest } from './identity/delegated';
export type { Credentials, ImdsFailure, TokenClaimOverrides } from './credentials';
export type {
  AppOptions,
  ManagedIdentityOptions,
  OproxyOptions,
  RegisteredApp,
  RegisteredManagedIdentity,
} from './registry';
export type { AddedUser, MailboxAccessPolicy, MailboxKind } from './state';
export type { TokenFormat } from './tokens';
export { EmulatorInputError } from './errors';
export { encryptOproxyToken } from './crypto';
export { REDACTED } from './requestLog';

function checkOptions(options: EmulatorOptions): void {
  const { port, largeCalendarEvents, requestLogLimit } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new EmulatorInputError(
      'port',
      `"port" must be an integer between 0 and 65535 (got ${String(port)}).`,
    );
  }
  if (
    largeCalendarEvents !== undefined &&
    !(Number.isInteger(largeCalendarEvents) && largeCalendarEvents >= 0 && largeCalendarEvents <= 200_000)
  ) {
    throw new EmulatorInputError(
      'largeCalendarEvents',
      '"largeCalendarEvents" must be an integer between 0 and 200000.',
    );
  }
  if (requestLogLimit !== undefined && !(Number.isInteger(requestLogLimit) && requestLogLimit > 0)) {
    throw new EmulatorInputError('requestLogLimit', '"requestLogLimit" must be a positive integer.');
  }
}

function createState(options: EmulatorOptions, credentials: TenantRegistry): EmulatorState {
  const large = options.largeCalendarEvents ?? 0;
  return {
    credentials,
    issuer: new TokenIssuer(credentials.tenantId),
    now: options.now ?? Date.now,
    url: '',
    appTokenLifetimeSeconds: 3599,
    imdsTokenLifetimeSeconds: 86_399,
    usedAssertionIds: new Map(),
    oproxyRefreshTokens: new Map(),
    authorizationCodes: new Map(),
    refreshTokens: new Map(),
    graph: seedGraph(large),
    faults: new FaultQueue(),
    log: new RequestLog(options.requestLogLimit ?? 5000),
    largeCalendarEvents: large,
    mailboxPolicies: new Map(),
    addedUsers: [],
    oproxySettings: defaultOproxySettings({ credentials }),
  };
}

function createControl(state: EmulatorState, info: () => EmulatorInfo): EmulatorControl {
  return {
    info,
    addFault: (spec) => state.faults.add(spec),
    faults: () => state.faults.list(),
    clearFaults: (id) => state.faults.clear(id),
    requests: (filter) => state.log.list(filter),
    clearRequests: () => state.log.clear(),
    tokenRequestCounts: () => state.log.tokenRequestCounts(),
    reset: () => {
      state.graph = seedGraph(state.largeCalendarEvents, state.graph);
      restoreAfterReset(state);
      state.faults.clear();
      state.log.clear();
    },
    registerApp: (options) => registerApp(state, options),
    registerManagedIdentity: (options) => registerManagedIdentity(state, options),
    addUser: (user) => addUser(state, user),
    setMailboxAccessPolicy: (appId, policy) => setMailboxAccessPolicy(state, appId, policy),
    configureOproxy: (options) => configureOproxy(state, options),
    expireRefreshTokens: () => expireRefreshTokens(state),
    issueAuthorizationCode: (request = {}) => issueAuthorizationCode(state, request),
  };
}

/** Starts an emulator on 127.0.0.1. Throws EmulatorInputError on bad options. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  checkOptions(options);
  const credentials = createCredentials(await emulatorCertificate());
  const state = createState(options, credentials);
  const holder: { info?: EmulatorInfo } = {};
  const control = createControl(state, () => holder.info as EmulatorInfo);
  const server = new EmulatorServer(state, control);
  const port = await server.listen(options.port ?? 0);
  state.url = `http://127.0.0.1:${port}`;
  const info: EmulatorInfo = {
    url: state.url,
    instances: buildInstances(state.url, credentials),
    restrictedInstances: buildRestrictedInstances(state.url, credentials),
    env: { AZURE_POD_IDENTITY_AUTHORITY_HOST: state.url },
    users: [...SEED_USERS],
    tenantId: credentials.tenantId,
  };
  holder.info = info;
  const { info: _info, ...api } = control;
  return { ...info, ...api, credentials, close: () => server.close() };
}
