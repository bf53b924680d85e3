/** The TypeScript command table and argument specs agree with the integration YAML. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { load } from 'js-yaml';
import { COMMAND_ARGS } from '../../Integrations/MicrosoftGraphCalendar/arguments';
import { COMMAND_TABLE } from '../../Integrations/MicrosoftGraphCalendar/commandTable';

interface YamlArgument {
  name: string;
  required?: boolean;
}
interface YamlCommand {
  name: string;
  arguments?: YamlArgument[];
}

const yamlPath = join(__dirname, '../../Integrations/MicrosoftGraphCalendar/MicrosoftGraphCalendar.yml');
const yaml = load(readFileSync(yamlPath, 'utf8')) as { script: { commands: YamlCommand[] } };
const yamlCommands = yaml.script.commands;

function shape(args: readonly { name: string; required?: boolean }[]): string[] {
  return args.map((a) => `${a.name}${a.required ? ' (required)' : ''}`).sort();
}

describe('command table vs MicrosoftGraphCalendar.yml', () => {
  it('has a handler and an argument spec for every YAML command', () => {
    for (const command of yamlCommands) {
      expect({ command: command.name, handler: command.name in COMMAND_TABLE }).toEqual({
        command: command.name,
        handler: true,
      });
      expect({ command: command.name, spec: command.name in COMMAND_ARGS }).toEqual({
        command: command.name,
        spec: true,
      });
    }
  });

  it('declares in the YAML every command it handles, except the implicit test-module', () => {
    const declared = yamlCommands.map((c) => c.name).sort();
    expect(
      Object.keys(COMMAND_TABLE)
        .filter((name) => name !== 'test-module')
        .sort(),
    ).toEqual(declared);
    expect(Object.keys(COMMAND_ARGS).sort()).toEqual(Object.keys(COMMAND_TABLE).sort());
  });

  it.each(yamlCommands.map((c) => [c.name, c] as const))(
    '%s: same argument names and required flags',
    (name, command) => {
      expect(shape(COMMAND_ARGS[name])).toEqual(shape(command.arguments ?? []));
    },
  );
});
