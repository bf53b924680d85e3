/** Graph event endpoints: list, get, create (idempotent by transactionId), update, delete. */
import { empty, header, type Reply } from '../context';
import { requireCalendarAccess } from './auth';
import { EVENTS } from './collections';
import { entityReply, metadata, readBody, touch, userContext, zoneMode, type GraphCall } from './common';
import { GraphFailure, graphHeaders, itemNotFound } from './errors';
import { buildEvent, eventUtcJson, patchEvent, renderEvent } from './eventModel';
import { collectionReply, parseListQuery, parseSelect, runList, selectProps } from './query';
import { EVENT_SCHEMA } from './schema';
import { defaultCalendar, itemId, type CalendarRecord, type EventRecord, type Mailbox } from './store';

/** Where an event request points: the mailbox, the user segment as sent, and an optional calendar. */
export interface EventScope {
  readonly mailbox: Mailbox;
  readonly userSegment: string;
  /** Set for `/calendars/{id}/events`; `/calendar/events` and `/events` span the mailbox for reads. */
  readonly calendar?: CalendarRecord;
  /** The path after `users('…')/` for `@odata.context`, e.g. `events` or `calendars('id')/events`. */
  readonly contextPath: string;
}

/** GET a collection of events. */
export function listEvents(call: GraphCall, scope: EventScope): Reply {
  requireCalendarAccess(call, 'read', scope.mailbox.user);
  const query = parseListQuery(call.ctx, EVENTS);
  const { mailbox, calendar } = scope;
  const source = () => {
    const all = [...mailbox.events.values()];
    return calendar ? all.filter((e) => e.calendarId === calendar.id) : all;
  };
  const cacheKey = `${call.state.graph.instanceId}:${mailbox.user.id}:${calendar?.id ?? '*'}:${mailbox.version}`;
  const result = runList(source, query, EVENTS, cacheKey);
  const { mode, headers } = zoneMode(call.ctx, { kind: 'utc' });
  const values =
    mode.kind === 'utc' && !query.select
      ? { json: result.page.map(eventUtcJson) }
      : result.page.map((e) => selectProps(renderEvent(e, mode), query.select));
  const reply = collectionReply(
    call.ctx,
    `${metadata(call.ctx)}${userContext(scope.userSegment)}/${scope.contextPath}`,
    values,
    query,
    result,
  );
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

function findEvent(scope: EventScope, eventId: string): EventRecord {
  const event = scope.mailbox.events.get(eventId);
  if (!event || (scope.calendar && event.calendarId !== scope.calendar.id)) throw itemNotFound();
  return event;
}

function eventReply(
  call: GraphCall,
  scope: EventScope,
  status: number,
  event: EventRecord,
  write: boolean,
): Reply {
  const { mode, headers } = zoneMode(call.ctx, write ? { kind: 'original' } : { kind: 'utc' });
  const select = call.ctx.query.$select;
  const rendered = renderEvent(event, mode);
  const body = select === undefined ? rendered : selectProps(rendered, parseSelect(select, EVENTS));
  const etag = { etag: String(rendered['@odata.etag']) };
  return entityReply(call, status, `${userContext(scope.userSegment)}/${scope.contextPath}/$entity`, body, {
    ...headers,
    ...etag,
  });
}

/** GET one event. */
export function getEvent(call: GraphCall, scope: EventScope, eventId: string): Reply {
  requireCalendarAccess(call, 'read', scope.mailbox.user);
  return eventReply(call, scope, 200, findEvent(scope, eventId), false);
}

/** POST an event; a repeated transactionId returns the event created the first time. */
export function createEvent(call: GraphCall, scope: EventScope): Reply {
  requireCalendarAccess(call, 'write', scope.mailbox.user);
  const input = readBody(call.ctx, EVENT_SCHEMA);
  const { mailbox } = scope;
  const transactionId = typeof input.transactionId === 'string' ? input.transactionId : undefined;
  const existing = transactionId
    ? mailbox.events.get(mailbox.transactions.get(transactionId) ?? '')
    : undefined;
  if (existing) return eventReply(call, scope, 201, existing, true);
  const calendar = scope.calendar ?? defaultCalendar(mailbox);
  const event = buildEvent(input, {
    store: call.state.graph,
    mailbox,
    calendarId: calendar.id,
    nowMs: call.state.now(),
    id: itemId(),
  });
  mailbox.events.set(event.id, event);
  if (transactionId) mailbox.transactions.set(transactionId, event.id);
  touch(mailbox);
  return eventReply(call, scope, 201, event, true);
}

/** PATCH an event (honours If-Match). */
export function updateEvent(call: GraphCall, scope: EventScope, eventId: string): Reply {
  requireCalendarAccess(call, 'write', scope.mailbox.user);
  const event = findEvent(scope, eventId);
  const input = readBody(call.ctx, EVENT_SCHEMA);
  checkIfMatch(call, event);
  patchEvent(call.state.graph, event, input, call.state.now());
  touch(scope.mailbox);
  return eventReply(call, scope, 200, event, true);
}

/** DELETE an event: 204 with an empty body. */
export function deleteEvent(call: GraphCall, scope: EventScope, eventId: string): Reply {
  requireCalendarAccess(call, 'write', scope.mailbox.user);
  const event = findEvent(scope, eventId);
  checkIfMatch(call, event);
  scope.mailbox.events.delete(event.id);
  touch(scope.mailbox);
  return empty(204, graphHeaders(call.ctx));
}

function checkIfMatch(call: GraphCall, event: EventRecord): void {
  const ifMatch = header(call.ctx, 'if-match');
  if (ifMatch && ifMatch !== '*' && ifMatch !== `W/"${String(event.data.changeKey)}"`) {
    throw new GraphFailure(
      412,
      'ErrorIrresolvableConflict',
      'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
    );
  }
}
