/** What command handlers receive and what the dispatcher needs from the Microsoft module. */
import type { Entry } from '../../../Packs/Base/Scripts/CommonServer/entries';
import type { IntegrationContextStore, XsoarRuntime } from '../../../Packs/Base/Scripts/CommonServer/runtime';
import type { GraphApi } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/GraphApi';
import type { Settings } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/types';
import type { ValidArgs } from '../arguments';
import type { IntegrationDeps } from '../deps';

/** Everything a Graph command needs, built by the dispatcher after validation. */
export interface CommandContext {
  readonly api: GraphApi;
  readonly args: ValidArgs;
  readonly runtime: XsoarRuntime;
  readonly deps: IntegrationDeps;
  /** The `user` argument, else the instance's Default user; set for every command that needs one. */
  readonly user: string;
}

/** A command that talks to Graph. */
export interface GraphCommand {
  readonly kind: 'graph';
  /** False only for test-module, which needs no user. */
  readonly needsUser: boolean;
  run(ctx: CommandContext): Promise<Entry>;
}

/** A command that runs without settings or Graph (auth-reset). */
export interface LocalCommand {
  readonly kind: 'local';
  run(runtime: XsoarRuntime, services: ModuleServices): Promise<Entry>;
}

/** A row of the command table. */
export type CommandDefinition = GraphCommand | LocalCommand;

/** Options of `createGraphApi`, as documented in ARCHITECTURE.md. */
export interface GraphApiOptions {
  readonly runtime: XsoarRuntime;
  readonly deps: IntegrationDeps;
  readonly appName: string;
  readonly commandPrefix: string;
}

/** The MicrosoftApiModule functions the dispatcher uses; injected so tests can fake Graph. */
export interface ModuleServices {
  parseSettings(params: Readonly<Record<string, unknown>>): Settings;
  createGraphApi(settings: Settings, options: GraphApiOptions): GraphApi;
  resetAuthContext(store: IntegrationContextStore): Promise<void>;
}
