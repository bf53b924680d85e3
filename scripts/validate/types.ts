/**
 * Shared types and small helpers of the validator: a violation, the options, and safe readers for the
 * loosely typed YAML tree (every rule must survive arbitrary input without throwing).
 */

/** One rule violation. `location` is a readable path such as `configuration[insecure].display`. */
export interface Violation {
  /** demisto-sdk style error code, e.g. `IN152`, or a project code (`PM1xx`) where the SDK has none. */
  readonly code: string;
  readonly location: string;
  readonly message: string;
}

/** Options of {@link validateIntegration}. */
export interface ValidateOptions {
  /** The pack's `support` level; IN145 only runs for `xsoar`. */
  readonly packSupport?: string;
}

/** A YAML mapping as loaded by js-yaml. */
export type YamlMap = Record<string, unknown>;

/** The value as a mapping, or undefined when it is not one. */
export function asMap(value: unknown): YamlMap | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
    ? (value as YamlMap)
    : undefined;
}

/** The value as a list, or an empty list when it is not one. */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The mappings of a list, each with a readable location; non-mapping items are skipped. */
export function mapItems(value: unknown, base: string): Array<{ item: YamlMap; loc: string }> {
  const out: Array<{ item: YamlMap; loc: string }> = [];
  asList(value).forEach((raw, index) => {
    const item = asMap(raw);
    if (item) out.push({ item, loc: `${base}[${itemLabel(item, index)}]` });
  });
  return out;
}

/** A list item's label in locations: its `name` or `contextPath` when it has one, else its index. */
export function itemLabel(item: YamlMap | undefined, index: number): string {
  const label = item?.name ?? item?.contextPath;
  return typeof label === 'string' && label !== '' ? label : String(index);
}

/** Shorthand to build a violation. */
export function violation(code: string, location: string, message: string): Violation {
  return { code, location, message };
}

/** The integration's parameters with locations. */
export function params(doc: YamlMap): Array<{ item: YamlMap; loc: string }> {
  return mapItems(doc.configuration, 'configuration');
}

/** The integration's commands with locations. */
export function commands(doc: YamlMap): Array<{ item: YamlMap; loc: string }> {
  return mapItems(asMap(doc.script)?.commands, 'script.commands');
}

/** A short, single-line rendering of a value for messages (never the whole document). */
export function show(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : JSON.stringify(value);
  const line = text === undefined ? String(value) : text;
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
