/**
 * The command dispatcher: command table lookup, argument validation, settings, user resolution,
 * the Graph transport, and one error entry for any failure. Never throws.
 */
import { errorEntry, type Entry } from '../../../Packs/Base/Scripts/CommonServer/entries';
import type { XsoarRuntime } from '../../../Packs/Base/Scripts/CommonServer/runtime';
import {
  ArgumentError,
  ErrorCode,
  IntegrationError,
} from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/errors';
import { COMMAND_ARGS, validateCommandArgs, type ValidArgs } from '../arguments';
import { COMMAND_TABLE } from '../commandTable';
import type { IntegrationDeps } from '../deps';
import { errorText, secretValues } from './errorText';
import type { GraphCommand, ModuleServices } from './types';

/** The app name the oproxy knows this integration by. */
export const APP_NAME = 'ms-graph-calendar';
/** Prefix of this integration's commands (used in the auth-reset hint). */
export const COMMAND_PREFIX = 'msgraph-calendar';

/** Upstream's text (typo "the use" included) for a command run without any user. */
export const NO_USER_MESSAGE =
  'No user was provided. Please make sure to enter the use either in the instance setting, or in the command parameter.';

function unknownCommand(name: string): IntegrationError {
  const known = Object.keys(COMMAND_TABLE).join(', ');
  return new IntegrationError(
    ErrorCode.argument,
    `Unknown command: ${name}. This integration supports: ${known}.`,
  );
}

async function runGraph(
  command: GraphCommand,
  args: ValidArgs,
  runtime: XsoarRuntime,
  deps: IntegrationDeps,
  services: ModuleServices,
): Promise<Entry> {
  const settings = services.parseSettings(runtime.params);
  const user = args.text('user') ?? settings.defaultUser ?? '';
  if (command.needsUser && user === '') throw new ArgumentError('user', NO_USER_MESSAGE);
  const api = services.createGraphApi(settings, {
    runtime,
    deps,
    appName: APP_NAME,
    commandPrefix: COMMAND_PREFIX,
  });
  return command.run({ api, args, runtime, deps, user });
}

async function dispatch(
  runtime: XsoarRuntime,
  deps: IntegrationDeps,
  services: ModuleServices,
): Promise<Entry> {
  const name = runtime.command;
  const command = Object.prototype.hasOwnProperty.call(COMMAND_TABLE, name) ? COMMAND_TABLE[name] : undefined;
  const specs = Object.prototype.hasOwnProperty.call(COMMAND_ARGS, name) ? COMMAND_ARGS[name] : undefined;
  if (!command || !specs) throw unknownCommand(name);
  const args = validateCommandArgs(name, runtime.args);
  const ignored = Object.keys(runtime.args).filter((arg) => !specs.some((spec) => spec.name === arg));
  if (ignored.length > 0) runtime.log.debug(`${name}: ignoring undeclared arguments ${ignored.join(', ')}`);
  if (command.kind === 'local') return command.run(runtime, services);
  return runGraph(command, args, runtime, deps, services);
}

/**
 * Runs `runtime.command` and returns its entries: one entry on success, one error entry on any
 * failure (readable, no stack trace, secrets masked).
 */
export async function runCommand(
  runtime: XsoarRuntime,
  deps: IntegrationDeps,
  services: ModuleServices,
): Promise<Entry[]> {
  try {
    return [await dispatch(runtime, deps, services)];
  } catch (error) {
    return [failureEntry(runtime, error)];
  }
}

function failureEntry(runtime: XsoarRuntime, error: unknown): Entry {
  let message = `Failed to execute ${String(runtime.command)}.`;
  try {
    message = errorText(error, runtime.command, secretValues(runtime.params));
    const code = error instanceof IntegrationError ? error.code : 'UNEXPECTED';
    runtime.log.error(`${runtime.command} failed (${code}): ${message}`);
  } catch {
    // Reporting must not fail: a broken logger or odd params still yield one error entry.
  }
  return errorEntry(message);
}
