/**
 * Runs `main()` in-process against the embedded emulator, the way XSOAR runs one instance: one
 * integration context shared by the commands, Node HTTP and crypto, and a clock that the test and
 * the emulator share (a ManualClock makes retry waits and token expiry instant on both sides).
 */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../scripts/emulator/index';
import type { EmulatorInstances } from '../../scripts/emulator/index';
import type { Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import {
  createMemoryRuntime,
  MemoryContextStore,
  MemoryLogger,
} from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import {
  systemClock,
  type Clock,
  type IntegrationContextStore,
} from '../../Packs/Base/Scripts/CommonServer/runtime';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import type { HttpFactory } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/HttpFactory';
import { nodeHttpFactory } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/nodeHttp';
import { main } from '../../Integrations/MicrosoftGraphCalendar/MicrosoftGraphCalendar';
import { leakedSecrets, secretsOf, shownText, expectNoInternals } from './userFacing';

/** The five authentication modes of the emulator's ready-made instances. */
export type Mode = keyof EmulatorInstances;

/** Every mode, for `describe.each`. */
export const MODES: readonly Mode[] = [
  'oproxy',
  'clientSecret',
  'certificate',
  'managedIdentitySystem',
  'managedIdentityUser',
];

/** An emulator shared by the tests of one file. */
export interface EmulatorFixture {
  /** The running emulator (available inside tests and hooks). */
  readonly emu: RunningEmulator;
  /** Makes the emulator read its time from `clock` for the current test (reset to real time after). */
  useClock(clock: Clock): void;
}

/**
 * Starts one emulator for the file (beforeAll), restores its seed data, faults and log before each
 * test, and closes it afterwards.
 */
export function useEmulator(options: Omit<EmulatorOptions, 'now'> = {}): EmulatorFixture {
  let emu: RunningEmulator | undefined;
  let clock: Clock = systemClock;
  beforeAll(async () => {
    emu = await startEmulator({ ...options, now: () => clock.now() });
  });
  afterAll(async () => {
    await emu?.close();
  });
  beforeEach(() => {
    clock = systemClock;
    emu?.reset();
  });
  return {
    get emu(): RunningEmulator {
      if (!emu) throw new Error('the emulator is not started (use it inside tests or hooks)');
      return emu;
    },
    useClock(next: Clock): void {
      clock = next;
    },
  };
}

/** Options of {@link instanceOf}. */
export interface InstanceOptions {
  readonly clock?: Clock;
  readonly context?: IntegrationContextStore;
  readonly httpFactory?: HttpFactory;
  /** Param overrides on top of the emulator's instance. */
  readonly overrides?: Record<string, unknown>;
  /** Environment overrides on top of the emulator's (e.g. another managed identity endpoint). */
  readonly env?: Record<string, string>;
}

/** One configured instance: its params, context and log, and a way to run commands. */
export interface TestInstance {
  readonly params: Record<string, unknown>;
  readonly context: IntegrationContextStore;
  readonly log: MemoryLogger;
  /** Every entry returned so far. */
  readonly entries: Entry[];
  /** Runs a command through `main` and returns its single entry. */
  exec(command: string, args?: Record<string, unknown>): Promise<Entry>;
  /** Fails when any entry or log line so far holds a secret, a stack frame or a source path. */
  expectClean(): void;
}

/** Builds an instance of `mode` against `emu`. */
export function instanceOf(emu: RunningEmulator, mode: Mode, options: InstanceOptions = {}): TestInstance {
  const params = { ...emu.instances[mode], ...options.overrides };
  const context = options.context ?? new MemoryContextStore();
  const log = new MemoryLogger();
  const entries: Entry[] = [];
  const deps = {
    httpFactory: options.httpFactory ?? nodeHttpFactory,
    crypto: nodeCrypto,
    env: { ...emu.env, ...options.env },
  };
  return {
    params,
    context,
    log,
    entries,
    async exec(command, args = {}) {
      const runtime = createMemoryRuntime({ command, args, params, context, log, clock: options.clock });
      const result = await main(runtime, deps);
      expect(result).toHaveLength(1);
      entries.push(result[0]);
      return result[0];
    },
    expectClean() {
      const everything = JSON.stringify(entries) + log.text();
      expect(leakedSecrets(everything, secretsOf(params))).toEqual([]);
      for (const entry of entries) expectNoInternals(shownText(entry));
    },
  };
}

/** Asserts a note entry (Type 1) and returns its readable text; shows the error text otherwise. */
export function expectNote(entry: Entry): string {
  expect({ Type: entry.Type, error: entry.Type === 4 ? entry.Contents : undefined }).toEqual({
    Type: 1,
    error: undefined,
  });
  return shownText(entry);
}

/** Asserts an error entry (Type 4, text contents) and returns its text. */
export function expectError(entry: Entry): string {
  expect(entry.Type).toBe(4);
  expect(typeof entry.Contents).toBe('string');
  return entry.Contents as string;
}
