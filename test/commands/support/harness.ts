/**
 * Runs one command through the real dispatcher (`runCommand`) with a fake client factory: the
 * factory hands out a {@link FakeCalendarClient} (or throws the settings error a test chose), and
 * the run records what the dispatcher asked of it.
 */
import type { Entry } from '../../../Packs/Base/Scripts/CommonServer/entries';
import {
  createMemoryRuntime,
  MemoryContextStore,
  MemoryLogger,
} from '../../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import type { XsoarRuntime } from '../../../Packs/Base/Scripts/CommonServer/runtime';
import type { CryptoPort } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/CryptoPort';
import { nodeCrypto } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import type { Settings } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/types';
import { runCommand } from '../../../Integrations/MicrosoftGraphCalendar/commands/dispatch';
import type { ClientFactory } from '../../../Integrations/MicrosoftGraphCalendar/commands/types';
import type { MicrosoftDeps as IntegrationDeps } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/deps';
import { DEFAULT_USER, FakeCalendarClient, fakeSettings } from './fakeGraph';
import { scriptedHttp, type RecordedRequest, type Route } from './scriptedHttp';

export { DEFAULT_USER, fakeSettings };
/** The Default user's encoded path prefix. */
export const USER_PATH = 'users/alice%40contoso.com';

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
    hmacSha256: unused,
    sign: unused,
    randomUUID: () => uuids.shift() ?? unused(),
  };
}

/** Options of {@link run}. */
export interface RunOptions {
  readonly args?: Record<string, unknown>;
  readonly params?: Record<string, unknown>;
  /** What the fake factory does: give the client these settings, or throw this error. */
  readonly settings?: Settings | Error;
  readonly incidentContext?: (path: string) => unknown;
  readonly uuids?: string[];
  readonly client?: FakeCalendarClient;
  /** The integration context (default: one holding a cached access token). */
  readonly context?: MemoryContextStore;
}

/** One call of the client factory. */
export interface FactoryCall {
  readonly runtime: XsoarRuntime;
  readonly deps: IntegrationDeps;
}

/** What a run produced and what it asked for. */
export interface RunResult {
  readonly entries: Entry[];
  readonly entry: Entry;
  readonly client: FakeCalendarClient;
  readonly log: MemoryLogger;
  readonly runtime: XsoarRuntime;
  readonly deps: IntegrationDeps;
  readonly context: MemoryContextStore;
  /** Every call of the factory (which, in the product, parses the settings). */
  readonly factoryCalls: FactoryCall[];
}

/** Runs `command` through `runCommand` with a fake client factory. */
export async function run(command: string, options: RunOptions = {}): Promise<RunResult> {
  const client = options.client ?? new FakeCalendarClient();
  const log = new MemoryLogger();
  const context = options.context ?? new MemoryContextStore({ access_token: 'cached' });
  const base = createMemoryRuntime({
    command,
    args: options.args ?? {},
    params: options.params ?? { default_user: DEFAULT_USER },
    context,
    log,
  });
  const runtime: XsoarRuntime = options.incidentContext
    ? { ...base, incidentContext: options.incidentContext }
    : base;
  const factoryCalls: FactoryCall[] = [];
  const factory: ClientFactory = (factoryRuntime, factoryDeps) => {
    factoryCalls.push({ runtime: factoryRuntime, deps: factoryDeps });
    const settings = options.settings ?? fakeSettings(DEFAULT_USER);
    if (settings instanceof Error) throw settings;
    client.settings = settings;
    return client;
  };
  const deps: IntegrationDeps = {
    httpFactory: () => {
      throw new Error('no HTTP in command tests');
    },
    crypto: unusedCrypto([...(options.uuids ?? ['11111111-2222-4333-8444-555555555555'])]),
    env: {},
  };
  const entries = await runCommand(runtime, deps, factory);
  return { entries, entry: entries[0], client, log, runtime, deps, context, factoryCalls };
}

/** A self-deployed client-secret instance whose Default user is {@link DEFAULT_USER}. */
export const CLIENT_SECRET_PARAMS: Readonly<Record<string, unknown>> = {
  url: 'https://graph.microsoft.com',
  self_deployed: true,
  credentials_auth_id: { identifier: '', password: '00000000-0000-0000-0000-0000000000aa' },
  credentials_tenant_id: { identifier: '', password: 'contoso.onmicrosoft.com' },
  credentials_enc_key: { identifier: '', password: 'client-secret-value-1234' },
  default_user: DEFAULT_USER,
};

/** The token endpoint of {@link CLIENT_SECRET_PARAMS}, answering with an opaque token. */
export const TOKEN_ROUTE: Route = {
  prefix: 'POST https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
  status: 200,
  data: { token_type: 'Bearer', access_token: 'opaque-access-token', expires_in: 3600 },
};

/**
 * Runs `command` through `runCommand` with the product's own client factory (a real
 * MicrosoftClient) over scripted HTTP: for what the client itself decides (link checks).
 */
export async function runWithRealClient(
  command: string,
  args: Record<string, unknown>,
  routes: readonly Route[],
): Promise<{ entry: Entry; requests: RecordedRequest[] }> {
  const http = scriptedHttp(routes);
  const runtime = createMemoryRuntime({ command, args, params: { ...CLIENT_SECRET_PARAMS } });
  const entries = await runCommand(runtime, { httpFactory: http.factory, crypto: nodeCrypto, env: {} });
  expect(entries).toHaveLength(1);
  return { entry: entries[0], requests: http.requests };
}
