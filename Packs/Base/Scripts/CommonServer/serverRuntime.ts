/**
 * The XsoarRuntime over the XSOAR server's JavaScript globals. The globals are read once, at the
 * bundle's boundary (the script's wrapper passes them in as a {@link ServerGlobals} object), never
 * from the global scope deep in the code.
 */
import { ContextError } from './errors';
import type {
  Clock,
  IntegrationContextStore,
  Logger,
  ServerInfo,
  VersionedContext,
  XsoarRuntime,
} from './runtime';

/** What the server's `demistoVersion()` returns. */
export interface DemistoVersion {
  version?: string;
  buildNumber?: string;
}

/**
 * The server globals the integration uses, as the bundle's wrapper collects them (`undefined`
 * when the server lacks one). Function shapes follow CommonServer.js; from 6.2 on
 * `getIntegrationContext(sync)` returns `{context, version}` and `setIntegrationContext(obj,
 * version, sync)` refuses a stale version (a result with `Error`, or a throw).
 */
export interface ServerGlobals {
  params?: Record<string, unknown>;
  args?: Record<string, unknown>;
  command?: string;
  http?: (url: string, request: unknown, insecure: boolean, proxy: boolean) => unknown;
  getIntegrationContext?: (sync?: boolean) => unknown;
  setIntegrationContext?: (context: Record<string, unknown>, version?: unknown, sync?: boolean) => unknown;
  logDebug?: (message: string) => void;
  logInfo?: (message: string) => void;
  logError?: (message: string) => void;
  console?: { log?: (message: string) => void };
  demistoVersion?: () => DemistoVersion;
  invContext?: Record<string, unknown>;
  dq?: (obj: unknown, path: string) => unknown;
  callingContext?: { context?: { IntegrationBrand?: string; IntegrationInstance?: string } };
  getLicenseID?: () => string;
}

/** Options for {@link createServerRuntime}. */
export interface ServerRuntimeOptions {
  /** The integration brand, used when the server does not tell it. */
  readonly brand?: string;
  /** The content (pack) version and branch, known at build time. */
  readonly contentVersion?: string;
  readonly branch?: string;
  /** Upper bound of one `clock.sleep` busy-wait, in ms (default 60 s). */
  readonly maxSleepMs?: number;
}

const DEFAULT_MAX_SLEEP_MS = 60_000;

/**
 * The server clock. The engine has no timers, so `sleep` busy-waits on `Date.now()`: it blocks the
 * script (which is synchronous anyway) and burns CPU, so every wait is capped at `maxSleepMs`. Retry
 * waits are short and bounded by the callers; the cap only guards against a huge Retry-After.
 */
export function busyWaitClock(maxSleepMs = DEFAULT_MAX_SLEEP_MS, now: () => number = Date.now): Clock {
  return {
    now,
    spins: true,
    sleep(ms: number): Promise<void> {
      const wait = Math.min(Math.max(0, Number(ms) || 0), maxSleepMs);
      const until = now() + wait;
      while (now() < until) {
        // Busy-wait: see the function comment.
      }
      return Promise.resolve();
    },
  };
}

/** A Logger over `logDebug` / `logInfo` / `logError`, falling back to `console.log`. */
export function serverLogger(globals: ServerGlobals): Logger {
  const consoleLog = (line: string): void => globals.console?.log?.(line);
  const debug = globals.logDebug ?? ((m: string) => consoleLog(`[debug] ${m}`));
  const info = globals.logInfo ?? ((m: string) => consoleLog(`[info] ${m}`));
  const error =
    globals.logError ??
    ((m: string) => (globals.logInfo ? globals.logInfo(`[error] ${m}`) : consoleLog(`[error] ${m}`)));
  return { debug: (m) => debug(m), info: (m) => info(m), error: (m) => error(m) };
}

/** The server's version as `version-buildNumber` (like CommonServerPython), or undefined. */
export function serverVersionString(globals: ServerGlobals): string | undefined {
  const v = safeDemistoVersion(globals);
  if (!v?.version) return undefined;
  return v.buildNumber ? `${v.version}-${v.buildNumber}` : v.version;
}

function safeDemistoVersion(globals: ServerGlobals): { version?: string; buildNumber?: string } | undefined {
  try {
    return globals.demistoVersion?.();
  } catch {
    return undefined;
  }
}

function serverInfo(globals: ServerGlobals, options: ServerRuntimeOptions): ServerInfo {
  const calling = globals.callingContext?.context;
  let licenseId: string | undefined;
  try {
    licenseId = globals.getLicenseID?.();
  } catch {
    licenseId = undefined;
  }
  return {
    brand: calling?.IntegrationBrand || options.brand,
    instanceName: calling?.IntegrationInstance,
    contentVersion: options.contentVersion,
    serverVersion: serverVersionString(globals),
    licenseId,
    branch: options.branch,
  };
}

function incidentLookup(globals: ServerGlobals): XsoarRuntime['incidentContext'] {
  const { invContext, dq } = globals;
  if (invContext === undefined || invContext === null) return undefined;
  return (path: string) => (typeof dq === 'function' ? dq(invContext, path) : invContext[path]);
}

/** True when the dotted version `actual` is at least `minimum` (numeric comparison per part). */
export function isVersionAtLeast(actual: string | undefined, minimum: string): boolean {
  if (!actual) return false;
  const a = actual.split('.').map((p) => parseInt(p, 10) || 0);
  const b = minimum.split('.').map((p) => parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

// The server's version is a number in CommonServerPython and `{version: n}` in the PowerShell
// module's view of it; accept both and hand the raw value back on write.
function numericVersion(raw: unknown): number | undefined {
  const n = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : raw;
  const value = typeof n === 'string' ? Number(n) : n;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const isConflict = (text: unknown): boolean => /version/i.test(String(text));

/** The versioned store (server 6.2+): optimistic writes checked by the server itself. */
function versionedStore(
  globals: Required<Pick<ServerGlobals, 'getIntegrationContext' | 'setIntegrationContext'>>,
): IntegrationContextStore {
  const rawVersions = new Map<number, unknown>();
  const read = async (): Promise<VersionedContext> => {
    const raw = asRecord(globals.getIntegrationContext(true));
    // A server that answers with the bare context (no `context` key) is read as version 0.
    if (!('context' in raw)) return { data: raw, version: 0 };
    const version = numericVersion(raw.version) ?? 0;
    rawVersions.set(version, raw.version);
    return { data: asRecord(raw.context), version };
  };
  const write = async (
    data: Record<string, unknown>,
    expected: number,
  ): Promise<VersionedContext | undefined> => {
    // A non-integer version marks a snapshot overtaken right after our own write (see below).
    if (!Number.isInteger(expected)) return undefined;
    let result: unknown;
    try {
      result = globals.setIntegrationContext(
        data,
        rawVersions.has(expected) ? rawVersions.get(expected) : expected,
        true,
      );
    } catch (error) {
      if (isConflict((error as { message?: unknown })?.message ?? error)) return undefined;
      throw new ContextError('Could not save the integration context.', { cause: error });
    }
    const failure = asRecord(result).Error;
    if (failure) {
      if (isConflict(failure)) return undefined;
      throw new ContextError(`Could not save the integration context: ${String(failure)}`);
    }
    // The server does not return the new version: read it back. If another run wrote in between,
    // our snapshot is already stale, so give it a version no later write can match.
    const after = await read();
    return JSON.stringify(after.data) === JSON.stringify(data) ? after : { data, version: expected + 0.5 };
  };
  return { read, write };
}

/**
 * The store for servers before 6.2 (no versioned context): versions are counted locally, so
 * conflicts are detected within this run only; such servers cannot do better.
 */
function localVersionStore(globals: ServerGlobals): IntegrationContextStore {
  let version = 0;
  return {
    read: async () => ({ data: asRecord(globals.getIntegrationContext?.()), version }),
    write: async (data, expected) => {
      if (expected !== version) return undefined;
      if (!globals.setIntegrationContext) throw new ContextError('The server offers no integration context.');
      globals.setIntegrationContext(data);
      version += 1;
      return { data, version };
    },
  };
}

/** The integration context store: versioned calls when the server has them, else local versions. */
export function createServerContextStore(
  globals: ServerGlobals,
  versioned: boolean,
): IntegrationContextStore {
  const { getIntegrationContext, setIntegrationContext } = globals;
  if (versioned && getIntegrationContext && setIntegrationContext) {
    return versionedStore({ getIntegrationContext, setIntegrationContext });
  }
  return localVersionStore(globals);
}

/** Builds the {@link XsoarRuntime} of one command run from the server globals. */
export function createServerRuntime(
  globals: ServerGlobals,
  options: ServerRuntimeOptions = {},
): XsoarRuntime {
  const versioned = isVersionAtLeast(safeDemistoVersion(globals)?.version, '6.2.0');
  return {
    params: globals.params ?? {},
    args: globals.args ?? {},
    command: globals.command ?? '',
    context: createServerContextStore(globals, versioned),
    log: serverLogger(globals),
    clock: busyWaitClock(options.maxSleepMs),
    serverInfo: serverInfo(globals, options),
    incidentContext: incidentLookup(globals),
  };
}
