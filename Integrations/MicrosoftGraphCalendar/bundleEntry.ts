/**
 * The entry of the XSOAR server bundle (built by scripts/build/build.ts). The script's wrapper
 * collects the server globals into a {@link ServerGlobals} object and returns `run(globals, build)`:
 * the server takes the script body's return value as the command result, so `run` drives `main`
 * to completion synchronously and returns the entries themselves, never a Promise.
 *
 * This works because, inside the bundle, `Promise` is the synchronous SyncPromise and async
 * functions are lowered to generators (see scripts/build/prelude), while the server's `http()` is
 * synchronous: by the time `main(...)` returns, its promise is settled.
 */
import { pureCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/pureCrypto';
import { createServerHttpFactory } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/serverHttp';
import type { ServerHttpFunction } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/serverHttp';
import { EntryType, errorEntry } from '../../Packs/Base/Scripts/CommonServer/entries';
import type { Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import { createServerRuntime } from '../../Packs/Base/Scripts/CommonServer/serverRuntime';
import type { ServerGlobals } from '../../Packs/Base/Scripts/CommonServer/serverRuntime';
import type { IntegrationDeps } from './deps';
import { main } from './MicrosoftGraphCalendar';

/** Facts known at build time, written into the script by the build. */
export interface BuildInfo {
  /** The pack's currentVersion (X-Content-Version of the oproxy call). */
  readonly contentVersion?: string;
  readonly branch?: string;
}

/** What the script returns to the server: entries, one entry, or `ok` for test-module. */
export type ServerResult = string | Entry | Entry[];

const BRAND = 'Microsoft Graph Calendar';

const missingHttp: ServerHttpFunction = () => {
  throw new Error('the XSOAR server offers no http() function to this script');
};

/** Builds the runtime and the dependencies from the server globals and starts `main`. */
export function start(globals: ServerGlobals, build: BuildInfo = {}): Promise<Entry[]> {
  const runtime = createServerRuntime(globals, { brand: BRAND, ...build });
  const deps: IntegrationDeps = {
    httpFactory: createServerHttpFactory((globals.http as ServerHttpFunction | undefined) ?? missingHttp),
    crypto: pureCrypto,
    // The server engine has no process environment (AZURE_POD_IDENTITY_AUTHORITY_HOST is unset).
    env: {},
  };
  return main(runtime, deps);
}

/**
 * Shapes entries for the server: `ok` for a successful test-module (the documented result the
 * Test button checks), a single entry alone, several as an array.
 */
export function toServerResult(command: string | undefined, entries: Entry[]): ServerResult {
  if (entries.length !== 1) return entries;
  const [entry] = entries;
  if (command === 'test-module' && entry.Type === EntryType.note && entry.Contents === 'ok') return 'ok';
  return entry;
}

function failure(error: unknown): Entry {
  const message = error instanceof Error ? error.message : String(error);
  return errorEntry(`The command failed unexpectedly: ${message}`);
}

/** Runs the command synchronously (inside the bundle) and returns its result. */
export function run(globals: ServerGlobals, build: BuildInfo = {}): ServerResult {
  let outcome: { entries: Entry[] } | { error: unknown } | undefined;
  try {
    start(globals, build).then(
      (entries) => (outcome = { entries }),
      (error: unknown) => (outcome = { error }),
    );
  } catch (error) {
    outcome = { error };
  }
  if (!outcome) {
    return errorEntry(
      'The command did not finish: it waited for something asynchronous, which the XSOAR server cannot run.',
    );
  }
  return 'entries' in outcome ? toServerResult(globals.command, outcome.entries) : failure(outcome.error);
}
