import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { PARAM_KINDS, PARAM_NAMES } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings';
import { paramsSchema } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/schema';

interface YamlParam {
  name: string;
  type: number;
  options?: string[];
}

const yamlPath = path.resolve(
  __dirname,
  '../../Integrations/MicrosoftGraphCalendar/MicrosoftGraphCalendar.yml',
);
const yamlParams = (load(fs.readFileSync(yamlPath, 'utf8')) as { configuration: YamlParam[] }).configuration;
const properties = paramsSchema.properties as Record<string, { type: string | string[]; enum?: unknown[] }>;

const nonNullTypes = (name: string) =>
  [properties[name].type]
    .flat()
    .filter((type) => type !== 'null')
    .sort();
const expectedTypes = (yamlType: number) =>
  yamlType === 9 ? ['object'] : yamlType === 8 ? ['boolean', 'string'] : ['string'];

describe('the settings schema stays in step with the integration YAML', () => {
  it('has a property for every YAML param and a YAML param for every property', () => {
    expect(Object.keys(properties).sort()).toStrictEqual(yamlParams.map((p) => p.name).sort());
  });

  it('exports the param names in the YAML order', () => {
    expect(PARAM_NAMES).toStrictEqual(yamlParams.map((p) => p.name));
  });

  it.each(yamlParams.map((p) => [p.name, p.type] as const))(
    'types %s (YAML type %d) as XSOAR delivers it',
    (name, type) => {
      expect(nonNullTypes(name)).toStrictEqual(expectedTypes(type));
      const kind = type === 9 ? 'credentials' : type === 8 ? 'checkbox' : 'text';
      expect(PARAM_KINDS[name as keyof typeof PARAM_KINDS]).toBe(kind);
    },
  );

  it('accepts exactly the Azure cloud options of the YAML, plus empty for older instances', () => {
    const cloud = yamlParams.find((p) => p.name === 'azure_cloud');
    expect(properties.azure_cloud.enum).toStrictEqual([...(cloud?.options ?? []), '', null]);
  });
});
