/**
 * Graph objects → War Room rows and context objects, exactly as upstream's `parse_events` and
 * `parse_calendar` do (same key transformation, same dropped keys, same row builders).
 */
import { camelCaseToContextKey } from '../../../Packs/Base/Scripts/CommonServer/pythonTitle';
import type { TableColumn } from '../../../Packs/Base/Scripts/CommonServer/tableToMarkdown';

/** Root of every context path of this integration. */
export const CONTEXT_ROOT = 'MSGraphCalendar';
/** Context key of events, merged by ID. */
export const EVENT_CONTEXT_KEY = `${CONTEXT_ROOT}.Event(val.ID === obj.ID)`;
/** Context key of calendars, merged by ID. */
export const CALENDAR_CONTEXT_KEY = `${CONTEXT_ROOT}.Calendar(val.ID === obj.ID)`;
/** Event table columns, in upstream's order. */
export const EVENT_HEADERS = ['Subject', 'Organizer', 'Attendees', 'Start', 'End', 'ID'];
/** Calendar table columns, in upstream's order. */
export const CALENDAR_HEADERS = ['Name', 'Owner Name', 'Owner Address', 'ID'];

// Upstream drops different keys for events and calendars; keeping the asymmetry keeps the
// context identical (events keep @Odata.Context, calendars keep @Odata.Etag).
const EVENT_DROPPED_KEYS = ['@odata.etag', 'color'];
const CALENDAR_DROPPED_KEYS = ['@odata.context', 'color'];

/** A JSON object. */
export type JsonObject = Record<string, unknown>;

/** Rows for the War Room table and objects for the context, in the same order. */
export interface Parsed {
  readonly readable: JsonObject[];
  readonly context: JsonObject[];
}

/** True for a plain JSON object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Python-style `obj.get(key)`, null when the key is missing or `value` is not an object. */
function dig(value: unknown, key: string): unknown {
  if (!isJsonObject(value)) return null;
  const found = value[key];
  return found === undefined ? null : found;
}

function asList(raw: unknown): readonly JsonObject[] {
  const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  // Graph lists hold objects only: no copy then.
  return list.every(isJsonObject) ? list : list.filter(isJsonObject);
}

// Graph uses a few dozen property names; caching their transformation makes parsing 10,000
// events cheap (the Python-title port walks every character).
const contextKeyCache = new Map<string, string>();
const MAX_CACHED_KEYS = 1000;

function contextKey(key: string): string {
  let cached = contextKeyCache.get(key);
  if (cached === undefined) {
    cached = camelCaseToContextKey(key);
    if (contextKeyCache.size < MAX_CACHED_KEYS) contextKeyCache.set(key, cached);
  }
  return cached;
}

/**
 * Top-level keys transformed to context keys, the dropped keys removed; nested values untouched.
 * The reference conversion of one object; lists go through a {@link ContextShaper}.
 */
export function toContextObject(raw: JsonObject, dropped: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(raw)) {
    if (dropped.indexOf(key) < 0) out[contextKey(key)] = raw[key];
  }
  return out;
}

/** How objects with one sequence of keys become context objects. */
interface Shape {
  readonly rawKeys: readonly string[];
  /** The context key of each raw key, in the same order; undefined for a dropped key. */
  readonly targets: readonly (string | undefined)[];
  /** The context keys in their final order, with fast (non-dictionary) properties. */
  readonly template: JsonObject;
}

// Graph answers use one or a few key sequences; more than this means the cache would not pay off.
const MAX_SHAPES = 64;

/** The shape of `rawKeys`, or undefined when a template could not reproduce {@link toContextObject}. */
function buildShape(rawKeys: readonly string[], dropped: readonly string[]): Shape | undefined {
  const targets = rawKeys.map((key) => (dropped.indexOf(key) < 0 ? contextKey(key) : undefined));
  const unique: string[] = [];
  for (const target of targets) if (target !== undefined && unique.indexOf(target) < 0) unique.push(target);
  // Assigning `__proto__` sets the prototype instead of a property (a JSON template would differ).
  if (unique.indexOf('__proto__') >= 0) return undefined;
  // JSON.parse builds fast-properties objects, whatever the number of keys; with the first
  // occurrence of each key in place, later assignments keep toContextObject's key order.
  const template = JSON.parse(
    `{${unique.map((key) => `${JSON.stringify(key)}:null`).join(',')}}`,
  ) as JsonObject;
  return { rawKeys, targets, template };
}

/**
 * A clone of the template filled from `raw`; undefined when the enumerable keys of `raw` are not
 * the shape's keys in order (a key inherited from a polluted prototype included). for-in walks
 * V8's enum cache: no key or value array is allocated per object.
 */
function fillEnumerated(shape: Shape, raw: JsonObject): JsonObject | undefined {
  const { rawKeys, targets } = shape;
  const out: JsonObject = { ...shape.template };
  let i = 0;
  for (const key in raw) {
    if (key !== rawKeys[i]) return undefined;
    const target = targets[i];
    if (target !== undefined) out[target] = raw[key];
    i += 1;
  }
  return i === rawKeys.length ? out : undefined;
}

/**
 * Converts many objects like {@link toContextObject}, faster: computed-key stores of ~40 keys
 * turn each object into a slow dictionary-mode object (more CPU, memory and GC, and a slower
 * JSON.stringify), so each object is cloned from a fast template of its key sequence instead and
 * its values overwritten. Same keys, same order, same values.
 */
export class ContextShaper {
  private readonly shapes = new Map<string, Shape | undefined>();
  private last: Shape | undefined;

  constructor(private readonly dropped: readonly string[]) {}

  /** The context object of `raw`. */
  convert(raw: JsonObject): JsonObject {
    // Objects of a Graph list nearly always share the previous object's keys.
    const quick = this.last === undefined ? undefined : fillEnumerated(this.last, raw);
    if (quick !== undefined) return quick;
    const shape = this.shapeOf(Object.keys(raw));
    const filled = shape === undefined ? undefined : fillEnumerated(shape, raw);
    return filled ?? toContextObject(raw, this.dropped);
  }

  private shapeOf(keys: readonly string[]): Shape | undefined {
    const id = JSON.stringify(keys);
    let shape = this.shapes.get(id);
    if (shape === undefined && !this.shapes.has(id)) {
      if (this.shapes.size >= MAX_SHAPES) return undefined;
      shape = buildShape(keys, this.dropped);
      this.shapes.set(id, shape);
    }
    if (shape !== undefined) this.last = shape;
    return shape;
  }
}

/** Python `value.get(a).get(b)`, null when a step is missing or not an object. */
function dig2(value: unknown, a: string, b: string): unknown {
  return dig(dig(value, a), b);
}

const attendeeName = (attendee: unknown): unknown => dig2(attendee, 'emailAddress', 'name');

// Most events list no attendee; one shared (frozen) empty list spares an array per event.
const NO_NAMES: readonly unknown[] = Object.freeze([]);

/** The event table (upstream's row builder), one array per column, in EVENT_HEADERS order. */
class EventColumns {
  readonly subject: unknown[];
  readonly organizer: unknown[];
  readonly attendees: unknown[];
  readonly start: unknown[];
  readonly end: unknown[];
  readonly id: unknown[];

  // Sized up front: growing six arrays of 10,000 items would copy them and feed the GC.
  constructor(size: number) {
    this.subject = new Array<unknown>(size);
    this.organizer = new Array<unknown>(size);
    this.attendees = new Array<unknown>(size);
    this.start = new Array<unknown>(size);
    this.end = new Array<unknown>(size);
    this.id = new Array<unknown>(size);
  }

  set(index: number, ctx: JsonObject): void {
    const attendees = Array.isArray(ctx.Attendees) ? ctx.Attendees : NO_NAMES;
    this.subject[index] = ctx.Subject ?? null;
    this.organizer[index] = dig2(ctx.Organizer, 'emailAddress', 'name');
    this.attendees[index] = attendees.length === 0 ? NO_NAMES : attendees.map(attendeeName);
    this.start[index] = dig(ctx.Start, 'dateTime');
    this.end[index] = dig(ctx.End, 'dateTime');
    this.id[index] = ctx.ID ?? null;
  }

  columns(): TableColumn[] {
    const values = [this.subject, this.organizer, this.attendees, this.start, this.end, this.id];
    return EVENT_HEADERS.map((header, i) => ({ header, values: values[i] }));
  }
}

/** Events parsed for a large table: the context objects, and the War Room table by column. */
export interface EventTable {
  readonly context: JsonObject[];
  /** For `columnsToMarkdown`, in EVENT_HEADERS order. */
  readonly columns: TableColumn[];
}

/** Upstream `parse_events` without row objects: for `columnsToMarkdown` on long lists. */
export function parseEventTable(raw: unknown): EventTable {
  const events = asList(raw);
  const context = new Array<JsonObject>(events.length);
  const table = new EventColumns(events.length);
  const shaper = new ContextShaper(EVENT_DROPPED_KEYS);
  for (let i = 0; i < events.length; i += 1) {
    const ctx = shaper.convert(events[i]);
    if ('@removed' in events[i]) ctx.Status = 'deleted';
    table.set(i, ctx);
    context[i] = ctx;
  }
  return { context, columns: table.columns() };
}

/** Upstream `parse_events`: one event or a list of events. */
export function parseEvents(raw: unknown): Parsed {
  const { context, columns } = parseEventTable(raw);
  const readable = context.map((_ctx, r) => {
    const row: JsonObject = {};
    for (const column of columns) row[column.header] = column.values[r];
    return row;
  });
  return { readable, context };
}

/** Upstream `parse_calendar`: one calendar or a list of calendars. */
export function parseCalendars(raw: unknown): Parsed {
  const readable: JsonObject[] = [];
  const context: JsonObject[] = [];
  const shaper = new ContextShaper(CALENDAR_DROPPED_KEYS);
  for (const calendar of asList(raw)) {
    // Upstream's `@removed` check on calendars tests an already-converted key and never fires;
    // we reproduce that by not adding Status to calendars.
    const ctx = shaper.convert(calendar);
    readable.push({
      Name: ctx.Name ?? null,
      'Owner Name': dig(ctx.Owner, 'name'),
      'Owner Address': dig(ctx.Owner, 'address'),
      ID: ctx.ID ?? null,
    });
    context.push(ctx);
  }
  return { readable, context };
}
