/**
 * Runs one command through the real dispatcher with a fake Graph transport and fake module
 * services, recording what the dispatcher asked of them.
 */
import type { Entry } from '../../../Packs/Base/Scripts/CommonServer/entries';
import {
  createMemoryRuntime,
  MemoryContextStore,
  MemoryLogger,
} from '../../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import type { XsoarRuntime } from '../../../Packs/Base/Scripts/CommonServer/runtime';
import type { CryptoPort } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/CryptoPort';
import type { Settings } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/types';
import { runCommand } from '../../../Integrations/MicrosoftGraphCalendar/commands/dispatch';
import type {
  GraphApiOptions,
  ModuleServices,
} from '../../../Integrations/MicrosoftGraphCalendar/commands/types';
import type { IntegrationDeps } from '../../../Integrations/MicrosoftGraphCalendar/deps';
import { FakeGraphApi } from './fakeGraph';

/** The default user of the fake instance. */
export const DEFAULT_USER = 'alice@contoso.com';
/** Its encoded path prefix. */
export const USER_PATH = 'users/alice%40contoso.com';

/** Settings the fake parseSettings returns (client-secret mode), with this Default user or none. */
export function fakeSettings(defaultUser?: string): Settings {
  return {
    mode: 'clientSecret',
    clientId: '00000000-0000-0000-0000-000000000001',
    tenantId: 'contoso.onmicrosoft.com',
    clientSecret: 'fake-client-secret-value',
    graphUrl: 'https://graph.microsoft.com',
    graphResource: 'https://graph.microsoft.com',
    loginUrl: 'https://login.microsoftonline.com',
    cloud: 'Worldwide',
    insecure: false,
    proxy: false,
    defaultUser,
  };
}

function unusedCrypto(uuids: string[]): CryptoPort {
  const unused = (): never => {
    throw new Error('crypto not expected in command tests');
  };
  return {
    randomBytes: unused,
    aesGcmEncrypt: unused,
    aesGcmDecrypt: unused,
    sha1: unused,
    sha256: unused,
    sign: unused,
    randomUUID: () => uuids.shift() ?? unused(),
  };
}

/** Options of {@link run}. */
export interface RunOptions {
  readonly args?: Record<string, unknown>;
  readonly params?: Record<string, unknown>;
  /** What the fake parseSettings does: return these settings, or throw this error. */
  readonly settings?: Settings | Error;
  readonly incidentContext?: (path: string) => unknown;
  readonly uuids?: string[];
  readonly graph?: FakeGraphApi;
}

/** What a run produced and what it asked for. */
export interface RunResult {
  readonly entries: Entry[];
  readonly entry: Entry;
  readonly graph: FakeGraphApi;
  readonly log: MemoryLogger;
  readonly runtime: XsoarRuntime;
  readonly calls: { parseSettings: number; createGraphApi: GraphApiOptions[]; resetAuthContext: unknown[] };
}

/** Runs `command` through `runCommand` with fakes. */
export async function run(command: string, options: RunOptions = {}): Promise<RunResult> {
  const graph = options.graph ?? new FakeGraphApi();
  const log = new MemoryLogger();
  const base = createMemoryRuntime({
    command,
    args: options.args ?? {},
    params: options.params ?? { default_user: DEFAULT_USER },
    context: new MemoryContextStore({ access_token: 'cached' }),
    log,
  });
  const runtime: XsoarRuntime = options.incidentContext
    ? { ...base, incidentContext: options.incidentContext }
    : base;
  const calls: RunResult['calls'] = { parseSettings: 0, createGraphApi: [], resetAuthContext: [] };
  const services: ModuleServices = {
    parseSettings: () => {
      calls.parseSettings += 1;
      const settings = options.settings ?? fakeSettings(DEFAULT_USER);
      if (settings instanceof Error) throw settings;
      return settings;
    },
    createGraphApi: (_settings, apiOptions) => {
      calls.createGraphApi.push(apiOptions);
      return graph;
    },
    resetAuthContext: async (store) => {
      calls.resetAuthContext.push(store);
    },
  };
  const deps: IntegrationDeps = {
    httpFactory: () => {
      throw new Error('no HTTP in command tests');
    },
    crypto: unusedCrypto([...(options.uuids ?? ['11111111-2222-4333-8444-555555555555'])]),
    env: {},
  };
  const entries = await runCommand(runtime, deps, services);
  return { entries, entry: entries[0], graph, log, runtime, calls };
}
