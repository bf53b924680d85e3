/**
 * The names a user sees, read from the integration YAML (not from the code under test): the
 * instance fields' labels and each command's argument names. Error entries about bad input must
 * name one of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

interface YamlParam {
  name: string;
  display?: string;
  displaypassword?: string;
}
interface YamlCommand {
  name: string;
  arguments?: { name: string }[];
}
interface IntegrationYaml {
  configuration: YamlParam[];
  script: { commands: YamlCommand[] };
}

const yaml = load(
  readFileSync(
    join(__dirname, '..', '..', 'Integrations', 'MicrosoftGraphCalendar', 'MicrosoftGraphCalendar.yml'),
    'utf8',
  ),
) as IntegrationYaml;

/**
 * The short label of every instance field, as its display text starts: "ID (received from ...)"
 * → "ID", "Trust any certificate (not secure)" → "Trust any certificate".
 */
export const FIELD_LABELS: readonly string[] = [
  ...new Set(yaml.configuration.map((p) => (p.display ?? p.displaypassword ?? p.name).split(' (')[0].trim())),
];

/** Every command of the YAML plus test-module, with its argument names. */
export const COMMAND_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  'test-module': [],
  ...Object.fromEntries(yaml.script.commands.map((c) => [c.name, (c.arguments ?? []).map((a) => a.name)])),
};

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * True when every line of a settings error names a field by its label, as a whole word
 * ("Key must be provided.", "The token URL in ID (after the @) must be ...").
 */
export function namesFieldOnEveryLine(message: string): boolean {
  const re = new RegExp(`(?:^|[^\\w])(?:${FIELD_LABELS.map(escape).join('|')})(?:[^\\w]|$)`);
  return message.split('\n').every((line) => re.test(line));
}

/** True when the message names one of `command`'s arguments as a word. */
export function namesArgument(command: string, message: string): boolean {
  const names = COMMAND_ARGUMENTS[command] ?? [];
  return names.some((name) => new RegExp(`(^|[^\\w])${escape(name)}([^\\w]|$)`).test(message));
}
