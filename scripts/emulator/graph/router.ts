/**
 * Routes `/v1.0/...` requests: authenticate first (Graph answers 401 before anything else), then
 * dispatch on case-insensitive, percent-decoded path segments.
 */
import { json, type Reply, type RequestContext } from '../context';
import type { EmulatorState } from '../state';
import { authenticate } from './auth';
import { createCalendar, deleteCalendar, getCalendar, listCalendars, updateCalendar } from './calendars';
import { metadata, resolveCalendar, resolveDirectoryUser, resolveMailbox, type GraphCall } from './common';
import { GraphFailure, graphError, graphHeaders } from './errors';
import { createEvent, deleteEvent, getEvent, listEvents, updateEvent, type EventScope } from './events';
import { defaultCalendar, type Mailbox } from './store';
import { getUser, listUsers } from './users';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

function methods(call: GraphCall, table: Partial<Record<Method, () => Reply>>): Reply {
  const handler = table[call.ctx.method as Method];
  if (!handler)
    throw new GraphFailure(405, 'BadRequest', 'Specified HTTP method is not allowed for the request target.');
  return handler();
}

function segmentNotFound(segment: string): GraphFailure {
  return new GraphFailure(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
}

function is(segment: string | undefined, literal: string): boolean {
  return segment?.toLowerCase() === literal;
}

function eventRoutes(call: GraphCall, list: EventScope, item: EventScope, rest: readonly string[]): Reply {
  if (rest.length === 0) {
    return methods(call, { GET: () => listEvents(call, list), POST: () => createEvent(call, list) });
  }
  if (rest.length > 1) throw segmentNotFound(rest[1]);
  const id = rest[0];
  return methods(call, {
    GET: () => getEvent(call, item, id),
    PATCH: () => updateEvent(call, item, id),
    DELETE: () => deleteEvent(call, item, id),
  });
}

function calendarsRoutes(call: GraphCall, mailbox: Mailbox, user: string, rest: readonly string[]): Reply {
  if (rest.length === 0) {
    return methods(call, {
      GET: () => listCalendars(call, mailbox, user),
      POST: () => createCalendar(call, mailbox, user),
    });
  }
  const calendar = resolveCalendar(mailbox, rest[0]);
  if (rest.length === 1) {
    return methods(call, {
      GET: () => getCalendar(call, mailbox, user, calendar, 'calendars'),
      PATCH: () => updateCalendar(call, mailbox, user, calendar),
      DELETE: () => deleteCalendar(call, mailbox, calendar),
    });
  }
  if (!is(rest[1], 'events')) throw segmentNotFound(rest[1]);
  const scope = { mailbox, userSegment: user, calendar, contextPath: `calendars('${calendar.id}')/events` };
  return eventRoutes(call, scope, scope, rest.slice(2));
}

function mailboxRoutes(call: GraphCall, user: string, rest: readonly string[]): Reply {
  const mailbox = resolveMailbox(call, user);
  const [head, ...tail] = rest;
  if (is(head, 'calendars')) return calendarsRoutes(call, mailbox, user, tail);
  if (is(head, 'calendar')) {
    const calendar = defaultCalendar(mailbox);
    if (tail.length === 0)
      return methods(call, { GET: () => getCalendar(call, mailbox, user, calendar, 'calendar') });
    if (!is(tail[0], 'events')) throw segmentNotFound(tail[0]);
    const list = { mailbox, userSegment: user, calendar, contextPath: 'calendar/events' };
    // Exchange resolves /calendar/events/{id} for any event of the mailbox (upstream get-event relies on it).
    return eventRoutes(call, list, { ...list, calendar: undefined }, tail.slice(1));
  }
  if (is(head, 'events')) {
    const scope = { mailbox, userSegment: user, contextPath: 'events' };
    return eventRoutes(call, scope, scope, tail);
  }
  throw segmentNotFound(head);
}

function serviceRoot(call: GraphCall): Reply {
  return json(
    200,
    {
      '@odata.context': `${metadata(call.ctx).slice(0, -1)}`,
      value: [
        { name: 'users', kind: 'EntitySet', url: 'users' },
        { name: 'me', kind: 'Singleton', url: 'me' },
      ],
    },
    graphHeaders(call.ctx),
  );
}

function route(call: GraphCall, segments: readonly string[]): Reply {
  const [head, user, ...rest] = segments;
  if (head === undefined) return methods(call, { GET: () => serviceRoot(call) });
  if (is(head, 'me')) {
    if (user === undefined)
      return methods(call, { GET: () => getUser(call, resolveDirectoryUser(call, 'me').user.id) });
    return mailboxRoutes(call, 'me', segments.slice(1));
  }
  if (!is(head, 'users')) throw segmentNotFound(head);
  if (user === undefined) return methods(call, { GET: () => listUsers(call) });
  if (rest.length === 0) return methods(call, { GET: () => getUser(call, user) });
  return mailboxRoutes(call, user, rest);
}

/** Handles a request under `/v1.0/`. */
export function handleGraph(ctx: RequestContext, state: EmulatorState): Reply {
  try {
    const [version, ...rest] = ctx.segments;
    if (version !== 'v1.0') throw new GraphFailure(400, 'BadRequest', `Invalid version: ${version}`);
    const claims = authenticate(ctx, state);
    return route({ ctx, state, claims }, rest);
  } catch (err) {
    if (err instanceof GraphFailure) return graphError(ctx, err);
    throw err;
  }
}
