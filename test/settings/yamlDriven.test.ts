/**
 * The YAML is the single source of truth: a parameter and an argument added to a copy of the YAML
 * are validated by the regenerated AJV validators and named in the errors with their YAML labels,
 * with no source change.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dump, load } from 'js-yaml';
import { generateIntegration, writeGenerated, YAML_PATH } from '../../scripts/gen';
import type { GeneratedValidator } from '../../Packs/Base/Scripts/CommonServer/commandArguments';
import { readArguments } from '../../Packs/Base/Scripts/CommonServer/commandArguments';
import type { IntegrationMetadata } from '../../Packs/Base/Scripts/CommonServer/metadata';
import { ArgumentError, SettingsError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { parseSettings } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/parseSettings';
import {
  ARGUMENTS_OVERLAY,
  SETTINGS_OVERLAY,
} from '../../Integrations/MicrosoftGraphCalendar/definition/overlay';
import { INSTANCES } from './fixtures';

type Yaml = {
  configuration: Record<string, unknown>[];
  script: { commands: { name: string; arguments: Record<string, unknown>[] }[] };
};

let dir: string;
let metadata: IntegrationMetadata;
let validators: { settingsRaw: GeneratedValidator; settingsValues: GeneratedValidator };
let argumentValidators: Record<string, GeneratedValidator>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-driven-'));
  const yaml = load(fs.readFileSync(YAML_PATH, 'utf8')) as Yaml;
  yaml.configuration.push({ display: 'Mailbox group', name: 'mailbox_group', type: 0, required: true });
  yaml.configuration.push({
    display: 'Sync window',
    name: 'sync_window',
    type: 15,
    options: ['Day', 'Week'],
  });
  const listEvents = yaml.script.commands.find((c) => c.name === 'msgraph-calendar-list-events');
  listEvents?.arguments.push({
    name: 'importance',
    description: 'Only events of this importance.',
    required: true,
    predefined: ['low', 'normal', 'high'],
  });
  const copy = path.join(dir, 'Copy.yml');
  fs.writeFileSync(copy, dump(yaml));
  writeGenerated(generateIntegration(copy, dir), dir);
  /* eslint-disable @typescript-eslint/no-require-imports -- modules generated at test time */
  metadata = require(path.join(dir, 'metadata.ts')).METADATA;
  validators = require(path.join(dir, 'settingsValidators.js'));
  argumentValidators = require(path.join(dir, 'argumentValidators.js')).argumentValidators;
  /* eslint-enable @typescript-eslint/no-require-imports */
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function problems(params: Record<string, unknown>): [string, string][] {
  const definition = {
    params: metadata.params,
    overlay: SETTINGS_OVERLAY,
    validateRaw: validators.settingsRaw,
    validateValues: validators.settingsValues,
  };
  try {
    parseSettings(params, definition);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems.map((p) => [p.param, p.message]);
    throw error;
  }
  return [];
}

describe('a parameter added to the YAML', () => {
  it('is required and named by its label, with no source change', () => {
    expect(problems(INSTANCES.clientSecret)).toStrictEqual([
      ['mailbox_group', 'Mailbox group must be provided.'],
    ]);
    expect(problems({ ...INSTANCES.clientSecret, mailbox_group: 'SOC' })).toStrictEqual([]);
  });

  it('takes only the options the YAML lists', () => {
    const params = { ...INSTANCES.clientSecret, mailbox_group: 'SOC', sync_window: 'Month' };
    expect(problems(params)).toStrictEqual([['sync_window', 'Sync window must be one of Day, Week.']]);
  });
});

describe('an argument added to the YAML', () => {
  const read = (args: Record<string, unknown>) => {
    const command = metadata.commands.find((c) => c.name === 'msgraph-calendar-list-events');
    if (!command) throw new Error('list-events missing from the generated metadata');
    return readArguments(command, ARGUMENTS_OVERLAY, argumentValidators[command.name], args);
  };

  it('is required, with a message naming it', () => {
    expect(() => read({})).toThrow(new ArgumentError('importance', 'The importance argument is required.'));
  });

  it('takes only its predefined values', () => {
    expect(() => read({ importance: 'urgent' })).toThrow(
      'The importance argument must be one of low, normal, high (got "urgent").',
    );
    expect(read({ importance: ' high ' }).args.text('importance')).toBe('high');
  });
});
