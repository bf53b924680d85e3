/** msgraph-calendar-list-calendars and msgraph-calendar-get-calendar. */
import { noteEntry, type Entry } from '../../../Packs/Base/Scripts/CommonServer/entries';
import { tableToMarkdown } from '../../../Packs/Base/Scripts/CommonServer/tableToMarkdown';
import { CALENDAR_CONTEXT_KEY, CALENDAR_HEADERS, parseCalendars } from './transform';
import { fetchList, listQuery, pageSize, type ListStart } from './paging';
import { segment, userPath } from './paths';
import type { CommandContext, CommandDefinition } from './types';

/** Title suffix telling the user that a next link exists (upstream's wording). */
export const MORE_RESULTS_NOTE =
  ' (Note that there are more results. Please use the next_link argument to see them.)';

/** Lists the user's calendars: one page, or up to `limit` calendars. */
async function listCalendarsRun(ctx: CommandContext): Promise<Entry> {
  const { args, client } = ctx;
  const nextLinkArg = args.text('next_link');
  const limit = args.integer('limit');
  const start: ListStart = nextLinkArg
    ? { nextLink: nextLinkArg }
    : {
        path: `${userPath(ctx.user)}/calendars`,
        query: listQuery({ top: pageSize(args.integer('top'), limit), orderBy: args.text('order_by') }),
      };
  const result = await fetchList(client, start, limit);
  const parsed = parseCalendars(result.items);
  const context: Record<string, unknown> = { [CALENDAR_CONTEXT_KEY]: parsed.context };
  // Upstream never surfaced the calendars' next link; we do, like list-events.
  if (result.nextLink) context[`${CALENDAR_CONTEXT_KEY}.NextLink`] = result.nextLink;
  const title = result.nextLink ? `Calendar${MORE_RESULTS_NOTE}:` : 'Calendar:';
  const md = tableToMarkdown(title, parsed.readable, CALENDAR_HEADERS, { removeNull: true });
  return noteEntry(result.contents, md, context);
}

/** Gets one calendar by id or name, or the user's default calendar. */
async function getCalendarRun(ctx: CommandContext): Promise<Entry> {
  const calendarId = ctx.args.text('calendar_id');
  // Upstream's operator-precedence bug sent GET <base>/v1.0/ without calendar_id; we fetch the
  // default calendar, as the argument's description promises.
  const path = calendarId
    ? `${userPath(ctx.user)}/calendars/${segment(calendarId)}`
    : `${userPath(ctx.user)}/calendar`;
  const response = await ctx.client.request({ method: 'GET', path });
  const parsed = parseCalendars(response.data);
  const md = tableToMarkdown('Calendar:', parsed.readable, CALENDAR_HEADERS, { removeNull: true });
  return noteEntry(response.data, md, { [CALENDAR_CONTEXT_KEY]: parsed.context });
}

/** `msgraph-calendar-list-calendars`. */
export const listCalendars: CommandDefinition = {
  name: 'msgraph-calendar-list-calendars',
  run: listCalendarsRun,
};

/** `msgraph-calendar-get-calendar`. */
export const getCalendar: CommandDefinition = { name: 'msgraph-calendar-get-calendar', run: getCalendarRun };
