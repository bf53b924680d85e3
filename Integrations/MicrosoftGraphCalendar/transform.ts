/**
 * Graph objects → War Room rows and context objects, exactly as upstream's `parse_events` and
 * `parse_calendar` do (same key transformation, same dropped keys, same row builders).
 */
import { camelCaseToContextKey } from '../../Packs/Base/Scripts/CommonServer/pythonTitle';

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

/** Python-style `obj.get(a).get(b)...`, null when any step is missing or not an object. */
function dig(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isJsonObject(current) || current[key] === undefined) return null;
    current = current[key];
  }
  return current;
}

function asList(raw: unknown): JsonObject[] {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  return list.filter(isJsonObject);
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

/** Top-level keys transformed to context keys, the dropped keys removed; nested values untouched. */
export function toContextObject(raw: JsonObject, dropped: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(raw)) {
    if (dropped.indexOf(key) < 0) out[contextKey(key)] = raw[key];
  }
  return out;
}

function eventRow(ctx: JsonObject): JsonObject {
  const attendees = Array.isArray(ctx.Attendees) ? ctx.Attendees : [];
  return {
    Subject: ctx.Subject ?? null,
    ID: ctx.ID ?? null,
    Organizer: dig(ctx.Organizer, 'emailAddress', 'name'),
    Attendees: attendees.map((attendee) => dig(attendee, 'emailAddress', 'name')),
    Start: dig(ctx.Start, 'dateTime'),
    End: dig(ctx.End, 'dateTime'),
  };
}

/** Upstream `parse_events`: one event or a list of events. */
export function parseEvents(raw: unknown): Parsed {
  const readable: JsonObject[] = [];
  const context: JsonObject[] = [];
  for (const event of asList(raw)) {
    const ctx = toContextObject(event, EVENT_DROPPED_KEYS);
    if ('@removed' in event) ctx.Status = 'deleted';
    readable.push(eventRow(ctx));
    context.push(ctx);
  }
  return { readable, context };
}

/** Upstream `parse_calendar`: one calendar or a list of calendars. */
export function parseCalendars(raw: unknown): Parsed {
  const readable: JsonObject[] = [];
  const context: JsonObject[] = [];
  for (const calendar of asList(raw)) {
    // Upstream's `@removed` check on calendars tests an already-converted key and never fires;
    // we reproduce that by not adding Status to calendars.
    const ctx = toContextObject(calendar, CALENDAR_DROPPED_KEYS);
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
