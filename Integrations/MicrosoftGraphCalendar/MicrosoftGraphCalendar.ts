/**
 * Microsoft Graph Calendar (O365 Outlook Calendar): the integration's entry point.
 * Hosts (XSOAR bundle, Node CLI, tests) build the runtime and the dependencies and call `main`.
 */
import type { Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import type { XsoarRuntime } from '../../Packs/Base/Scripts/CommonServer/runtime';
import { createGraphApi } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/MicrosoftClient';
// Direct imports (not index.ts), so the server bundle does not pull in the Node-only HTTP and crypto.
import { resetAuthContext } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/cache/authKeys';
import { parseSettings } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/parseSettings';
import { runCommand } from './commands/dispatch';
import type { ModuleServices } from './commands/types';
import type { IntegrationDeps } from './deps';

const services: ModuleServices = { parseSettings, createGraphApi, resetAuthContext };

/**
 * Runs the command in `runtime.command` and returns its War Room entries. Never throws: any
 * failure is one error entry with a readable message.
 */
export function main(runtime: XsoarRuntime, deps: IntegrationDeps): Promise<Entry[]> {
  return runCommand(runtime, deps, services);
}
