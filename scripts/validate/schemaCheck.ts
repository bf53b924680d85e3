/**
 * Checks a loaded integration YAML against `integration.schema.json` with AJV and turns AJV's errors into
 * the structure codes of demisto-sdk's schema step: ST107 required key missing (below the root), ST108
 * key not defined in the schema, ST109 required key missing at the root, ST110 wrong type, ST112 value
 * not in the allowed set. Violations come in document order, each mapping's missing keys first.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import integrationSchema from './integration.schema.json';
import { asMap, itemLabel, show, violation, type Violation, type YamlMap } from './types';

/** Checks one loaded document; an empty list means it conforms. */
export type SchemaChecker = (data: unknown) => Violation[];

/** A found violation with its position in the document, for sorting. */
interface Placed {
  readonly order: number[];
  readonly violation: Violation;
}

/** Words for JSON Schema types in messages, as a YAML author calls them. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  object: 'mapping',
  array: 'list',
};

/**
 * Compiles a checker for a JSON Schema that follows the conventions of `integration.schema.json`:
 * optional keys accept null, and a required key's own `type` sits inline under `properties` (so a null
 * there can be reported as a missing key). Throws when the schema itself is invalid.
 */
export function createSchemaChecker(schema: object): SchemaChecker {
  // strict: a typo in the schema (an unknown keyword) fails here instead of silently allowing anything.
  // verbose: errors carry the schema object they come from, which ranks missing keys (see `missing`).
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  const validate: ValidateFunction = ajv.compile(schema);
  const owners = propertyOwners(schema);
  return (data) => {
    if (validate(toJsonData(data))) return [];
    return mapErrors(validate.errors ?? [], data, owners);
  };
}

/** For every schema under some `properties`, the object schema that lists it. */
type Owners = WeakMap<object, YamlMap>;

function propertyOwners(schema: unknown, owners: Owners = new WeakMap()): Owners {
  const node = asMap(schema);
  if (!node) return owners;
  for (const child of Object.values(asMap(node.properties) ?? {})) {
    const childMap = asMap(child);
    if (childMap) owners.set(childMap, node);
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((item) => propertyOwners(item, owners));
    else propertyOwners(value, owners);
  }
  return owners;
}

let integrationChecker: SchemaChecker | undefined;

/** Checks a loaded integration YAML against the project's `integration.schema.json`. */
export function checkIntegrationSchema(data: unknown): Violation[] {
  integrationChecker ??= createSchemaChecker(integrationSchema);
  return integrationChecker(data);
}

/**
 * A copy that AJV sees as the YAML author meant it. js-yaml loads an unquoted timestamp as a Date, which
 * AJV would take for a mapping; a symbol fails every typed check, as a date must (no key's type is date).
 */
function toJsonData(value: unknown): unknown {
  if (value instanceof Date) return Symbol('timestamp');
  if (Array.isArray(value)) return value.map(toJsonData);
  const map = asMap(value);
  // fromEntries defines keys as own data properties, so a YAML key "__proto__" stays a plain key.
  return map ? Object.fromEntries(Object.entries(map).map(([k, v]) => [k, toJsonData(v)])) : value;
}

function mapErrors(errors: readonly ErrorObject[], data: unknown, owners: Owners): Violation[] {
  // A value of the wrong type is one finding; its enum mismatch would only repeat it.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const placed: Placed[] = [];
  for (const error of errors) {
    if (error.keyword !== 'type' && wrongType.has(error.instancePath)) continue;
    placed.push(place(error, data, owners));
  }
  return placed.sort((a, b) => compareOrder(a.order, b.order)).map((p) => p.violation);
}

function place(error: ErrorObject, data: unknown, owners: Owners): Placed {
  const segments = pointerSegments(error.instancePath);
  const node = locate(data, segments);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return missing(node, String(params.missingProperty), error.parentSchema);
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const child = locate(data, [...segments, key]);
      return { order: child.order, violation: undefinedKey(child.path, key) };
    }
    case 'type':
      if (node.value === null && segments.length > 0) {
        // Only required keys refuse null (see the schema), so a null here is a required key with no value.
        const parent = locate(data, segments.slice(0, -1));
        const mapSchema = error.parentSchema ? owners.get(error.parentSchema) : undefined;
        return missing(parent, segments[segments.length - 1], mapSchema);
      }
      return { order: node.order, violation: wrongTypeViolation(node, params.type) };
    case 'enum':
      return { order: node.order, violation: notAllowed(node, params.allowedValues) };
    default:
      return { order: node.order, violation: violation('ST110', node.path || '<root>', `${error.message}.`) };
  }
}

/** A node of the loaded document: its value, its readable path and its position (for sorting). */
interface Located {
  readonly value: unknown;
  readonly path: string;
  readonly order: number[];
}

/** Walks JSON pointer segments through the original data, building the readable location as it goes. */
function locate(data: unknown, segments: readonly string[]): Located {
  let value = data;
  let path = '';
  const order: number[] = [];
  for (const segment of segments) {
    if (Array.isArray(value)) {
      const index = Number(segment);
      path = `${path}[${itemLabel(asMap(value[index]), index)}]`;
      order.push(index);
      value = value[index];
    } else {
      const map = asMap(value) ?? {};
      path = path ? `${path}.${segment}` : segment;
      order.push(Object.keys(map).indexOf(segment));
      value = map[segment];
    }
  }
  return { value, path, order };
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A required key that is absent or null: ST109 at the root, ST107 below it, before the map's children. */
function missing(map: Located, key: string, mapSchema: unknown): Placed {
  const properties = Object.keys(asMap(asMap(mapSchema)?.properties) ?? {});
  const rank = properties.indexOf(key);
  const code = map.path ? 'ST107' : 'ST109';
  const message = `required key "${key}" is missing or has no value.`;
  // -1 sorts the map's missing keys before its children; the order of `properties` ranks them.
  return { order: [...map.order, -1, rank], violation: violation(code, map.path || '<root>', message) };
}

function undefinedKey(path: string, key: string): Violation {
  return violation('ST108', path, `key "${key}" is not defined in the schema.`);
}

function wrongTypeViolation(node: Located, type: unknown): Violation {
  const types = (Array.isArray(type) ? type : String(type).split(',')).filter((t) => t !== 'null');
  const expected = types.map((t) => TYPE_WORDS[t] ?? t).join('" or "');
  return violation('ST110', node.path || '<root>', `value ${show(node.value)} is not of type "${expected}".`);
}

function notAllowed(node: Located, allowed: unknown): Violation {
  const choices = (Array.isArray(allowed) ? allowed : []).filter((v) => v !== null).map((v) => show(v));
  return violation(
    'ST112',
    node.path,
    `value ${show(node.value)} is not one of the allowed values: ${choices.join(', ')}.`,
  );
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
