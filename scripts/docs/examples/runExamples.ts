/**
 * Captures the README's command examples by running each line through the integration's `main()`
 * in-process (memory runtime, Node HTTP and crypto) against a freshly started emulator, using its
 * client-secret instance. Lines run in order and share one incident context, so a line can use
 * `${...}` references to what an earlier line wrote, as in a playbook.
 */
import { main } from '../../../Integrations/MicrosoftGraphCalendar/MicrosoftGraphCalendar';
import type { IntegrationDeps } from '../../../Integrations/MicrosoftGraphCalendar/deps';
import { nodeCrypto } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { nodeHttpFactory } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/nodeHttp';
import { isErrorEntry, type Entry } from '../../../Packs/Base/Scripts/CommonServer/entries';
import {
  createMemoryRuntime,
  MemoryContextStore,
} from '../../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { IncidentContext } from '../../host/incidentContext';
import type { CommandExample } from '../commandSection';
import { ToolingError, ToolingErrorCode } from '../errors';
import { parseCommandLine, resolveReferences } from './commandLine';
import { contextExample } from './contextExample';
import { Normalizer } from './normalize';

/** The public Graph URL the emulator's loopback URL is shown as. */
export const PUBLIC_GRAPH_URL = 'https://graph.microsoft.com';
/** The emulator's clock: fixed, so server timestamps (createdDateTime, ...) never vary. */
const EMULATOR_NOW = Date.UTC(2026, 0, 1);

/** A captured example with the raw values the normalizer still has to rewrite. */
interface RawExample {
  readonly line: string;
  readonly command: string;
  readonly entries: readonly Entry[];
}

/** The War Room text of an entry, as demisto-sdk takes it (readable, else contents). */
function readableOf(entry: Entry): string {
  if (entry.HumanReadable !== undefined) return entry.HumanReadable;
  if (typeof entry.Contents === 'string') return entry.Contents;
  return ['```', JSON.stringify(entry.Contents, null, 4), '```'].join('\n');
}

/** The secret strings of an instance's params, to check no example output carries one. */
export function instanceSecrets(params: Readonly<Record<string, unknown>>): string[] {
  const secrets: string[] = [];
  for (const value of Object.values(params)) {
    const password = (value as { password?: unknown } | null)?.password;
    if (typeof password === 'string') secrets.push(password);
  }
  if (typeof params.private_key === 'string') {
    secrets.push(...params.private_key.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')));
  }
  return secrets.filter((s) => s.length >= 8);
}

async function runLine(
  emu: RunningEmulator,
  line: string,
  shared: { context: MemoryContextStore; incident: IncidentContext; deps: IntegrationDeps },
): Promise<RawExample> {
  const parsed = resolveReferences(parseCommandLine(line), (path) => shared.incident.get(path), line);
  const runtime = createMemoryRuntime({
    params: emu.instances.clientSecret,
    args: parsed.args,
    command: parsed.command,
    context: shared.context,
  });
  const entries = await main(
    { ...runtime, incidentContext: (path) => shared.incident.get(path) },
    shared.deps,
  );
  const failed = entries.find(isErrorEntry);
  if (failed || entries.length === 0) {
    const why = failed ? String(failed.Contents) : 'it returned no entry';
    throw new ToolingError(ToolingErrorCode.example, `Command example "${line}" failed: ${why}`);
  }
  for (const entry of entries) shared.incident.merge(entry.EntryContext);
  return { line, command: parsed.command, entries };
}

function finish(raw: readonly RawExample[], normalizer: Normalizer): Map<string, CommandExample[]> {
  for (const example of raw) {
    for (const entry of example.entries) normalizer.collect([entry.Contents, entry.EntryContext]);
  }
  const byCommand = new Map<string, CommandExample[]>();
  for (const example of raw) {
    const context = Object.assign({}, ...example.entries.map((e) => contextExample(e.EntryContext)));
    const captured: CommandExample = {
      line: example.line,
      context: normalizer.applyJson(context),
      humanReadable: normalizer.apply(example.entries.map(readableOf).join('\n\n')),
    };
    byCommand.set(example.command, [...(byCommand.get(example.command) ?? []), captured]);
  }
  return byCommand;
}

/** Options of {@link captureExamples}. */
export interface CaptureOptions {
  /** An emulator to use (left running); by default a fresh one is started and closed. */
  readonly emulator?: RunningEmulator;
}

/**
 * Runs the example lines in order and returns the normalized examples per command.
 * @throws ToolingError when a line does not parse, a reference finds nothing, or a command fails.
 */
export async function captureExamples(
  lines: readonly string[],
  options: CaptureOptions = {},
): Promise<Map<string, CommandExample[]>> {
  const emu = options.emulator ?? (await startEmulator({ now: () => EMULATOR_NOW }));
  try {
    const deps: IntegrationDeps = { httpFactory: nodeHttpFactory, crypto: nodeCrypto, env: { ...emu.env } };
    const shared = { context: new MemoryContextStore(), incident: new IncidentContext(), deps };
    const raw: RawExample[] = [];
    for (const line of lines) raw.push(await runLine(emu, line, shared));
    const normalizer = new Normalizer([
      [emu.url, PUBLIC_GRAPH_URL],
      [emu.url.replace('127.0.0.1', 'localhost'), PUBLIC_GRAPH_URL],
    ]);
    const examples = finish(raw, normalizer);
    checkSafe(examples, instanceSecrets(emu.instances.clientSecret));
    return examples;
  } finally {
    if (!options.emulator) await emu.close();
  }
}

/** Refuses output that holds a secret or a loopback address (it would vary between runs). */
function checkSafe(
  examples: ReadonlyMap<string, readonly CommandExample[]>,
  secrets: readonly string[],
): void {
  for (const [command, list] of examples) {
    const text = JSON.stringify(list);
    if (secrets.some((secret) => text.includes(secret))) {
      throw new ToolingError(
        ToolingErrorCode.unsafeOutput,
        `The example of ${command} holds a secret of the instance.`,
      );
    }
    if (/127\.0\.0\.1|localhost:\d/.test(text)) {
      throw new ToolingError(
        ToolingErrorCode.unsafeOutput,
        `The example of ${command} holds a loopback address.`,
      );
    }
  }
}
