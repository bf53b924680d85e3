/**
 * The XSOAR runtime contract: everything an integration receives from, or gives to, the server.
 * The integration depends only on these interfaces; implementations exist for tests (in memory),
 * for the Node host CLI (files) and for the XSOAR server bundle (server globals).
 */

/** A snapshot of the integration context together with the version it was read at. */
export interface VersionedContext {
  /** The stored key/value data. Never mutate it in place; build a new object to write. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Opaque, monotonically increasing version; 0 for a context never written. */
  readonly version: number;
}

/**
 * The per-instance integration context, shared by every command of one instance (possibly running
 * in parallel). Writes are optimistic: they succeed only if nobody wrote since `expectedVersion`.
 */
export interface IntegrationContextStore {
  /** Reads the whole context and its version. */
  read(): Promise<VersionedContext>;
  /**
   * Replaces the whole context if its version is still `expectedVersion`.
   * @returns the new snapshot, or `undefined` on a version conflict (nothing was written).
   */
  write(data: Record<string, unknown>, expectedVersion: number): Promise<VersionedContext | undefined>;
}

/** Levelled logging. Implementations must never be handed secrets; callers redact first. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  error(message: string): void;
}

/** Values the server knows about itself, used for the X-Content-* info headers of the oproxy call. */
export interface ServerInfo {
  /** The integration brand, e.g. `Microsoft Graph Calendar`. */
  brand?: string;
  instanceName?: string;
  contentVersion?: string;
  serverVersion?: string;
  licenseId?: string;
  branch?: string;
}

/** A clock and a way to wait, injectable so tests and the server bundle control time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
  /**
   * True when sleeping burns CPU (an engine without timers busy-waits): callers should then wait
   * only briefly and prefer failing with "try again in N s".
   */
  readonly spins?: boolean;
}

/**
 * Who runs this command, so that a token lease left by a run that died (Ctrl-C, kill -9) can be
 * taken over at once instead of when it expires.
 */
export interface RunIdentity {
  /** Identifies this run, e.g. `4242@host-a` (a process on a host); recorded in the lease. */
  readonly id: string;
  /** False when the run that recorded `id` is known to be gone; undefined when the host cannot tell. */
  isAlive(id: string): boolean | undefined;
}

/** What XSOAR gives one command run. */
export interface XsoarRuntime {
  /** Instance settings, keyed by parameter `name`, exactly as the server delivers them. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Command arguments (strings as typed in the War Room or by a playbook). */
  readonly args: Readonly<Record<string, unknown>>;
  /** The command being run, e.g. `test-module` or `msgraph-calendar-list-events`. */
  readonly command: string;
  readonly context: IntegrationContextStore;
  readonly log: Logger;
  readonly clock: Clock;
  readonly serverInfo: ServerInfo;
  /** This run's identity, when the host has one (the Node CLI: process and host). */
  readonly run?: RunIdentity;
  /**
   * Looks up the incident (investigation) context at a DT path, when the host has one.
   * Returns `undefined` when the host has no incident context.
   */
  incidentContext?(path: string): unknown;
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, error: () => undefined };

/** The real clock, for Node hosts. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
