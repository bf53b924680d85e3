/** What a command is and what it receives. */
import type { Entry } from '../../../Packs/Base/Scripts/CommonServer/entries';
import type { ValidArgs } from '../../../Packs/Base/Scripts/CommonServer/commandArguments';
import type { XsoarRuntime } from '../../../Packs/Base/Scripts/CommonServer/runtime';
import type { MicrosoftClient } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/MicrosoftClient';
import type { MicrosoftDeps as IntegrationDeps } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/deps';

/** The part of `MicrosoftClient` the commands use (tests may stand in for it). */
export type CalendarClient = Pick<MicrosoftClient, 'settings' | 'baseUrl' | 'request' | 'verifyAccess'>;

/** Everything a Graph command needs, built by the dispatcher after validation. */
export interface CommandContext {
  readonly client: CalendarClient;
  readonly args: ValidArgs;
  readonly runtime: XsoarRuntime;
  readonly deps: IntegrationDeps;
  /** The `user` argument, else the instance's Default user; set for every command that takes a user. */
  readonly user: string;
}

/**
 * One command, defined once: its name (the YAML declares its arguments and outputs) and what it
 * does. A `local` command runs without settings or Graph (auth-reset).
 */
export type CommandDefinition =
  | { readonly name: string; readonly local?: false; run(ctx: CommandContext): Promise<Entry> }
  | { readonly name: string; readonly local: true; run(runtime: XsoarRuntime): Promise<Entry> };

/** How the dispatcher builds the client; injected so that tests can stand in for Graph. */
export type ClientFactory = (runtime: XsoarRuntime, deps: IntegrationDeps) => CalendarClient;
