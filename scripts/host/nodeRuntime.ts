/**
 * The Node host runtime: builds the XsoarRuntime and IntegrationDeps for one command and runs the
 * integration. Shared by the CLI and `npm start` so both exercise the same host code.
 */
import type { Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import { errorEntry, isErrorEntry } from '../../Packs/Base/Scripts/CommonServer/entries';
import {
  silentLogger,
  systemClock,
  type IntegrationContextStore,
  type Logger,
  type XsoarRuntime,
} from '../../Packs/Base/Scripts/CommonServer/runtime';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { nodeHttpFactory } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/nodeHttp';
import type { IntegrationDeps } from '../../Integrations/MicrosoftGraphCalendar/deps';
import type { IncidentContext } from './incidentContext';
import { nodeRunIdentity } from './processOwner';

/** The integration brand reported in ServerInfo (and the oproxy X-Content-* headers). */
export const BRAND = 'Microsoft Graph Calendar';

/** The integration's entry point, as exported by MicrosoftGraphCalendar.ts. */
export type IntegrationMain = (runtime: XsoarRuntime, deps: IntegrationDeps) => Promise<Entry[]>;

/** A logger writing `[level] message` lines to a sink (stderr for `--debug`). */
export class LineLogger implements Logger {
  constructor(private readonly write: (line: string) => void) {}
  debug(message: string): void {
    this.write(`[debug] ${message}\n`);
  }
  info(message: string): void {
    this.write(`[info] ${message}\n`);
  }
  error(message: string): void {
    this.write(`[error] ${message}\n`);
  }
}

/** Everything one command run needs from its host. */
export interface HostRun {
  readonly command: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly context: IntegrationContextStore;
  /** Instance name for ServerInfo (the CLI uses the params file name). */
  readonly instanceName: string;
  readonly log?: Logger;
  /** Incident context read by commands and updated with their EntryContext. */
  readonly incident?: IncidentContext;
  /** The environment for the module (AZURE_POD_IDENTITY_AUTHORITY_HOST redirects IMDS). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Node dependencies: axios over Node agents, Node crypto, and the given environment. */
export function nodeIntegrationDeps(env: Readonly<Record<string, string | undefined>>): IntegrationDeps {
  return { httpFactory: nodeHttpFactory, crypto: nodeCrypto, env };
}

/** Builds the XsoarRuntime of one run. */
export function createNodeRuntime(run: HostRun): XsoarRuntime {
  const incident = run.incident;
  return {
    params: run.params,
    args: run.args,
    command: run.command,
    context: run.context,
    log: run.log ?? silentLogger,
    clock: systemClock,
    serverInfo: { brand: BRAND, instanceName: run.instanceName },
    run: nodeRunIdentity,
    incidentContext: incident ? (path: string) => incident.get(path) : undefined,
  };
}

/**
 * Runs one command and returns its entries. `main` must not throw; if it does anyway, the host
 * reports one error entry (the stack goes to the debug log only), and merges the EntryContext of
 * successful entries into the incident context, as the server would.
 */
export async function runIntegration(run: HostRun, main: IntegrationMain): Promise<Entry[]> {
  let entries: Entry[];
  try {
    entries = await main(createNodeRuntime(run), nodeIntegrationDeps(run.env));
  } catch (err) {
    run.log?.debug(err instanceof Error ? (err.stack ?? err.message) : String(err));
    const message = err instanceof Error ? err.message.split('\n')[0] : 'unknown error';
    entries = [errorEntry(`The integration failed unexpectedly: ${message}`)];
  }
  for (const entry of entries) if (!isErrorEntry(entry)) run.incident?.merge(entry.EntryContext);
  return entries;
}
