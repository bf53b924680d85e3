/**
 * Shared test fixtures: settings for each mode, a memory runtime with a manual clock, and deps
 * over a scripted HTTP layer.
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
import type { MicrosoftDeps } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/deps';
import type {
  CertificateSettings,
  ClientSecretSettings,
  ManagedIdentitySettings,
  OproxySettings,
} from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/types';
import { ScriptedHttp } from './scriptedHttp';

/** 2026-01-01T00:00:00Z in epoch seconds (ManualClock's default start). */
export const T0 = Date.UTC(2026, 0, 1) / 1000;

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
  tokenUrl: 'https://oproxy.test/obtain-token',
  token: 'oproxy-token-SECRET-1234',
  encryptionKey: OPROXY_KEY,
};

export const clientSecretSettings: ClientSecretSettings = {
  ...common,
  mode: 'clientSecret',
  clientId: '11111111-2222-3333-4444-555555555555',
  tenantId: 'dummy_tenant',
  clientSecret: 'client-secret-SECRET-5678',
};

export const managedIdentitySettings: ManagedIdentitySettings = { ...common, mode: 'managedIdentity' };

/** A certificate settings object around a given key. */
export function certificateSettings(privateKeyPem: string, thumbprint: string): CertificateSettings {
  return {
    ...common,
    mode: 'certificate',
    clientId: '11111111-2222-3333-4444-555555555555',
    tenantId: 'dummy_tenant',
    thumbprint,
    privateKeyPem,
  };
}

/** Everything a unit test needs around a flow or the cache. */
export interface Harness {
  readonly http: ScriptedHttp;
  readonly clock: ManualClock;
  readonly store: MemoryContextStore;
  readonly log: MemoryLogger;
  readonly runtime: ModuleRuntime;
  readonly deps: MicrosoftDeps;
  readonly ctx: FlowContext;
}

/** Builds a harness; the clock starts at {@link T0}. */
export function harness(
  options: { context?: Record<string, unknown>; env?: Record<string, string>; serverInfo?: ServerInfo } = {},
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
  };
  const deps: MicrosoftDeps = { httpFactory: http.factory, crypto: nodeCrypto, env: options.env ?? {} };
  return {
    http,
    clock,
    store,
    log,
    runtime,
    deps,
    ctx: { runtime, deps, appName: 'ms-graph-calendar', commandPrefix: 'msgraph-calendar' },
  };
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
