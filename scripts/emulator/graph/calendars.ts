/** Graph calendar endpoints: list, get (by id or name, or the default), create, update, delete. */
import { empty, type Reply } from '../context';
import { requireCalendarAccess } from './auth';
import { CALENDARS } from './collections';
import { entityReply, metadata, readBody, touch, userContext, type GraphCall } from './common';
import { GraphFailure, graphHeaders } from './errors';
import { collectionReply, parseListQuery, runList, selectProps } from './query';
import { CALENDAR_SCHEMA } from './schema';
import { buildCalendar, changeKey, type CalendarRecord, type Mailbox } from './store';

function render(calendar: CalendarRecord): Record<string, unknown> {
  return { ...calendar.data };
}

/** GET /users/{u}/calendars */
export function listCalendars(call: GraphCall, mailbox: Mailbox, userSegment: string): Reply {
  requireCalendarAccess(call, 'read', mailbox.user);
  const query = parseListQuery(call.ctx, CALENDARS);
  const result = runList(() => [...mailbox.calendars.values()], query, CALENDARS);
  const values = result.page.map((c) => selectProps(render(c), query.select));
  return collectionReply(
    call.ctx,
    `${metadata(call.ctx)}${userContext(userSegment)}/calendars`,
    values,
    query,
    result,
  );
}

/** GET one calendar (`/calendar` for the default one). */
export function getCalendar(
  call: GraphCall,
  mailbox: Mailbox,
  userSegment: string,
  calendar: CalendarRecord,
  path: string,
): Reply {
  requireCalendarAccess(call, 'read', mailbox.user);
  return entityReply(call, 200, `${userContext(userSegment)}/${path}/$entity`, render(calendar));
}

function nameTaken(mailbox: Mailbox, name: string, except?: string): boolean {
  return [...mailbox.calendars.values()].some(
    (c) => c.id !== except && String(c.data.name).toLowerCase() === name.toLowerCase(),
  );
}

function folderExists(): GraphFailure {
  return new GraphFailure(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
}

/** POST /users/{u}/calendars */
export function createCalendar(call: GraphCall, mailbox: Mailbox, userSegment: string): Reply {
  requireCalendarAccess(call, 'write', mailbox.user);
  const input = readBody(call.ctx, CALENDAR_SCHEMA);
  if (typeof input.name !== 'string' || input.name.trim() === '') {
    throw new GraphFailure(400, 'ErrorInvalidParameter', "The value of the parameter 'name' is empty.");
  }
  if (nameTaken(mailbox, input.name)) throw folderExists();
  const calendar = buildCalendar(mailbox, input.name, false);
  if (typeof input.color === 'string') calendar.data.color = input.color;
  mailbox.calendars.set(calendar.id, calendar);
  touch(mailbox);
  return entityReply(call, 201, `${userContext(userSegment)}/calendars/$entity`, render(calendar));
}

/** PATCH /users/{u}/calendars/{id} */
export function updateCalendar(
  call: GraphCall,
  mailbox: Mailbox,
  userSegment: string,
  calendar: CalendarRecord,
): Reply {
  requireCalendarAccess(call, 'write', mailbox.user);
  const input = readBody(call.ctx, CALENDAR_SCHEMA);
  if (typeof input.name === 'string' && nameTaken(mailbox, input.name, calendar.id)) throw folderExists();
  calendar.data = { ...calendar.data, ...input, changeKey: changeKey() };
  touch(mailbox);
  return entityReply(call, 200, `${userContext(userSegment)}/calendars/$entity`, render(calendar));
}

/** DELETE /users/{u}/calendars/{id}: also deletes its events; the default calendar cannot go. */
export function deleteCalendar(call: GraphCall, mailbox: Mailbox, calendar: CalendarRecord): Reply {
  requireCalendarAccess(call, 'write', mailbox.user);
  if (calendar.data.isDefaultCalendar === true) {
    throw new GraphFailure(400, 'ErrorDeleteDistinguishedFolder', 'Distinguished folders cannot be deleted.');
  }
  mailbox.calendars.delete(calendar.id);
  for (const event of [...mailbox.events.values()]) {
    if (event.calendarId === calendar.id) mailbox.events.delete(event.id);
  }
  touch(mailbox);
  return empty(204, graphHeaders(call.ctx));
}
