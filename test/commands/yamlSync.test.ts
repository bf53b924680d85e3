/**
 * The integration YAML is the single source of the commands' arguments and outputs. These tests
 * read the YAML themselves (not through the generator) and check that the code agrees with it:
 * one definition per command, generated metadata equal to the YAML, every argument a command
 * reads declared for it (a list read as a list), and every context key it writes declared.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { load } from 'js-yaml';
import { ValidArgs } from '../../Packs/Base/Scripts/CommonServer/commandArguments';
import { createMemoryRuntime } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import type { GraphRequest } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/graph/GraphApi';
import { COMMANDS } from '../../Integrations/MicrosoftGraphCalendar/commands/all';
import type { CommandDefinition } from '../../Integrations/MicrosoftGraphCalendar/commands/types';
import { METADATA } from '../../Integrations/MicrosoftGraphCalendar/generated/metadata';
import { fakeSettings } from './support/fakeGraph';
import { graphCalendar, graphEvent, page } from './support/fixtures';

interface YamlArgument {
  name: string;
  required?: boolean;
  defaultValue?: unknown;
  predefined?: unknown[];
  isArray?: boolean;
}
interface YamlCommand {
  name: string;
  arguments?: YamlArgument[];
  outputs?: { contextPath: string }[];
}
interface YamlParam {
  name: string;
  type: number;
  display?: string;
  displaypassword?: string;
  required?: boolean;
  hidden?: boolean;
  defaultvalue?: unknown;
  options?: unknown[];
}

const yamlPath = join(__dirname, '../../Integrations/MicrosoftGraphCalendar/MicrosoftGraphCalendar.yml');
const yaml = load(readFileSync(yamlPath, 'utf8')) as {
  configuration: YamlParam[];
  script: { commands: YamlCommand[] };
};
const yamlCommands = yaml.script.commands;
const yamlCommand = (name: string): YamlCommand | undefined => yamlCommands.filter((c) => c.name === name)[0];
/** test-module is implicit in every integration: the YAML never declares it. */
const ALL_NAMES = ['test-module', ...yamlCommands.map((c) => c.name)];
const optionalText = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

describe('command definitions vs MicrosoftGraphCalendar.yml', () => {
  it('defines every YAML command (and test-module) exactly once, and nothing else', () => {
    const defined = COMMANDS.map((c) => c.name);
    expect([...defined].sort()).toEqual([...ALL_NAMES].sort());
    expect(new Set(defined).size).toBe(defined.length);
  });

  it('generates metadata for the same commands, in the YAML order', () => {
    expect(METADATA.commands.map((c) => c.name)).toEqual(ALL_NAMES);
  });

  it.each(yamlCommands.map((c) => [c.name, c] as const))(
    '%s: generated arguments and outputs equal the YAML',
    (name, command) => {
      const metadata = METADATA.commands.filter((c) => c.name === name)[0];
      expect(metadata.arguments).toEqual(
        (command.arguments ?? []).map((arg) => ({
          name: arg.name,
          required: arg.required === true,
          defaultValue: optionalText(arg.defaultValue),
          predefined: (arg.predefined ?? []).map(String),
          isArray: arg.isArray === true,
        })),
      );
      expect(metadata.outputs).toEqual((command.outputs ?? []).map((o) => o.contextPath));
    },
  );

  it('generates the instance parameters of the YAML (names, types, labels, flags, defaults, options)', () => {
    expect(
      METADATA.params.map(({ name, type, label, required, hidden, defaultValue, options }) => ({
        name,
        type,
        label,
        required,
        hidden,
        defaultValue,
        options,
      })),
    ).toEqual(
      yaml.configuration.map((p) => ({
        name: p.name,
        type: p.type,
        // A credentials field (type 9) shows its password label.
        label: (p.type === 9 ? p.displaypassword : p.display) ?? p.name,
        required: p.required === true,
        hidden: p.hidden === true,
        defaultValue: optionalText(p.defaultvalue),
        options: p.options === undefined || p.options.length === 0 ? undefined : p.options.map(String),
      })),
    );
  });
});

type ReadKind = 'text' | 'integer' | 'list' | 'has';

/** Validated arguments that record which names a command asks for, and how. */
class RecordingArgs extends ValidArgs {
  constructor(
    values: Record<string, string | number | readonly string[]>,
    readonly reads: Set<string>,
  ) {
    super(values);
  }
  private note(kind: ReadKind, name: string): void {
    this.reads.add(`${kind}:${name}`);
  }
  override text(name: string): string | undefined {
    this.note('text', name);
    return super.text(name);
  }
  override integer(name: string): number | undefined {
    this.note('integer', name);
    return super.integer(name);
  }
  override list(name: string): readonly string[] | undefined {
    this.note('list', name);
    return super.list(name);
  }
  override has(name: string): boolean {
    this.note('has', name);
    return super.has(name);
  }
}

const NEXT_LINK = 'https://graph.microsoft.com/v1.0/users/u/events?$skip=1';

/** A plausible value of every declared argument, of the type the command reads. */
function givenValues(command: YamlCommand): Record<string, string | number | readonly string[]> {
  const values: Record<string, string | number | readonly string[]> = {};
  for (const arg of command.arguments ?? []) {
    if (arg.name === 'top' || arg.name === 'limit') values[arg.name] = 1;
    else if (arg.name === 'next_link') values[arg.name] = NEXT_LINK;
    else if (arg.isArray === true) values[arg.name] = ['a@x.com'];
    else if (['start', 'end', 'original_start'].indexOf(arg.name) >= 0)
      values[arg.name] = '2030-01-01T10:00:00';
    else values[arg.name] = 'v';
  }
  return values;
}

/** Graph's answer to any request: a page with a next link for lists, else one object. */
function answer(request: GraphRequest): unknown {
  if (request.method === 'DELETE') return undefined;
  if (/calendars?$/.test(request.path))
    return request.path.endsWith('calendars') ? page([graphCalendar()]) : graphCalendar();
  const isList = request.linkSource !== undefined || /events$/.test(request.path);
  return isList ? page([graphEvent()], { '@odata.nextLink': NEXT_LINK }) : graphEvent();
}

/** Runs a Graph command with these argument values; returns what it read and the context it wrote. */
async function probe(
  command: CommandDefinition,
  values: Record<string, string | number | readonly string[]>,
): Promise<{ reads: Set<string>; contextKeys: string[] }> {
  if (command.local) return { reads: new Set(), contextKeys: [] };
  const reads = new Set<string>();
  const client = {
    settings: fakeSettings('u'),
    baseUrl: 'https://graph.microsoft.com/v1.0/',
    verifyAccess: async () => ['Calendars.ReadWrite'],
    request: async <T>(request: GraphRequest) => ({ status: 200, data: answer(request) as T, headers: {} }),
  };
  const runtime = createMemoryRuntime({ command: command.name });
  const deps = { httpFactory: () => undefined as never, crypto: nodeCrypto, env: {} };
  const entry = await command.run({
    client,
    args: new RecordingArgs(values, reads),
    runtime,
    deps,
    user: 'u',
  });
  return { reads, contextKeys: Object.keys(entry.EntryContext ?? {}) };
}

/** Each command run twice: with no argument given, and with every declared argument given. */
async function probeBoth(command: CommandDefinition) {
  const declared = yamlCommand(command.name) ?? { name: command.name };
  const none = await probe(command, {});
  const all = await probe(command, givenValues(declared));
  return {
    declared,
    reads: [...new Set([...none.reads, ...all.reads])],
    contextKeys: [...new Set([...none.contextKeys, ...all.contextKeys])],
  };
}

describe('what the commands read and write vs MicrosoftGraphCalendar.yml', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    '%s reads only arguments the YAML declares for it, lists as isArray arguments',
    async (_name, command) => {
      const { declared, reads } = await probeBoth(command);
      const args = declared.arguments ?? [];
      const undeclared = reads.filter((read) => !args.some((a) => a.name === read.split(':')[1]));
      expect(undeclared).toEqual([]);
      const listReads = reads.filter((read) => read.startsWith('list:')).map((read) => read.slice(5));
      const arrays = args.filter((a) => a.isArray === true).map((a) => a.name);
      expect(listReads.filter((name) => arrays.indexOf(name) < 0)).toEqual([]);
      // A list argument is read as a list only: as text it would be the split items' source.
      const textReads = reads.filter((read) => read.startsWith('text:')).map((read) => read.slice(5));
      expect(textReads.filter((name) => arrays.indexOf(name) >= 0)).toEqual([]);
    },
  );

  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    '%s writes only context keys under the outputs the YAML declares for it',
    async (_name, command) => {
      const { declared, contextKeys } = await probeBoth(command);
      const outputs = (declared.outputs ?? []).map((o) => o.contextPath);
      // `A.B(val.ID === obj.ID).C` → `A.B.C`: the selector says how to merge, not where.
      const paths = contextKeys.map((key) => key.replace(/\([^)]*\)/g, ''));
      const undeclared = paths.filter(
        (path) => !outputs.some((output) => output === path || output.startsWith(`${path}.`)),
      );
      expect(undeclared).toEqual([]);
      if (outputs.length > 0) expect(paths.length).toBeGreaterThan(0);
    },
  );
});
