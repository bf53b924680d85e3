/**
 * One JSON Schema per command, built from the YAML metadata (names, required, predefined values,
 * isArray) and the overlay (the kind of each argument, rules across arguments). The schemas see
 * arguments after `readArguments` prepared them (blanks absent, lists split, text trimmed, whole
 * numbers read from decimal text).
 */
import {
  kindOf,
  type ArgumentKind,
  type ArgumentsOverlay,
} from '../../Packs/Base/Scripts/CommonServer/argumentRules';
import type { ArgumentMetadata, CommandMetadata } from '../../Packs/Base/Scripts/CommonServer/metadata';
import { SharedDefinitions } from './sharedDefinitions';

type Schema = Record<string, unknown>;

/** The `$id` of the schema holding every command's schema and the shapes they share. */
export const ARGUMENTS_SCHEMA_ID = 'urn:xsoar:arguments';

/** The reference of the `index`-th command's schema. */
export const commandSchemaRef = (index: number): string => `${ARGUMENTS_SCHEMA_ID}#/definitions/c${index}`;

function valueSchema(kind: ArgumentKind, predefined: readonly string[]): Schema {
  if (kind.kind === 'integer') return { type: 'integer', minimum: kind.min, maximum: kind.max };
  const schema: Schema = { type: 'string' };
  if (kind.kind === 'date-time') schema.format = 'date-time';
  if (kind.kind === 'id') schema.format = 'path-segment';
  if (predefined.length > 0) schema.enum = [...predefined];
  return schema;
}

function argumentSchema(arg: ArgumentMetadata, overlay: ArgumentsOverlay): Schema {
  const value = valueSchema(kindOf(overlay, arg.name), arg.predefined);
  return arg.isArray ? { type: 'array', items: value } : value;
}

/** The schema of one command's arguments; shapes are added to `shapes`. */
export function commandArgumentsSchema(
  command: CommandMetadata,
  overlay: ArgumentsOverlay,
  shapes: SharedDefinitions,
): Schema {
  const schema: Schema = {
    type: 'object',
    properties: Object.fromEntries(
      command.arguments.map((arg) => [arg.name, shapes.ref(argumentSchema(arg, overlay))]),
    ),
  };
  const required = command.arguments.filter((arg) => arg.required).map((arg) => arg.name);
  if (required.length > 0) schema.required = required;
  const rule = overlay.atLeastOne[command.name];
  if (rule) schema.anyOf = rule.names.map((name) => ({ required: [name] }));
  return schema;
}

/** One schema for all commands: command `i` is `definitions/c<i>`, beside the shapes they share. */
export function argumentsSchema(commands: readonly CommandMetadata[], overlay: ArgumentsOverlay): Schema {
  const shapes = new SharedDefinitions('s');
  const definitions: Record<string, Schema> = {};
  commands.forEach((command, index) => {
    definitions[`c${index}`] = commandArgumentsSchema(command, overlay, shapes);
  });
  return { $id: ARGUMENTS_SCHEMA_ID, definitions: { ...shapes.definitions(), ...definitions } };
}
