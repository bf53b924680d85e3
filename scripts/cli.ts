/**
 * The Node host CLI: runs one integration command the way XSOAR does.
 *
 *   npm run --silent cli -- <command> [--params FILE] [--context FILE] [--incident-context FILE]
 *                                     [--json] [--debug] [name=value ...]
 *
 * Exit status: 0 normal entries, 1 an error entry (or a host failure such as the context lock),
 * 2 a usage error, 3 the command ran but its result was not delivered in full (the output could not
 * be written, or the --incident-context file could not be saved): running it again may repeat a change.
 */
import { basename, extname, resolve } from 'node:path';
import { main as integrationMain } from '../Integrations/MicrosoftGraphCalendar/MicrosoftGraphCalendar';
import { MemoryContextStore } from '../Packs/Base/Scripts/CommonServer/memoryRuntime';
import type { IntegrationContextStore } from '../Packs/Base/Scripts/CommonServer/runtime';
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './host/args';
import { ContextFileError, FileContextStore } from './host/fileContextStore';
import { readJsonObject, writeJsonAtomic } from './host/files';
import { IncidentContext } from './host/incidentContext';
import { LineLogger, runIntegration, type IntegrationMain } from './host/nodeRuntime';
import { exitStatusFor, renderEntries, renderJson } from './host/render';

/** Where the CLI writes, and the environment it passes to the module. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory that relative file paths are resolved against (default: the process's cwd). */
  readonly cwd?: string;
}

/** Exit statuses of the CLI. */
export const ExitStatus = { ok: 0, errorEntry: 1, usage: 2, resultNotDelivered: 3 } as const;

interface Prepared {
  params: Record<string, unknown>;
  context: IntegrationContextStore;
  incident?: IncidentContext;
  instanceName: string;
}

async function openContext(file: string | undefined): Promise<IntegrationContextStore> {
  if (file === undefined) return new MemoryContextStore();
  const store = new FileContextStore(file);
  try {
    await store.ensureFile();
  } catch (err) {
    // Only a file that is not a usable context file is the user's mistake; a lock or a write
    // failure is the environment's (exit 1).
    if (err instanceof ContextFileError) throw new UsageError(`--context: ${err.message}`);
    throw err;
  }
  return store;
}

async function prepare(options: CliOptions): Promise<Prepared> {
  const params = options.paramsFile ? readJsonObject('--params', options.paramsFile) : {};
  const incidentFile = options.incidentContextFile;
  const incidentData = incidentFile ? readJsonObject('--incident-context', incidentFile, true) : undefined;
  return {
    params: params ?? {},
    context: await openContext(options.contextFile),
    incident: incidentFile ? new IncidentContext(incidentData ?? {}) : undefined,
    instanceName: options.paramsFile ? basename(options.paramsFile, extname(options.paramsFile)) : 'cli',
  };
}

/** Resolves the file options against `cwd`, so messages and files name the same absolute path. */
function withBaseDir(options: CliOptions, cwd: string | undefined): CliOptions {
  const at = (file: string | undefined) =>
    file === undefined || cwd === undefined ? file : resolve(cwd, file);
  return {
    ...options,
    paramsFile: at(options.paramsFile),
    contextFile: at(options.contextFile),
    incidentContextFile: at(options.incidentContextFile),
  };
}

/**
 * Saves the incident context after the entries were printed: a failure here must not hide a
 * result that Graph already produced (a created event), or the operator retries and duplicates it.
 */
function saveIncident(file: string, incident: IncidentContext, io: CliIo): boolean {
  try {
    writeJsonAtomic(file, incident.data);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    io.stderr(
      `Error: --incident-context ${file}: the incident context could not be saved (${code}). ` +
        'The command ran and its result is shown above: running it again may repeat its change.\n',
    );
    return false;
  }
}

async function runParsed(parsed: CliOptions, io: CliIo, main: IntegrationMain): Promise<number> {
  const options = withBaseDir(parsed, io.cwd);
  const prepared = await prepare(options);
  const log = options.debug ? new LineLogger((line) => io.stderr(line)) : undefined;
  const entries = await runIntegration(
    { ...prepared, command: options.command, args: options.args, log, env: io.env },
    main,
  );
  const rendered = options.json ? renderJson(entries) : renderEntries(entries);
  if (rendered.stdout) io.stdout(rendered.stdout);
  if (rendered.stderr) io.stderr(rendered.stderr);
  const status = exitStatusFor(entries);
  const saved =
    !options.incidentContextFile ||
    !prepared.incident ||
    saveIncident(options.incidentContextFile, prepared.incident, io);
  return saved || status !== ExitStatus.ok ? status : ExitStatus.resultNotDelivered;
}

/**
 * Runs the CLI with `argv` (without node and script paths) and returns the exit status.
 * Never throws: host failures become one line on stderr (with the stack only under `--debug`).
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  main: IntegrationMain = integrationMain,
): Promise<number> {
  let options: CliOptions | undefined;
  try {
    options = parseCliArgs(argv);
    if (options.help) {
      io.stdout(`${USAGE}\n`);
      return ExitStatus.ok;
    }
    return await runParsed(options, io, main);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`Usage error: ${err.message}\n${USAGE}\n`);
      return ExitStatus.usage;
    }
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    io.stderr(`Error: ${message}\n`);
    if (options?.debug && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    return ExitStatus.errorEntry;
  }
}

/** Records the first stdout write error that loses output. */
class OutputErrors {
  first: string | undefined;
  /** EPIPE aside: the reader has gone (as with `| head`) and had what it wanted. */
  readonly note = (err: NodeJS.ErrnoException | null | undefined): void => {
    // ERR_STREAM_DESTROYED follows the first error (already recorded) on later writes.
    if (err && err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED')
      this.first ??= err.code ?? 'error';
  };
}

/** The process's streams as CliIo, stdout write errors recorded in `errors`. */
function processIo(errors: OutputErrors): CliIo {
  process.stdout.on('error', errors.note);
  return {
    stdout: (text) => void process.stdout.write(text, errors.note),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    // `npm run cli` runs in the package root; relative paths mean the directory npm was started in.
    cwd: process.env.npm_lifecycle_event === 'cli' ? process.env.INIT_CWD : undefined,
  };
}

if (require.main === module) {
  const errors = new OutputErrors();
  void runCli(process.argv.slice(2), processIo(errors)).then((status) => {
    // Exit explicitly once the output is flushed: idle keep-alive sockets must not delay the exit.
    process.stdout.write('', (err) => {
      errors.note(err);
      const lost = errors.first;
      const message = lost ? `Error: the output could not be written (${lost}).\n` : '';
      const final = lost && status === ExitStatus.ok ? ExitStatus.resultNotDelivered : status;
      process.stderr.write(message, () => process.exit(final));
    });
  });
}
