/** The "Commands" section: inputs, context outputs and captured examples of every command. */
import {
  documentedCommands,
  type IntegrationDoc,
  type YamlArgument,
  type YamlCommand,
} from './integrationYaml';
import { disableAutolinks, escapeMd, table } from './markdown';

/** One captured run of a command example, already normalized. */
export interface CommandExample {
  /** The command line as written in command_examples, e.g. `!msgraph-calendar-get-event event_id=...`. */
  readonly line: string;
  /** The context the run wrote (DT selectors resolved into nested objects); `{}` when none. */
  readonly context: Readonly<Record<string, unknown>>;
  /** The War Room text of the run (markdown). */
  readonly humanReadable: string;
}

/** Examples per command name, in the order they ran. */
export type ExamplesByCommand = ReadonlyMap<string, readonly CommandExample[]>;

/** What the Input subsection says for a command without arguments (demisto-sdk's text). */
export const NO_INPUT_TEXT = 'There are no input arguments for this command.';
/** What the Context Output subsection says for a command without outputs (demisto-sdk's text). */
export const NO_OUTPUT_TEXT = 'There is no context output for this command.';

function argumentDescription(arg: YamlArgument): string {
  let description = arg.description.endsWith('.') ? arg.description : `${arg.description}.`;
  if (arg.predefined.length > 0) description += ` Possible values are: ${arg.predefined.join(', ')}.`;
  if (arg.defaultValue) description += ` Default is ${arg.defaultValue}.`;
  return escapeMd(description, { minimal: true });
}

function inputLines(command: YamlCommand): string[] {
  const args = (command.arguments ?? []).filter((a) => !a.hidden);
  // demisto-sdk prints an empty table for `arguments: []`; the sentence reads better and RM
  // checks accept both.
  if (args.length === 0) return [NO_INPUT_TEXT];
  const rows = args.map((a) => [a.name, argumentDescription(a), a.required ? 'Required' : 'Optional']);
  return table(['Argument Name', 'Description', 'Required'], rows);
}

function outputLines(command: YamlCommand): string[] {
  if (command.outputs.length === 0) return [NO_OUTPUT_TEXT];
  const rows = command.outputs.map((o) => [o.contextPath, o.type ?? 'unknown', escapeMd(o.description)]);
  return table(['Path', 'Type', 'Description'], rows);
}

/** Quotes every line of the War Room text, as demisto-sdk does, so it renders as a block quote. */
function quoted(markdown: string): string[] {
  const lines = disableAutolinks(markdown.trimEnd()).split(/\r\n|\r|\n/);
  return lines.map((line) => `>${line}`);
}

function exampleLines(example: CommandExample): string[] {
  const lines = ['#### Command example', `\`\`\`${example.line}\`\`\``];
  if (Object.keys(example.context).length > 0) {
    lines.push('#### Context Example', '```json', JSON.stringify(example.context, null, 4), '```', '');
  }
  lines.push('#### Human Readable Output', '');
  if (example.humanReadable !== '') lines.push(...quoted(example.humanReadable));
  lines.push('');
  return lines;
}

/** Renders one command's section. */
export function renderCommand(command: YamlCommand, examples: readonly CommandExample[] = []): string[] {
  return [
    `### ${command.name}`,
    '',
    '***',
    ...(command.description ? [command.description] : []),
    '',
    '#### Base Command',
    '',
    `\`${command.name}\``,
    '',
    '#### Input',
    '',
    ...inputLines(command),
    '',
    '#### Context Output',
    '',
    ...outputLines(command),
    '',
    ...examples.flatMap(exampleLines),
  ];
}

/** Renders the whole Commands section for every documented command, in YAML order. */
export function renderCommandsSection(doc: IntegrationDoc, examples: ExamplesByCommand): string[] {
  return [
    '## Commands',
    '',
    'You can execute these commands from the CLI, as part of an automation, or in a playbook.',
    'After you successfully execute a command, a DBot message appears in the War Room with the command details.',
    '',
    ...documentedCommands(doc).flatMap((c) => renderCommand(c, examples.get(c.name))),
  ];
}
