/**
 * Command-line parsing for the CLI host:
 * `<command> [--params FILE] [--context FILE] [--incident-context FILE] [--json] [--debug] [name=value ...]`.
 */

/** A usage mistake (exit status 2). Its message names the flag or argument as typed. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The parsed command line. */
export interface CliOptions {
  /** The integration command, e.g. `test-module`. */
  readonly command: string;
  /** Instance settings file (JSON object as XSOAR stores the params). */
  readonly paramsFile?: string;
  /** Integration context file (created when missing); in memory when absent. */
  readonly contextFile?: string;
  /** Incident context file read by commands and updated with their EntryContext. */
  readonly incidentContextFile?: string;
  /** Print the entries as JSON instead of War Room text. */
  readonly json: boolean;
  /** Print the module's (redacted) debug log and stack traces of host failures to stderr. */
  readonly debug: boolean;
  /** Show the usage text and exit 0. */
  readonly help: boolean;
  /** Command arguments from `name=value` pairs, as strings like the War Room sends them. */
  readonly args: Readonly<Record<string, string>>;
}

/** The usage text printed by `--help` and after a usage error. */
export const USAGE =
  'Usage: cli <command> [--params FILE] [--context FILE] [--incident-context FILE] [--json] [--debug] [name=value ...]';

const FILE_FLAGS = {
  '--params': 'paramsFile',
  '--context': 'contextFile',
  '--incident-context': 'incidentContextFile',
} as const;
type FileFlag = keyof typeof FILE_FLAGS;
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Shows at most the start of a token, so a value pasted by mistake is not echoed in full. */
const preview = (token: string): string => (token.length > 24 ? `${token.slice(0, 24)}…` : token);

interface Draft {
  command?: string;
  files: { paramsFile?: string; contextFile?: string; incidentContextFile?: string };
  json: boolean;
  debug: boolean;
  help: boolean;
  args: Record<string, string>;
}

function takeFlag(
  draft: Draft,
  flag: string,
  inlineValue: string | undefined,
  next: () => string | undefined,
) {
  if (flag === '--json' || flag === '--debug' || flag === '--help') {
    if (inlineValue !== undefined) throw new UsageError(`${flag} takes no value.`);
    draft[flag.slice(2) as 'json' | 'debug' | 'help'] = true;
    return;
  }
  if (!(flag in FILE_FLAGS)) throw new UsageError(`Unknown option ${preview(flag)}.`);
  const value = inlineValue ?? next();
  if (value === undefined || value === '' || value.startsWith('--'))
    throw new UsageError(`${flag} needs a file path.`);
  const field = FILE_FLAGS[flag as FileFlag];
  if (draft.files[field] !== undefined) throw new UsageError(`${flag} was given twice.`);
  draft.files[field] = value;
}

function takePair(draft: Draft, token: string): void {
  const eq = token.indexOf('=');
  if (eq <= 0) throw new UsageError(`Malformed argument "${preview(token)}": expected name=value.`);
  const name = token.slice(0, eq);
  if (!ARG_NAME.test(name)) throw new UsageError(`Malformed argument name "${preview(name)}" in name=value.`);
  if (Object.prototype.hasOwnProperty.call(draft.args, name)) {
    throw new UsageError(`Argument ${name} was given twice.`);
  }
  draft.args[name] = token.slice(eq + 1);
}

/**
 * Parses `argv` (without the node and script paths).
 * @throws UsageError for an unknown flag, a flag without its file, a malformed `name=value`, a
 * repeated argument or a missing command.
 */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const draft: Draft = { files: {}, json: false, debug: false, help: false, args: {} };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token.startsWith('-')) {
      const eq = token.indexOf('=');
      const flag = token === '-h' ? '--help' : eq > 0 ? token.slice(0, eq) : token;
      takeFlag(draft, flag, eq > 0 ? token.slice(eq + 1) : undefined, () => argv[++i]);
    } else if (draft.command === undefined) {
      if (token.includes('=')) throw new UsageError(`Missing command before "${preview(token)}".`);
      draft.command = token;
    } else takePair(draft, token);
  }
  if (draft.command === undefined && !draft.help) throw new UsageError('Missing command, e.g. test-module.');
  return {
    command: draft.command ?? '',
    ...draft.files,
    json: draft.json,
    debug: draft.debug,
    help: draft.help,
    args: draft.args,
  };
}
