/**
 * Shared test fixtures: settings for each mode (for the flows) and the same instances as raw
 * params (for MicrosoftClient), a memory runtime with a manual clock, and deps over a scripted
 * HTTP layer.
 */
import {
  ManualClock,
  MemoryContextStore,
  MemoryLogger,
} from '../../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import type { ServerInfo } from '../../../Packs/Base/Scripts/CommonServer/runtime';
import type {
  FlowContext,
  ModuleRuntime,
} from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/flowContext';
import { nodeCrypto } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import type { MicrosoftDeps } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/deps';
import { RetryBudget } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/retry';
import {
  MicrosoftClient,
  type MicrosoftClientOptions,
} from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/MicrosoftClient';
import type {
  CertificateSettings,
  ClientSecretSettings,
  ManagedIdentitySettings,
  OproxySettings,
} from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/types';
import { APP_NAME, COMMAND_PREFIX, SETTINGS } from '../../../Integrations/MicrosoftGraphCalendar/definition';
import { ScriptedHttp } from './scriptedHttp';

/** 2026-01-01T00:00:00Z in epoch seconds (ManualClock's default start). */
export const T0 = Date.UTC(2026, 0, 1) / 1000;

/** The tenant of the self-deployed fixtures, and its v2 token endpoint. */
export const TENANT = 'contoso.onmicrosoft.com';
export const APP_URL = `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`;
/** The oproxy token URL of the oproxy fixtures. */
export const OPROXY_URL = 'https://oproxy.test/obtain-token';

const common = {
  graphUrl: 'https://graph.microsoft.com',
  graphResource: 'https://graph.microsoft.com',
  loginUrl: 'https://login.microsoftonline.com',
  cloud: 'Worldwide' as const,
  insecure: false,
  proxy: false,
};

/** A 32-byte AES key, base64. Secret. */
export const OPROXY_KEY = Buffer.alloc(32, 7).toString('base64');

export const oproxySettings: OproxySettings = {
  ...common,
  mode: 'oproxy',
  registrationId: 'dummy_auth_id',
  tokenUrl: OPROXY_URL,
  token: 'oproxy-token-SECRET-1234',
  encryptionKey: OPROXY_KEY,
};

export const clientSecretSettings: ClientSecretSettings = {
  ...common,
  mode: 'clientSecret',
  clientId: '11111111-2222-3333-4444-555555555555',
  tenantId: TENANT,
  clientSecret: 'client-secret-SECRET-5678',
};

export const managedIdentitySettings: ManagedIdentitySettings = { ...common, mode: 'managedIdentity' };

/** A certificate settings object around a given key. */
export function certificateSettings(privateKeyPem: string, thumbprint: string): CertificateSettings {
  return {
    ...common,
    mode: 'certificate',
    clientId: '11111111-2222-3333-4444-555555555555',
    tenantId: TENANT,
    thumbprint,
    privateKeyPem,
  };
}

/** A type-9 credentials value as XSOAR stores it. */
export const credential = (password: string) => ({ identifier: '', password });

/** Raw instance params, as XSOAR delivers them (Worldwide cloud, the parameter's default). */
export type Params = Record<string, unknown>;

/** The instance of {@link oproxySettings} (`ID` = `registration@token URL`). */
export const oproxyParams: Params = {
  url: 'https://graph.microsoft.com',
  credentials_auth_id: credential(`${oproxySettings.registrationId}@${OPROXY_URL}`),
  credentials_tenant_id: credential(oproxySettings.token),
  credentials_enc_key: credential(OPROXY_KEY),
};

/** The instance of {@link clientSecretSettings}. */
export const clientSecretParams: Params = {
  url: 'https://graph.microsoft.com',
  self_deployed: true,
  credentials_auth_id: credential(clientSecretSettings.clientId),
  credentials_tenant_id: credential(TENANT),
  credentials_enc_key: credential(clientSecretSettings.clientSecret),
};

/** The instance of {@link certificateSettings}. */
export function certificateParams(privateKeyPem: string, thumbprint: string): Params {
  return {
    url: 'https://graph.microsoft.com',
    self_deployed: true,
    credentials_auth_id: credential(clientSecretSettings.clientId),
    credentials_tenant_id: credential(TENANT),
    credentials_certificate_thumbprint: credential(thumbprint),
    private_key: privateKeyPem,
  };
}

/** The instance of {@link managedIdentitySettings} (system-assigned). */
export const managedIdentityParams: Params = {
  url: 'https://graph.microsoft.com',
  use_managed_identities: true,
};

/** Everything a unit test needs around a flow or the cache. */
export interface Harness {
  readonly http: ScriptedHttp;
  readonly clock: ManualClock;
  readonly store: MemoryContextStore;
  readonly log: MemoryLogger;
  readonly runtime: ModuleRuntime;
  readonly deps: MicrosoftDeps;
  /** A flow context with a fresh 60 s retry budget (one command's). */
  readonly ctx: FlowContext;
}

/** Builds a harness; the clock starts at {@link T0}. */
export function harness(
  options: {
    context?: Record<string, unknown>;
    env?: Record<string, string>;
    serverInfo?: ServerInfo;
    run?: ModuleRuntime['run'];
  } = {},
): Harness {
  const http = new ScriptedHttp();
  const clock = new ManualClock(T0 * 1000);
  const store = new MemoryContextStore(options.context ?? {});
  const log = new MemoryLogger();
  const runtime: ModuleRuntime = {
    context: store,
    log,
    clock,
    serverInfo: options.serverInfo ?? { brand: 'Microsoft Graph Calendar', instanceName: 'test' },
    ...(options.run ? { run: options.run } : {}),
  };
  const deps: MicrosoftDeps = { httpFactory: http.factory, crypto: nodeCrypto, env: options.env ?? {} };
  return {
    http,
    clock,
    store,
    log,
    runtime,
    deps,
    ctx: { runtime, deps, appName: APP_NAME, commandPrefix: COMMAND_PREFIX, budget: new RetryBudget(60_000) },
  };
}

/** A MicrosoftClient (one command) for `params` over the harness, as the integration builds it. */
export function clientFor(
  h: Harness,
  params: Params,
  extra: Partial<MicrosoftClientOptions> = {},
): MicrosoftClient {
  return new MicrosoftClient(params, {
    definition: SETTINGS,
    runtime: h.runtime,
    deps: h.deps,
    appName: APP_NAME,
    commandPrefix: COMMAND_PREFIX,
    ...extra,
  });
}

/** Captures the error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}
