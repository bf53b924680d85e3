/** msgraph-calendar-list-events and msgraph-calendar-get-event. */
import { noteEntry, type Entry } from '../../../Packs/Base/Scripts/CommonServer/entries';
import { columnsToMarkdown, tableToMarkdown } from '../../../Packs/Base/Scripts/CommonServer/tableToMarkdown';
import { pythonStr } from '../../../Packs/Base/Scripts/CommonServer/pythonFormat';
import { EVENT_CONTEXT_KEY, EVENT_HEADERS, parseEvents, parseEventTable } from './transform';
import { MORE_RESULTS_NOTE } from './calendars';
import { fetchList, listQuery, pageSize, type ListStart } from './paging';
import { eventPath, segment, userPath } from './paths';
import type { CommandContext, CommandDefinition } from './types';

function listStart(ctx: CommandContext): ListStart {
  const { args } = ctx;
  const nextLink = args.text('next_link');
  // Upstream ignores every other argument when next_link is given.
  if (nextLink) return { nextLink };
  const calendarId = args.text('calendar_id');
  const base = calendarId ? `${userPath(ctx.user)}/calendars/${segment(calendarId)}` : userPath(ctx.user);
  const query = listQuery({
    filter: args.text('filter_by'),
    top: pageSize(args.integer('top'), args.integer('limit')),
    orderBy: args.text('order_by'),
  });
  return { path: `${base}/events`, query };
}

/** Lists events of a calendar (or of the user): one page, or up to `limit` events. */
async function listEventsRun(ctx: CommandContext): Promise<Entry> {
  const result = await fetchList(ctx.client, listStart(ctx), ctx.args.integer('limit'));
  const parsed = parseEventTable(result.items);
  const context: Record<string, unknown> = {};
  // Upstream's odd-looking key, kept verbatim: playbooks read it.
  if (result.nextLink) context[`${EVENT_CONTEXT_KEY}.NextLink`] = result.nextLink;
  context[EVENT_CONTEXT_KEY] = parsed.context;
  const title = result.nextLink ? `Events${MORE_RESULTS_NOTE}:` : 'Events:';
  const md = columnsToMarkdown(title, parsed.columns, { removeNull: true });
  return noteEntry(result.contents, md, context);
}

/** Gets one event by id (always through the default-calendar path, like upstream). */
async function getEventRun(ctx: CommandContext): Promise<Entry> {
  const eventId = ctx.args.text('event_id') ?? '';
  const response = await ctx.client.request({ method: 'GET', path: eventPath(ctx.user, eventId) });
  const parsed = parseEvents(response.data);
  const subject = parsed.context[0]?.Subject;
  // Python formats a missing subject as "None".
  const md = tableToMarkdown(`Event - ${pythonStr(subject ?? null)}`, parsed.readable, EVENT_HEADERS, {
    removeNull: true,
  });
  return noteEntry(response.data, md, { [EVENT_CONTEXT_KEY]: parsed.context });
}

/** `msgraph-calendar-list-events`. */
export const listEvents: CommandDefinition = { name: 'msgraph-calendar-list-events', run: listEventsRun };

/** `msgraph-calendar-get-event`. */
export const getEvent: CommandDefinition = { name: 'msgraph-calendar-get-event', run: getEventRun };
