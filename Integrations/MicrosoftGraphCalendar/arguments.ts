/**
 * The command arguments, declared in TypeScript (kept in step with the YAML by a test) and
 * validated before the settings are parsed or anything is sent.
 */
import { argToInt, argToIsoDateTime, argToList } from '../../Packs/Base/Scripts/CommonServer/args';
import { ArgumentError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/errors';

/**
 * How an argument is read: `id` trimmed text (user, calendar and event ids, filters);
 * `text` verbatim text (subject, body, location: spaces are content); `integer` a whole number
 * in [min, max]; `dateTime` ISO 8601; `link` an absolute http(s) URL; `list` comma-separated items.
 */
export type ArgKind = 'id' | 'text' | 'integer' | 'dateTime' | 'link' | 'list';

/** One declared argument. */
export interface ArgSpec {
  readonly name: string;
  readonly kind: ArgKind;
  readonly required?: boolean;
  readonly min?: number;
  readonly max?: number;
}

/** Graph's largest page size. */
export const MAX_TOP = 1000;
/** The most items one command collects by following next links. */
export const MAX_LIMIT = 10000;

const user: ArgSpec = { name: 'user', kind: 'id' };
const calendarId: ArgSpec = { name: 'calendar_id', kind: 'id' };
const eventId: ArgSpec = { name: 'event_id', kind: 'id', required: true };
const orderBy: ArgSpec = { name: 'order_by', kind: 'id' };
const nextLink: ArgSpec = { name: 'next_link', kind: 'link' };
const top: ArgSpec = { name: 'top', kind: 'integer', min: 1, max: MAX_TOP };
const limit: ArgSpec = { name: 'limit', kind: 'integer', min: 1, max: MAX_LIMIT };

const eventFields: readonly ArgSpec[] = [
  { name: 'attendees', kind: 'list' },
  { name: 'body', kind: 'text' },
  { name: 'subject', kind: 'text' },
  { name: 'location', kind: 'text' },
  { name: 'end', kind: 'dateTime' },
  { name: 'original_end_time_zone', kind: 'id' },
  { name: 'original_start', kind: 'dateTime' },
  { name: 'start', kind: 'dateTime' },
  { name: 'time_zone', kind: 'id' },
  { name: 'original_start_time_zone', kind: 'id' },
];

/** Arguments of every command the integration answers, keyed by command name. */
export const COMMAND_ARGS: Readonly<Record<string, readonly ArgSpec[]>> = {
  'test-module': [],
  'msgraph-calendar-auth-reset': [],
  'msgraph-calendar-list-calendars': [user, orderBy, nextLink, top, limit],
  'msgraph-calendar-get-calendar': [user, calendarId],
  'msgraph-calendar-list-events': [
    user,
    calendarId,
    orderBy,
    nextLink,
    top,
    { name: 'filter_by', kind: 'id' },
    limit,
  ],
  'msgraph-calendar-get-event': [user, eventId],
  'msgraph-calendar-create-event': [user, calendarId, ...eventFields],
  'msgraph-calendar-update-event': [user, eventId, ...eventFields],
  'msgraph-calendar-delete-event': [user, eventId],
};

type ArgValue = string | number | readonly string[];

/** Validated arguments: only declared, present (non-blank) values, already converted. */
export class ValidArgs {
  constructor(private readonly values: ReadonlyMap<string, ArgValue>) {}

  /** A text, id, date-time or link argument; undefined when not given. */
  text(name: string): string | undefined {
    const value = this.values.get(name);
    return typeof value === 'string' ? value : undefined;
  }

  /** An integer argument; undefined when not given. */
  integer(name: string): number | undefined {
    const value = this.values.get(name);
    return typeof value === 'number' ? value : undefined;
  }

  /** A list argument; undefined when not given. */
  list(name: string): readonly string[] | undefined {
    const value = this.values.get(name);
    return Array.isArray(value) ? value : undefined;
  }

  /** True when the argument was given. */
  has(name: string): boolean {
    return this.values.has(name);
  }
}

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/** A single text value; a one-item list (how a playbook may pass a context value) is unwrapped. */
function singleText(value: unknown, name: string): string {
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (typeof single === 'string') return single;
  if (typeof single === 'number' || typeof single === 'boolean') return String(single);
  throw new ArgumentError(name, `The ${name} argument must be a single text value.`);
}

function readLink(value: unknown, name: string): string {
  const text = singleText(value, name).trim();
  if (!/^https?:\/\/[^\s/]+\/\S*$/i.test(text)) {
    throw new ArgumentError(
      name,
      `The ${name} argument must be the full @odata.nextLink URL returned by a previous call.`,
    );
  }
  return text;
}

function readList(value: unknown): readonly string[] {
  // Items are trimmed and empty ones dropped (upstream sent " b@x.com" and an empty attendee).
  return argToList(value)
    .map((item) => (typeof item === 'string' ? item.trim() : String(item)))
    .filter((item) => item !== '');
}

function convert(spec: ArgSpec, value: unknown): ArgValue {
  switch (spec.kind) {
    case 'id':
      return singleText(value, spec.name).trim();
    case 'text':
      return singleText(value, spec.name);
    case 'integer':
      return argToInt(Array.isArray(value) && value.length === 1 ? value[0] : value, spec.name, spec);
    case 'dateTime':
      return argToIsoDateTime(singleText(value, spec.name), spec.name);
    case 'link':
      return readLink(value, spec.name);
    case 'list':
      return readList(value);
  }
}

/** The event fields update-event can change. */
export const UPDATABLE_FIELDS = [
  'subject',
  'body',
  'location',
  'start',
  'end',
  'attendees',
  'original_start',
  'original_start_time_zone',
  'original_end_time_zone',
];

/** Rules that involve several arguments of one command. */
export const COMMAND_RULES: Readonly<Record<string, (args: ValidArgs) => void>> = {
  'msgraph-calendar-update-event': (args) => {
    // time_zone alone changes nothing: it only qualifies start and end.
    if (!UPDATABLE_FIELDS.some((name) => args.has(name))) {
      const names = UPDATABLE_FIELDS.slice(0, -1).join(', ');
      throw new ArgumentError(
        'subject',
        `Nothing to update: give at least one of ${names} or ${UPDATABLE_FIELDS.slice(-1)[0]}.`,
      );
    }
  },
};

/**
 * Checks raw arguments against the specs: required ones present, every value well-formed.
 * Blank values count as absent; undeclared arguments are ignored (upstream passed them on to
 * Graph as event properties).
 * @throws ArgumentError naming the first offending argument.
 */
export function validateArgs(specs: readonly ArgSpec[], raw: Readonly<Record<string, unknown>>): ValidArgs {
  const values = new Map<string, ArgValue>();
  for (const spec of specs) {
    const value = raw[spec.name];
    const converted = isBlank(value) ? undefined : convert(spec, value);
    if (converted === undefined || isBlank(converted)) {
      if (spec.required) throw new ArgumentError(spec.name, `The ${spec.name} argument is required.`);
      continue;
    }
    values.set(spec.name, converted);
  }
  return new ValidArgs(values);
}

/**
 * Validates the arguments of `command` (specs, then cross-argument rules).
 * @throws ArgumentError naming the offending argument.
 */
export function validateCommandArgs(command: string, raw: Readonly<Record<string, unknown>>): ValidArgs {
  const specs = Object.prototype.hasOwnProperty.call(COMMAND_ARGS, command) ? COMMAND_ARGS[command] : [];
  const args = validateArgs(specs, raw);
  const rule = Object.prototype.hasOwnProperty.call(COMMAND_RULES, command)
    ? COMMAND_RULES[command]
    : undefined;
  if (rule) rule(args);
  return args;
}
