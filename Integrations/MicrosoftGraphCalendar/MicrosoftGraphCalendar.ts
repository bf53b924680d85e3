/**
 * Microsoft Graph Calendar (O365 Outlook Calendar): the integration's entry point.
 * Hosts (XSOAR bundle, Node CLI, tests) build the runtime and the dependencies and call `main`.
 */
import type { Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import type { XsoarRuntime } from '../../Packs/Base/Scripts/CommonServer/runtime';
import { runCommand } from './commands/dispatch';
import type { IntegrationDeps } from './deps';

/**
 * Runs the command in `runtime.command` and returns its War Room entries. Never throws: any
 * failure is one error entry with a readable message.
 */
export function main(runtime: XsoarRuntime, deps: IntegrationDeps): Promise<Entry[]> {
  return runCommand(runtime, deps);
}
