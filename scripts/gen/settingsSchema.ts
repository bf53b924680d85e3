/**
 * The two JSON Schemas of the instance settings, built from the YAML metadata and the overlay:
 * - `raw`: the shape XSOAR delivers each parameter in, by its YAML type (credentials object,
 *   checkbox, select, text);
 * - `values`: the values once read (a credentials parameter folded with its legacy twin, blanks
 *   absent, checkboxes as booleans), with the YAML's required parameters, the overlay's formats,
 *   and the fields each authentication mode needs as an if/then/else chain on the mode checkboxes.
 */
import { CHECKBOX_WORDS } from '../../Packs/Base/Scripts/CommonServer/args';
import { ParamType, type ParamMetadata } from '../../Packs/Base/Scripts/CommonServer/metadata';
import { visibleParams } from '../../Packs/Base/Scripts/CommonServer/params';
import { SharedDefinitions } from './sharedDefinitions';
import type {
  FieldRule,
  ModeRules,
  SettingsOverlay,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/overlay';

type Schema = Record<string, unknown>;

/** The `$id`s, also the export names' lookup keys. */
export const SETTINGS_SCHEMA_IDS = {
  raw: 'urn:xsoar:settings-raw',
  values: 'urn:xsoar:settings-values',
} as const;

// Case-insensitive without the `i` flag (JSON Schema patterns have no flags): [tT][rR][uU][eE].
const anyCase = (word: string): string =>
  word
    .split('')
    .map((c) => `[${c.toLowerCase()}${c.toUpperCase()}]`)
    .join('');

/** A checkbox as text: a word of the one checkbox reader, or empty (unticked). */
export const CHECKBOX_PATTERN = `^\\s*(?:${[...CHECKBOX_WORDS.true, ...CHECKBOX_WORDS.false]
  .map(anyCase)
  .join('|')})?\\s*$`;

const TEXT: Schema = { type: ['string', 'null'] };

function rawSchemaOf(param: ParamMetadata): Schema {
  switch (param.type) {
    case ParamType.checkbox:
      return { type: ['boolean', 'string', 'null'], pattern: CHECKBOX_PATTERN };
    case ParamType.credentials:
      // XSOAR adds other keys (e.g. `credentials` from the vault); only these two matter here.
      return { type: ['object', 'null'], properties: { identifier: TEXT, password: TEXT } };
    case ParamType.singleSelect:
      // Empty is how an instance created before the parameter existed arrives.
      return { ...TEXT, enum: [...(param.options ?? []), '', null] };
    default:
      return TEXT;
  }
}

/** The shape of every parameter as delivered. Unknown parameters are allowed: XSOAR may send more. */
export function rawSettingsSchema(params: readonly ParamMetadata[]): Schema {
  const shapes = new SharedDefinitions('t');
  const properties = Object.fromEntries(params.map((p) => [p.name, shapes.ref(rawSchemaOf(p))]));
  return { $id: SETTINGS_SCHEMA_IDS.raw, type: 'object', properties, definitions: shapes.definitions() };
}

const given = (field: string): Schema => ({ required: [field] });

function fieldSchemas(fields: Readonly<Record<string, FieldRule>>): Schema[] {
  const out: Schema[] = [];
  for (const [field, rule] of Object.entries(fields)) {
    if (rule.required) out.push(given(field));
    if (rule.format) out.push({ properties: { [field]: { format: rule.format } } });
    if (rule.requires) out.push({ dependencies: { [field]: [rule.requires] } });
    if (rule.requiredUnlessAny)
      out.push({ if: { anyOf: rule.requiredUnlessAny.map(given) }, else: given(field) });
    if (rule.requiredWhen) {
      const { field: other, equals } = rule.requiredWhen;
      out.push({ if: { required: [other], properties: { [other]: { const: equals } } }, then: given(field) });
    }
  }
  return out;
}

function modeChain(modes: readonly ModeRules[]): Schema {
  const [first, ...rest] = modes;
  const rules: Schema = { allOf: fieldSchemas(first.fields) };
  if (first.when === undefined || rest.length === 0) return rules;
  const ticked = { required: [first.when], properties: { [first.when]: { const: true } } };
  return { if: ticked, then: rules, else: modeChain(rest) };
}

/** The values schema: required parameters, common rules, then the rules of the selected mode. */
export function valuesSettingsSchema(params: readonly ParamMetadata[], overlay: SettingsOverlay): Schema {
  const visible = visibleParams(params);
  return {
    $id: SETTINGS_SCHEMA_IDS.values,
    type: 'object',
    required: visible.filter((p) => p.required).map((p) => p.name),
    allOf: [...fieldSchemas(overlay.common), modeChain(overlay.modes)],
  };
}
