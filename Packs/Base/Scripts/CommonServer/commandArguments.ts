/**
 * Command arguments, read the way XSOAR passes them and validated by the command's generated JSON
 * Schema validator: blank values are absent, YAML defaults apply, list arguments (`isArray`) are
 * split like argToList, a one-item list given to a single-valued argument is unwrapped (how a
 * playbook passes a context value), whole numbers are read from decimal text, then AJV checks.
 * Undeclared arguments are dropped (upstream passed them on to Graph as event properties).
 */
import { argToList, describeValue, rangeText } from './args';
import { kindOf, type ArgumentKind, type ArgumentsOverlay } from './argumentRules';
import { ArgumentError } from './errors';
import type { ArgumentMetadata, CommandMetadata } from './metadata';

/** One AJV error, as the generated validators report it. */
export interface ValidationError {
  readonly instancePath: string;
  /** Where in the schema the failing keyword is, e.g. `#/anyOf/0/required`. */
  readonly schemaPath?: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A generated validator: true when valid; the errors are left in `errors`. */
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: readonly ValidationError[] | null;
}

type Value = string | number | readonly string[];

/** Validated arguments: only declared, given values, already converted. */
export class ValidArgs {
  constructor(private readonly values: Readonly<Record<string, Value>>) {}

  /** A text argument; undefined when not given. */
  text(name: string): string | undefined {
    const value = this.get(name);
    return typeof value === 'string' ? value : undefined;
  }

  /** A whole-number argument; undefined when not given. */
  integer(name: string): number | undefined {
    const value = this.get(name);
    return typeof value === 'number' ? value : undefined;
  }

  /** A list argument; undefined when not given. */
  list(name: string): readonly string[] | undefined {
    const value = this.get(name);
    return Array.isArray(value) ? (value as readonly string[]) : undefined;
  }

  /** True when the argument was given. */
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  private get(name: string): Value | undefined {
    return Object.prototype.hasOwnProperty.call(this.values, name) ? this.values[name] : undefined;
  }
}

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

const DECIMAL = /^\s*[+-]?\d+\s*$/;

/**
 * XSOAR passes arguments as text, playbooks also as numbers, booleans and lists: a whole number is
 * read from decimal text only (not `1e3`, `0x10` or `true`), and a number or boolean given to a
 * text argument is its text. Anything else is left for the validator to refuse.
 */
function prepare(arg: ArgumentMetadata, kind: ArgumentKind['kind'], value: unknown): unknown {
  if (arg.isArray) {
    // Items are trimmed and blank ones dropped (upstream sent " b@x.com" and an empty attendee):
    // a null item of a JSON list is blank too.
    const items = argToList(value).map((item) => (typeof item === 'string' ? item.trim() : item));
    return items.filter((item) => item !== '' && item !== null && item !== undefined);
  }
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (kind === 'integer') return typeof single === 'string' && DECIMAL.test(single) ? Number(single) : single;
  const text = typeof single === 'number' || typeof single === 'boolean' ? String(single) : single;
  return typeof text === 'string' && kind !== 'text' ? text.trim() : text;
}

/** The declared arguments of `raw`, prepared for validation, and the names that were dropped. */
function prepareAll(
  command: CommandMetadata,
  overlay: ArgumentsOverlay,
  raw: Readonly<Record<string, unknown>>,
): { data: Record<string, unknown>; ignored: string[] } {
  const data: Record<string, unknown> = {};
  for (const arg of command.arguments) {
    const given = Object.prototype.hasOwnProperty.call(raw, arg.name) ? raw[arg.name] : undefined;
    const value = isBlank(given) ? arg.defaultValue : given;
    if (isBlank(value)) continue;
    const prepared = prepare(arg, kindOf(overlay, arg.name).kind, value);
    if (!isBlank(prepared)) data[arg.name] = prepared;
  }
  const declared = command.arguments.map((arg) => arg.name);
  return { data, ignored: Object.keys(raw).filter((name) => declared.indexOf(name) < 0) };
}

function messageFor(
  error: ValidationError,
  command: CommandMetadata,
  overlay: ArgumentsOverlay,
  data: Readonly<Record<string, unknown>>,
): ArgumentError | undefined {
  // The branches of "at least one of" report each missing name; the rule's own error says it all.
  if (/^#\/anyOf\/\d+\//.test(error.schemaPath ?? '')) return undefined;
  if (error.keyword === 'anyOf' && error.instancePath === '') {
    const rule = overlay.atLeastOne[command.name];
    if (!rule) return undefined;
    const names = rule.names;
    const list = `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
    return new ArgumentError(names[0], `${rule.reason}: give at least one of ${list}.`);
  }
  const name =
    error.keyword === 'required' ? String(error.params.missingProperty) : error.instancePath.split('/')[1];
  const arg = command.arguments.filter((a) => a.name === name)[0];
  if (!arg) return undefined;
  const got = describeValue(data[name]);
  const kind = kindOf(overlay, name);
  const say = (text: string): ArgumentError => new ArgumentError(name, `The ${name} argument ${text}.`);
  if (error.keyword === 'required') return say('is required');
  if (kind.kind === 'integer') return say(`must be an integer${rangeText(kind)} (got ${got})`);
  if (error.keyword === 'enum') return say(`must be one of ${arg.predefined.join(', ')} (got ${got})`);
  if (error.keyword === 'format' && error.params.format === 'date-time')
    return say(`must be an ISO 8601 date-time such as 2017-05-28T12:00:00 (got ${got})`);
  if (error.keyword === 'format' && error.params.format === 'path-segment')
    return say(`cannot be "." or ".." (encoded or not): such an ID would address another resource`);
  if (arg.isArray) return say(`must be a list of text values (got ${got})`);
  if (error.keyword === 'type') return say('must be a single text value');
  return say(`is not valid (got ${got})`);
}

/**
 * Reads and validates the arguments of `command`.
 * @throws ArgumentError naming the first offending argument; nothing has been sent.
 */
export function readArguments(
  command: CommandMetadata,
  overlay: ArgumentsOverlay,
  validate: GeneratedValidator,
  raw: Readonly<Record<string, unknown>>,
): { args: ValidArgs; ignored: string[] } {
  const { data, ignored } = prepareAll(command, overlay, raw);
  // What the user gave, for messages: the validator converts values (and list items) in place.
  const given: Record<string, unknown> = {};
  for (const name of Object.keys(data))
    given[name] = Array.isArray(data[name]) ? (data[name] as unknown[]).slice() : data[name];
  if (!validate(data)) {
    for (const error of validate.errors ?? []) {
      const problem = messageFor(error, command, overlay, given);
      if (problem) throw problem;
    }
    throw new ArgumentError('', `The arguments of ${command.name} are not valid.`);
  }
  return { args: new ValidArgs(data as Record<string, Value>), ignored };
}
