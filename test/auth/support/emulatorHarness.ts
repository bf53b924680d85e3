/**
 * Running the module against the emulator: real axios over loopback, node crypto, the emulator's
 * environment, a memory context and a clock whose sleeps return at once (retry waits are skipped,
 * while `now` stays close to the emulator's real time).
 */
import { createGraphApi } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/MicrosoftClient';
import type { MicrosoftClientOptions } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/MicrosoftClient';
import { nodeCrypto } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import type { GraphApi } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/GraphApi';
import { nodeHttpFactory } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/nodeHttp';
import { parseSettings } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/parseSettings';
import { MemoryContextStore, MemoryLogger } from '../../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import type { Clock, IntegrationContextStore } from '../../../Packs/Base/Scripts/CommonServer/runtime';
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
  readonly graph: GraphApi;
  readonly store: IntegrationContextStore;
  readonly log: MemoryLogger;
  readonly clock: SkippingClock;
}

/** Builds a GraphApi for an emulator instance, sharing `store` when given (same instance). */
export function emulatorRun(
  emu: RunningEmulator,
  params: Record<string, unknown>,
  options: { store?: IntegrationContextStore; extra?: Partial<MicrosoftClientOptions> } = {},
): EmulatorRun {
  const store = options.store ?? new MemoryContextStore();
  const log = new MemoryLogger();
  const clock = new SkippingClock();
  const graph = createGraphApi(parseSettings(params), {
    runtime: {
      context: store,
      log,
      clock,
      serverInfo: { brand: 'Microsoft Graph Calendar', instanceName: 'emu' },
    },
    deps: { httpFactory: nodeHttpFactory, crypto: nodeCrypto, env: { ...emu.env } },
    appName: 'ms-graph-calendar',
    commandPrefix: 'msgraph-calendar',
    ...options.extra,
  });
  return { graph, store, log, clock };
}
