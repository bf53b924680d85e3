/**
 * Events: building a record from normalized input (POST), applying a PATCH, and rendering the
 * Graph JSON. Start/end keep their original zone; answers use UTC unless the client asked for a
 * zone (`Prefer: outlook.timezone`) or the answer is to a write (Graph echoes the original zone).
 */
import { createHash } from 'node:crypto';
import { isObject } from '../context';
import { GraphFailure } from './errors';
import { changeKey, type EventRecord, type GraphStore, type Mailbox } from './store';
import { formatInZone, parseWallTime, resolveTimeZone, wallToInstant } from './timezones';

/** How to render start/end: in UTC, in the zones they were written in, or in a requested zone. */
export type ZoneMode =
  | { readonly kind: 'utc' }
  | { readonly kind: 'original' }
  | { readonly kind: 'zone'; readonly name: string; readonly iana: string };

const NO_RESPONSE = { response: 'none', time: '0001-01-01T00:00:00Z' };
const HALF_HOUR = 30 * 60_000;

interface When {
  readonly ms: number;
  readonly value: { dateTime: string; timeZone: string };
}

function parseWhen(value: unknown, field: 'start' | 'end'): When {
  const v = isObject(value) ? value : {};
  const timeZone = typeof v.timeZone === 'string' ? v.timeZone : '';
  const zone = resolveTimeZone(timeZone);
  if (zone === undefined) {
    throw new GraphFailure(
      400,
      'TimeZoneNotSupportedException',
      `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${timeZone}'.`,
    );
  }
  const wall = typeof v.dateTime === 'string' ? parseWallTime(v.dateTime) : undefined;
  if (wall === undefined) {
    throw new GraphFailure(
      400,
      'RequestBodyRead',
      `Cannot convert the literal '${String(v.dateTime)}' to the expected type 'Edm.DateTimeOffset' (${field}/dateTime).`,
    );
  }
  return { ms: wallToInstant(wall, zone), value: { dateTime: formatInZone(wall, 'UTC'), timeZone } };
}

function defaultWhen(ms: number): When {
  return { ms, value: { dateTime: formatInZone(ms, 'UTC'), timeZone: 'UTC' } };
}

function attendees(store: GraphStore, input: unknown): unknown[] {
  if (!Array.isArray(input)) return [];
  return input.map((raw: Record<string, unknown>) => {
    const email = isObject(raw.emailAddress) ? raw.emailAddress : {};
    const address = typeof email.address === 'string' ? email.address : '';
    const name =
      typeof email.name === 'string' ? email.name : (store.userByAddress(address)?.displayName ?? address);
    return {
      type: raw.type ?? 'required',
      status: NO_RESPONSE,
      // Graph answers an attendee written with an empty address as `emailAddress: {}`.
      emailAddress: address === '' ? {} : { name, address },
    };
  });
}

function locationOf(input: unknown): Record<string, unknown> {
  const loc = isObject(input) ? input : {};
  const displayName = typeof loc.displayName === 'string' ? loc.displayName : '';
  const named = displayName === '' ? {} : { uniqueId: displayName, uniqueIdType: 'private' };
  return {
    displayName,
    locationType: 'default',
    uniqueIdType: 'unknown',
    address: {},
    coordinates: {},
    ...named,
    ...loc,
  };
}

function bodyPreview(body: Record<string, unknown>): string {
  const text = typeof body.content === 'string' ? body.content : '';
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}

function checkOrder(start: number, end: number): void {
  if (end < start) {
    throw new GraphFailure(
      400,
      'ErrorCalendarEndDateIsEarlierThanStartDate',
      'The end date occurs before the start date.',
    );
  }
}

/** What buildEvent needs besides the input. */
export interface BuildContext {
  readonly store: GraphStore;
  readonly mailbox: Mailbox;
  readonly calendarId: string;
  readonly nowMs: number;
  readonly id: string;
}

/** Writable properties and the values Graph gives them when a POST leaves them out. */
const DEFAULTS: Readonly<Record<string, unknown>> = {
  subject: '',
  categories: [],
  transactionId: null,
  reminderMinutesBeforeStart: 15,
  isReminderOn: true,
  importance: 'normal',
  sensitivity: 'normal',
  isAllDay: false,
  responseRequested: true,
  showAs: 'busy',
  isOnlineMeeting: false,
  onlineMeetingProvider: 'unknown',
  allowNewTimeProposals: true,
  hideAttendees: false,
  recurrence: null,
};

/** The properties the server sets on creation. */
function serverFields(b: BuildContext): Record<string, unknown> {
  const created = new Date(b.nowMs).toISOString().replace('Z', '0000Z');
  const user = b.mailbox.user;
  return {
    id: b.id,
    createdDateTime: created,
    lastModifiedDateTime: created,
    changeKey: changeKey(),
    iCalUId: `040000008200E00074C5B7101A82E00800000000${createHash('sha1').update(b.id).digest('hex').slice(0, 32).toUpperCase()}`,
    hasAttachments: false,
    isCancelled: false,
    isOrganizer: true,
    seriesMasterId: null,
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(b.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isDraft: false,
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    organizer: { emailAddress: { name: user.displayName, address: user.mail } },
    onlineMeeting: null,
  };
}

/** Builds a new event from normalized (camelCase, validated) input. */
export function buildEvent(input: Record<string, unknown>, b: BuildContext): EventRecord {
  const start =
    input.start !== undefined
      ? parseWhen(input.start, 'start')
      : defaultWhen(Math.ceil(b.nowMs / HALF_HOUR) * HALF_HOUR);
  const end = input.end !== undefined ? parseWhen(input.end, 'end') : defaultWhen(start.ms + HALF_HOUR);
  checkOrder(start.ms, end.ms);
  const location = locationOf(input.location);
  const body = { contentType: 'html', content: '', ...(isObject(input.body) ? input.body : {}) };
  const data: Record<string, unknown> = serverFields(b);
  for (const [key, value] of Object.entries(DEFAULTS)) data[key] = input[key] ?? value;
  if (input.originalStart !== undefined) data.originalStart = input.originalStart;
  Object.assign(data, {
    originalStartTimeZone: input.originalStartTimeZone ?? start.value.timeZone,
    originalEndTimeZone: input.originalEndTimeZone ?? end.value.timeZone,
    bodyPreview: bodyPreview(body),
    body,
    start: start.value,
    end: end.value,
    location,
    locations: input.locations ?? (location.displayName === '' ? [] : [location]),
    attendees: attendees(b.store, input.attendees),
  });
  const seq = b.mailbox.nextSeq++;
  return { id: b.id, calendarId: b.calendarId, seq, startMs: start.ms, endMs: end.ms, data };
}

/** Applies a PATCH (normalized input) to an event in place. */
export function patchEvent(
  store: GraphStore,
  event: EventRecord,
  input: Record<string, unknown>,
  nowMs: number,
): void {
  const start = input.start !== undefined ? parseWhen(input.start, 'start') : undefined;
  const end = input.end !== undefined ? parseWhen(input.end, 'end') : undefined;
  checkOrder(start?.ms ?? event.startMs, end?.ms ?? event.endMs);
  const data = { ...event.data };
  for (const [key, value] of Object.entries(input)) {
    if (key === 'start' || key === 'end' || key === 'attendees' || key === 'location' || key === 'body')
      continue;
    data[key] = value;
  }
  if (start) [event.startMs, data.start] = [start.ms, start.value];
  if (end) [event.endMs, data.end] = [end.ms, end.value];
  if (input.attendees !== undefined) data.attendees = attendees(store, input.attendees);
  if (input.location !== undefined) {
    data.location = locationOf(input.location);
    if (input.locations === undefined) {
      data.locations = (data.location as { displayName: string }).displayName === '' ? [] : [data.location];
    }
  }
  if (input.body !== undefined) {
    const previous = isObject(event.data.body) ? event.data.body : {};
    data.body = {
      contentType: previous.contentType ?? 'html',
      ...(isObject(input.body) ? input.body : { content: '' }),
    };
    data.bodyPreview = bodyPreview(data.body as Record<string, unknown>);
  }
  data.lastModifiedDateTime = new Date(nowMs).toISOString().replace('Z', '0000Z');
  data.changeKey = changeKey();
  event.data = data;
  event.utcJson = undefined;
}

function renderWhen(ms: number, stored: unknown, mode: ZoneMode): unknown {
  if (mode.kind === 'original') {
    const s = stored as { timeZone: string };
    return { dateTime: formatInZone(ms, resolveTimeZone(s.timeZone) ?? 'UTC'), timeZone: s.timeZone };
  }
  if (mode.kind === 'zone') return { dateTime: formatInZone(ms, mode.iana), timeZone: mode.name };
  return { dateTime: formatInZone(ms, 'UTC'), timeZone: 'UTC' };
}

/** The Graph JSON of an event, with `@odata.etag` first like Graph. */
export function renderEvent(event: EventRecord, mode: ZoneMode): Record<string, unknown> {
  return {
    '@odata.etag': `W/"${String(event.data.changeKey)}"`,
    ...event.data,
    start: renderWhen(event.startMs, event.data.start, mode),
    end: renderWhen(event.endMs, event.data.end, mode),
  };
}

/** The event rendered in UTC as JSON text, cached on the record (list pages of big calendars). */
export function eventUtcJson(event: EventRecord): string {
  event.utcJson ??= JSON.stringify(renderEvent(event, { kind: 'utc' }));
  return event.utcJson;
}
