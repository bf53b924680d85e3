/**
 * The integration YAML's facts as the code needs them (`IntegrationMetadata`): parameter names,
 * types, labels, defaults, options and legacy twins; command arguments and output paths.
 */
import type {
  CommandMetadata,
  IntegrationMetadata,
  ParamMetadata,
} from '../../Packs/Base/Scripts/CommonServer/metadata';
import { ParamType } from '../../Packs/Base/Scripts/CommonServer/metadata';
import type { IntegrationDoc, YamlCommand, YamlParam } from '../docs/integrationYaml';

/** XSOAR's naming of a migrated secret: `credentials_<name>` (type 9) replaced the hidden `<name>`. */
const CREDENTIALS_PREFIX = 'credentials_';

function legacyTwin(param: YamlParam, all: readonly YamlParam[]): string | undefined {
  if (param.type !== ParamType.credentials || !param.name.startsWith(CREDENTIALS_PREFIX)) return undefined;
  const legacy = param.name.slice(CREDENTIALS_PREFIX.length);
  return all.some((p) => p.name === legacy && p.hidden) ? legacy : undefined;
}

function paramMetadata(param: YamlParam, all: readonly YamlParam[]): ParamMetadata {
  const label = (param.type === ParamType.credentials ? param.displaypassword : param.display) ?? param.name;
  const twin = legacyTwin(param, all);
  return {
    name: param.name,
    type: param.type,
    label,
    hidden: param.hidden,
    required: param.required,
    ...(param.defaultvalue === undefined ? {} : { defaultValue: param.defaultvalue }),
    ...(param.options.length === 0 ? {} : { options: param.options }),
    ...(twin === undefined ? {} : { legacyTwin: twin }),
  };
}

function commandMetadata(command: YamlCommand): CommandMetadata {
  return {
    name: command.name,
    arguments: (command.arguments ?? []).map((arg) => ({
      name: arg.name,
      required: arg.required,
      ...(arg.defaultValue === undefined ? {} : { defaultValue: arg.defaultValue }),
      predefined: arg.predefined,
      isArray: arg.isArray,
    })),
    outputs: command.outputs.map((output) => output.contextPath),
  };
}

/** The metadata of a parsed integration YAML (test-module is implicit in every integration). */
export function integrationMetadata(doc: IntegrationDoc): IntegrationMetadata {
  const testModule: CommandMetadata = { name: 'test-module', arguments: [], outputs: [] };
  return {
    params: doc.configuration.map((param) => paramMetadata(param, doc.configuration)),
    commands: [testModule, ...doc.commands.map(commandMetadata)],
  };
}
