/**
 * Running the module against the emulator: real axios over loopback, node crypto, the emulator's
 * environment, a memory context and a clock whose sleeps return at once (retry waits are skipped,
 * while `now` stays close to the emulator's real time).
 */
import {
  MicrosoftClient,
  type MicrosoftClientOptions,
} from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/MicrosoftClient';
import { nodeCrypto } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { nodeHttpFactory } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/nodeHttp';
import { MemoryContextStore, MemoryLogger } from '../../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import type { Clock, IntegrationContextStore } from '../../../Packs/Base/Scripts/CommonServer/runtime';
import { APP_NAME, COMMAND_PREFIX, SETTINGS } from '../../../Integrations/MicrosoftGraphCalendar/definition';
import type { RunningEmulator } from '../../../scripts/emulator';

/** Real time plus the time "slept" so far; sleeping returns immediately. */
export class SkippingClock implements Clock {
  readonly sleeps: number[] = [];
  private skipped = 0;
  now(): number {
    return Date.now() + this.skipped;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.skipped += ms;
  }
}

/** One simulated command run's collaborators. */
export interface EmulatorRun {
  readonly graph: MicrosoftClient;
  readonly store: IntegrationContextStore;
  readonly log: MemoryLogger;
  readonly clock: SkippingClock;
}

/** Builds a MicrosoftClient (one command) for an emulator instance, sharing `store` when given. */
export function emulatorRun(
  emu: RunningEmulator,
  params: Record<string, unknown>,
  options: { store?: IntegrationContextStore; extra?: Partial<MicrosoftClientOptions> } = {},
): EmulatorRun {
  const store = options.store ?? new MemoryContextStore();
  const log = new MemoryLogger();
  const clock = new SkippingClock();
  const graph = new MicrosoftClient(params, {
    definition: SETTINGS,
    runtime: {
      context: store,
      log,
      clock,
      serverInfo: { brand: 'Microsoft Graph Calendar', instanceName: 'emu' },
    },
    deps: { httpFactory: nodeHttpFactory, crypto: nodeCrypto, env: { ...emu.env } },
    appName: APP_NAME,
    commandPrefix: COMMAND_PREFIX,
    ...options.extra,
  });
  return { graph, store, log, clock };
}
