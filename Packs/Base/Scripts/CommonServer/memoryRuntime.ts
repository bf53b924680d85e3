import { systemClock, type Clock, type IntegrationContextStore, type Logger } from './runtime';
import type { ServerInfo, VersionedContext, XsoarRuntime } from './runtime';

/** An in-memory integration context with optimistic versioning, for tests and in-process hosts. */
export class MemoryContextStore implements IntegrationContextStore {
  private snapshot: VersionedContext;
  /** Number of successful writes, handy in tests. */
  writes = 0;

  constructor(initial: Record<string, unknown> = {}) {
    this.snapshot = { data: { ...initial }, version: 0 };
  }

  async read(): Promise<VersionedContext> {
    return this.snapshot;
  }

  async write(data: Record<string, unknown>, expectedVersion: number): Promise<VersionedContext | undefined> {
    if (expectedVersion !== this.snapshot.version) return undefined;
    this.snapshot = { data: { ...data }, version: this.snapshot.version + 1 };
    this.writes += 1;
    return this.snapshot;
  }

  /** The current data, for assertions. */
  get data(): Readonly<Record<string, unknown>> {
    return this.snapshot.data;
  }
}

/** A logger that keeps every line, for assertions (e.g. that no secret was logged). */
export class MemoryLogger implements Logger {
  readonly lines: { level: 'debug' | 'info' | 'error'; message: string }[] = [];
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  /** Every logged line joined, for `toContain`/`not.toContain` checks. */
  text(): string {
    return this.lines.map((l) => `${l.level}: ${l.message}`).join('\n');
  }
}

/** A manual clock: `sleep` advances time instantly, so retry and expiry tests run without waiting. */
export class ManualClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.current;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.current += ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Options for {@link createMemoryRuntime}. */
export interface MemoryRuntimeOptions {
  params?: Record<string, unknown>;
  args?: Record<string, unknown>;
  command?: string;
  context?: IntegrationContextStore;
  log?: Logger;
  clock?: Clock;
  serverInfo?: ServerInfo;
  incidentContext?: Record<string, unknown>;
}

/** Builds an in-memory {@link XsoarRuntime}. */
export function createMemoryRuntime(options: MemoryRuntimeOptions = {}): XsoarRuntime {
  const incident = options.incidentContext;
  return {
    params: options.params ?? {},
    args: options.args ?? {},
    command: options.command ?? 'test-module',
    context: options.context ?? new MemoryContextStore(),
    log: options.log ?? new MemoryLogger(),
    clock: options.clock ?? systemClock,
    serverInfo: options.serverInfo ?? { brand: 'Microsoft Graph Calendar', instanceName: 'test' },
    incidentContext: incident ? (path: string) => incident[path] : undefined,
  };
}
