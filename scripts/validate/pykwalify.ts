/**
 * A small interpreter for the subset of pykwalify schemas used by demisto-sdk's integration schema:
 * types map/seq/str/int/bool/number/float/text/scalar/any, `mapping`, `sequence`, `required`, `enum`,
 * `pattern`, `allowempty`, `include` of `schema;<name>` partials, and closed maps. Error codes follow
 * the old demisto-sdk flow: ST107 missing key, ST108 undefined key, ST109 missing in root,
 * ST110 wrong type/value, ST112 value not in enum.
 */
import { asList, asMap, itemLabel, show, violation, type Violation, type YamlMap } from './types';

/** A compiled schema: the root rule and its named partials. */
export interface Schema {
  readonly root: YamlMap;
  readonly partials: ReadonlyMap<string, YamlMap>;
}

/** Splits a loaded pykwalify schema document into the root rule and its `schema;<name>` partials. */
export function compileSchema(document: unknown): Schema {
  const doc = asMap(document);
  if (!doc) throw new Error('The pykwalify schema is not a mapping.');
  const root: YamlMap = {};
  const partials = new Map<string, YamlMap>();
  for (const [key, value] of Object.entries(doc)) {
    if (key.startsWith('schema;')) partials.set(key.slice('schema;'.length), asMap(value) ?? {});
    else root[key] = value;
  }
  return { root, partials };
}

/** Validates a loaded YAML value against the schema; an empty list means it conforms. */
export function checkSchema(data: unknown, schema: Schema): Violation[] {
  const ctx: Ctx = { schema, out: [] };
  checkNode(data, schema.root, '', ctx, 0);
  return ctx.out;
}

/** The walk's state: the schema and the violations found so far. */
interface Ctx {
  readonly schema: Schema;
  readonly out: Violation[];
}

const MAX_INCLUDE_DEPTH = 50;

function resolve(rule: YamlMap, schema: Schema, depth: number): YamlMap {
  let current = rule;
  // Partials may include other partials; the depth cap stops a cyclic schema.
  for (let hops = depth; typeof current.include === 'string'; hops += 1) {
    const next = schema.partials.get(current.include);
    if (!next || hops > MAX_INCLUDE_DEPTH) throw new Error(`Schema partial "${current.include}" not found.`);
    current = next;
  }
  return current;
}

function checkNode(value: unknown, rawRule: YamlMap, path: string, ctx: Ctx, depth: number) {
  const rule = resolve(rawRule, ctx.schema, depth);
  // pykwalify accepts a null on any key that is not required; `required` is checked by the parent map.
  if (value === null || value === undefined) return;
  const type = typeof rule.type === 'string' ? rule.type : 'str';
  if (!matchesType(value, type)) {
    ctx.out.push(violation('ST110', path || '<root>', `value ${show(value)} is not of type "${type}".`));
    return;
  }
  const allowed = asList(rule.enum);
  if (allowed.length > 0 && !allowed.includes(value)) {
    const choices = allowed.map((v) => show(v)).join(', ');
    ctx.out.push(
      violation('ST112', path, `value ${show(value)} is not one of the allowed values: ${choices}.`),
    );
  }
  if (
    typeof rule.pattern === 'string' &&
    typeof value === 'string' &&
    !new RegExp(rule.pattern).test(value)
  ) {
    ctx.out.push(
      violation('ST110', path, `value ${show(value)} does not match the pattern ${rule.pattern}.`),
    );
  }
  if (type === 'map') checkMap(value as YamlMap, rule, path, ctx, depth);
  if (type === 'seq') checkSeq(value as unknown[], rule, path, ctx, depth);
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'map':
      return asMap(value) !== undefined;
    case 'seq':
      return Array.isArray(value);
    case 'str':
      return typeof value === 'string';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'number':
    case 'float':
      return typeof value === 'number';
    case 'text':
      return typeof value === 'string' || typeof value === 'number';
    case 'scalar':
      return typeof value !== 'object';
    default:
      throw new Error(`Unsupported pykwalify type "${type}" in the schema.`);
  }
}

function keyRule(mapping: YamlMap, key: string): YamlMap | undefined {
  const exact = asMap(mapping[key]);
  if (exact) return exact;
  for (const [pattern, rule] of Object.entries(mapping)) {
    const match = /^(?:regex|re);\((.*)\)$/.exec(pattern);
    if (match && new RegExp(match[1]).test(key)) return asMap(rule);
  }
  return undefined;
}

function checkMap(value: YamlMap, rule: YamlMap, path: string, ctx: Ctx, depth: number) {
  const mapping = asMap(rule.mapping) ?? {};
  for (const [key, child] of Object.entries(mapping)) {
    const childRule = resolve(asMap(child) ?? {}, ctx.schema, depth);
    const missing = value[key] === undefined || value[key] === null;
    if (childRule.required === true && missing) {
      const where = path || '<root>';
      const code = path ? 'ST107' : 'ST109';
      ctx.out.push(violation(code, where, `required key "${key}" is missing or has no value.`));
    }
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    const childRule = keyRule(mapping, key);
    if (childRule) checkNode(child, childRule, childPath, ctx, depth + 1);
    else if (rule.allowempty !== true) {
      ctx.out.push(violation('ST108', childPath, `key "${key}" is not defined in the schema.`));
    }
  }
}

function checkSeq(value: unknown[], rule: YamlMap, path: string, ctx: Ctx, depth: number) {
  const itemRule = asMap(asList(rule.sequence)[0]);
  if (!itemRule) return;
  value.forEach((item, index) => {
    checkNode(item, itemRule, `${path}[${itemLabel(asMap(item), index)}]`, ctx, depth + 1);
  });
}
