/** msgraph-calendar-create-event, -update-event and -delete-event. */
import { noteEntry, type Entry } from '../../../Packs/Base/Scripts/CommonServer/entries';
import { tableToMarkdown } from '../../../Packs/Base/Scripts/CommonServer/tableToMarkdown';
import { CONTEXT_ROOT, EVENT_CONTEXT_KEY, EVENT_HEADERS, isJsonObject, parseEvents } from './transform';
import { eventFields } from './eventBody';
import { eventPath, segment, userPath } from './paths';
import type { CommandContext, CommandDefinition } from './types';

/** Creates an event in the given calendar, or in the user's default calendar. */
async function createEventRun(ctx: CommandContext): Promise<Entry> {
  const calendarId = ctx.args.text('calendar_id');
  const path = calendarId
    ? `${userPath(ctx.user)}/calendars/${segment(calendarId)}/events`
    : `${userPath(ctx.user)}/calendar/events`;
  // A transactionId makes Graph answer a repeated POST with the first event, so the transport
  // may retry it (idempotent) without creating a duplicate.
  const body = { ...eventFields(ctx.args), TransactionId: ctx.deps.crypto.randomUUID() };
  const response = await ctx.client.request({ method: 'POST', path, body, idempotent: true });
  const parsed = parseEvents(response.data);
  const md = tableToMarkdown('Event was created successfully:', parsed.readable, EVENT_HEADERS, {
    removeNull: true,
  });
  return noteEntry(response.data, md, { [EVENT_CONTEXT_KEY]: parsed.context });
}

/** Updates the fields given, and only those. */
async function updateEventRun(ctx: CommandContext): Promise<Entry> {
  const eventId = ctx.args.text('event_id') ?? '';
  // Only the given fields (the overlay's at-least-one rule refuses an update without any).
  const body = eventFields(ctx.args);
  const response = await ctx.client.request({ method: 'PATCH', path: eventPath(ctx.user, eventId), body });
  const parsed = parseEvents(response.data);
  const md = tableToMarkdown('Event:', parsed.readable, EVENT_HEADERS, { removeNull: true });
  return noteEntry(response.data, md, {
    [EVENT_CONTEXT_KEY]: parsed.context,
    // Upstream's root key, after the Event key (XSOAR stores a list under it, as upstream's
    // README shows); the upstream test playbook reads ${MSGraphCalendar.ID} from it. The id is
    // quoted: unquoted, an id such as `1).__proto__.x(y` would be code in the key's expression.
    [`${CONTEXT_ROOT}(obj.ID === ${JSON.stringify(eventId)})`]: parsed.context,
  });
}

/** The event as cached in the incident context, when the host has one and it is there. */
function cachedEvent(ctx: CommandContext, eventId: string): Record<string, unknown> | undefined {
  if (!ctx.runtime.incidentContext) return undefined;
  try {
    const found = ctx.runtime.incidentContext(`${CONTEXT_ROOT}.Event(val.ID === ${JSON.stringify(eventId)})`);
    const first = Array.isArray(found) ? found[0] : found;
    return isJsonObject(first) ? first : undefined;
  } catch (error) {
    ctx.runtime.log.debug(
      `Could not read the incident context: ${error instanceof Error ? error.name : 'error'}`,
    );
    return undefined;
  }
}

/** Deletes an event; the context marks it `Deleted: true` whether or not it was cached. */
async function deleteEventRun(ctx: CommandContext): Promise<Entry> {
  const eventId = ctx.args.text('event_id') ?? '';
  await ctx.client.request({ method: 'DELETE', path: eventPath(ctx.user, eventId) });
  // Upstream crashed (after deleting) when the event was not in the incident context.
  const cached = cachedEvent(ctx, eventId);
  const deleted = { ...(cached ?? { ID: eventId }), Deleted: true };
  return noteEntry({}, 'Event was deleted successfully.', { [EVENT_CONTEXT_KEY]: deleted });
}

/** `msgraph-calendar-create-event`. */
export const createEvent: CommandDefinition = { name: 'msgraph-calendar-create-event', run: createEventRun };

/** `msgraph-calendar-update-event`. */
export const updateEvent: CommandDefinition = { name: 'msgraph-calendar-update-event', run: updateEventRun };

/** `msgraph-calendar-delete-event`. */
export const deleteEvent: CommandDefinition = { name: 'msgraph-calendar-delete-event', run: deleteEventRun };
