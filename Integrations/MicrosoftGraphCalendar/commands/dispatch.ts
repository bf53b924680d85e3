/**
 * The command dispatcher: finds the command (its definition here, its arguments in the YAML
 * metadata), reads and validates the arguments, builds the MicrosoftClient from the params,
 * resolves the user, runs the command, and turns any failure into one error entry. Never throws.
 */
import { readArguments } from '../../../Packs/Base/Scripts/CommonServer/commandArguments';
import { errorEntry, type Entry } from '../../../Packs/Base/Scripts/CommonServer/entries';
import type { XsoarRuntime } from '../../../Packs/Base/Scripts/CommonServer/runtime';
import {
  ArgumentError,
  ErrorCode,
  IntegrationError,
} from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { MicrosoftClient } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/MicrosoftClient';
import {
  APP_NAME,
  ARGUMENTS,
  argumentValidators,
  COMMAND_PREFIX,
  commandMetadata,
  SETTINGS,
} from '../definition/index';
import type { MicrosoftDeps as IntegrationDeps } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/deps';
import { COMMANDS } from './all';
import { errorText } from './errorText';
import type { ClientFactory, CommandDefinition } from './types';

/** Upstream's text (typo "the use" included) for a command run without any user. */
export const NO_USER_MESSAGE =
  'No user was provided. Please make sure to enter the use either in the instance setting, or in the command parameter.';

/** The MicrosoftClient of the instance, for the command being run. */
export const createClient: ClientFactory = (runtime, deps) =>
  new MicrosoftClient(runtime.params, {
    definition: SETTINGS,
    runtime,
    deps,
    appName: APP_NAME,
    commandPrefix: COMMAND_PREFIX,
  });

function unknownCommand(name: string): IntegrationError {
  const known = COMMANDS.map((command) => command.name).join(', ');
  return new IntegrationError(
    ErrorCode.argument,
    `Unknown command: ${name}. This integration supports: ${known}.`,
  );
}

async function dispatch(
  runtime: XsoarRuntime,
  deps: IntegrationDeps,
  factory: ClientFactory,
): Promise<Entry> {
  const command: CommandDefinition | undefined = COMMANDS.filter((c) => c.name === runtime.command)[0];
  const metadata = commandMetadata(runtime.command);
  if (!command || !metadata) throw unknownCommand(String(runtime.command));
  const validate = argumentValidators[metadata.name];
  const { args, ignored } = readArguments(metadata, ARGUMENTS, validate, runtime.args);
  if (ignored.length > 0)
    runtime.log.debug(`${metadata.name}: ignoring undeclared arguments ${ignored.join(', ')}`);
  if (command.local) return command.run(runtime);
  const client = factory(runtime, deps);
  // Every command that declares a user argument works on a mailbox.
  const takesUser = metadata.arguments.some((arg) => arg.name === 'user');
  const user = args.text('user') ?? client.settings.defaultUser ?? '';
  if (takesUser && user === '') throw new ArgumentError('user', NO_USER_MESSAGE);
  return command.run({ client, args, runtime, deps, user });
}

/**
 * Runs `runtime.command` and returns its entries: one entry on success, one error entry on any
 * failure (readable, no stack trace, secrets masked).
 */
export async function runCommand(
  runtime: XsoarRuntime,
  deps: IntegrationDeps,
  factory: ClientFactory = createClient,
): Promise<Entry[]> {
  try {
    return [await dispatch(runtime, deps, factory)];
  } catch (error) {
    return [failureEntry(runtime, error)];
  }
}

function failureEntry(runtime: XsoarRuntime, error: unknown): Entry {
  let message = `Failed to execute ${String(runtime.command)}.`;
  try {
    message = errorText(error, runtime.command, MicrosoftClient.secretsOf(runtime.params, SETTINGS));
    const code = error instanceof IntegrationError ? error.code : 'UNEXPECTED';
    runtime.log.error(`${runtime.command} failed (${code}): ${message}`);
  } catch {
    // Reporting must not fail: a broken logger or odd params still yield one error entry.
  }
  return errorEntry(message);
}
