/** list-events and get-event: requests, tables, context, Graph errors, paging with limit, next_link guard. */
import { GraphError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/errors';
import { FakeGraphApi } from './support/fakeGraph';
import { graphEvent, page } from './support/fixtures';
import { run, USER_PATH } from './support/harness';

const EVENT_KEY = 'MSGraphCalendar.Event(val.ID === obj.ID)';
const NEXT_LINK_KEY = 'MSGraphCalendar.Event(val.ID === obj.ID).NextLink';
const MORE_TITLE =
  '### Events (Note that there are more results. Please use the next_link argument to see them.):';
const EVENTS_TABLE =
  '|Subject|Organizer|Attendees|Start|End|ID|\n|---|---|---|---|---|---|\n' +
  '| Some Subject  | Alice Smith | Bob Jones | 2019-11-25T15:00:00.0000000 | 2019-11-25T15:30:00.0000000 | AAMkAGI1AAAt9AHjAAA= |\n';

let graph: FakeGraphApi;
beforeEach(() => {
  graph = new FakeGraphApi();
});
afterEach(() => graph.verify());

function contextEvents(entry: { EntryContext?: Record<string, unknown> }): Record<string, unknown>[] {
  return (entry.EntryContext ?? {})[EVENT_KEY] as Record<string, unknown>[];
}

describe('msgraph-calendar-list-events', () => {
  it('filter_by is sent as $filter before $top=100 on users/{u}/events', async () => {
    graph.reply(page([graphEvent()]));
    const { entry } = await run('msgraph-calendar-list-events', {
      graph,
      args: { filter_by: "startswith(subject,'test')" },
    });
    expect(graph.requests).toEqual([
      {
        method: 'GET',
        path: `${USER_PATH}/events`,
        query: { $filter: "startswith(subject,'test')", $top: 100 },
      },
    ]);
    expect(Object.keys(graph.requests[0].query ?? {})).toEqual(['$filter', '$top']);
    expect(entry.HumanReadable).toBe(`### Events:\n${EVENTS_TABLE}`);
    expect(Object.keys(entry.EntryContext ?? {})).toEqual([EVENT_KEY]);
    const [event] = contextEvents(entry);
    expect(event).not.toHaveProperty('@Odata.Etag');
    expect(event).toMatchObject({
      ID: 'AAMkAGI1AAAt9AHjAAA=',
      Subject: 'Some Subject ',
      ICalUId: expect.any(String),
    });
  });

  it('calendar_id, top and order_by go to users/{u}/calendars/{id}/events with $top and $orderby', async () => {
    graph.reply(page([]));
    const { entry } = await run('msgraph-calendar-list-events', {
      graph,
      args: { calendar_id: 'X', top: '5', order_by: 'start/dateTime desc' },
    });
    expect(graph.requests).toEqual([
      {
        method: 'GET',
        path: `${USER_PATH}/calendars/X/events`,
        query: { $top: 5, $orderby: 'start/dateTime desc' },
      },
    ]);
    expect(entry.HumanReadable).toBe('### Events:\n**No entries.**\n');
  });

  it('a response with @odata.nextLink gives the note title and the NextLink context key', async () => {
    const link = 'https://graph.microsoft.com/v1.0/users/alice%40contoso.com/events?$top=1&$skip=1';
    const response = page([graphEvent()], { '@odata.nextLink': link });
    graph.reply(response);
    const { entry } = await run('msgraph-calendar-list-events', { graph, args: { top: '1' } });
    expect(entry.HumanReadable).toBe(`${MORE_TITLE}\n${EVENTS_TABLE}`);
    expect(entry.EntryContext?.[NEXT_LINK_KEY]).toBe(link);
    expect(contextEvents(entry)).toHaveLength(1);
    expect(entry.Contents).toEqual(response);
  });

  it('next_link is fetched exactly as given and the other arguments are ignored', async () => {
    const link = 'https://graph.microsoft.com/v1.0/users/alice%40contoso.com/events?$top=1&$skip=1';
    graph.reply(page([graphEvent()]));
    await run('msgraph-calendar-list-events', {
      graph,
      args: { next_link: link, calendar_id: 'X', top: '7', filter_by: 'x', order_by: 'y' },
    });
    expect(graph.requests).toEqual([{ method: 'GET', path: link }]);
  });

  it('refuses a next_link to another host with an error entry naming next_link, sending nothing', async () => {
    const { entry } = await run('msgraph-calendar-list-events', {
      graph,
      args: { next_link: 'https://evil.example/v1.0/users/alice/events?$skip=10' },
    });
    expect(graph.requests).toEqual([]);
    expect(entry.Type).toBe(4);
    expect(entry.Contents).toBe(
      'The next_link argument must be a link under the configured Server URL (https://graph.microsoft.com/v1.0/); other hosts are refused.',
    );
  });

  it.each([
    'https://graph.microsoft.com.evil.example/v1.0/users',
    'https://graph.microsoft.com/v1.0/../beta/users',
    'https://graph.microsoft.com/v1.0/%2e%2e/beta/users',
    'http://graph.microsoft.com/v1.0/users',
  ])('refuses the look-alike next_link %s before any request', async (link) => {
    const { entry } = await run('msgraph-calendar-list-events', { graph, args: { next_link: link } });
    expect(graph.requests).toEqual([]);
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toContain('next_link');
  });

  it('with limit follows next links until limit events and surfaces the remaining next link', async () => {
    const links = [1, 2].map(
      (i) => `https://graph.microsoft.com/v1.0/users/alice%40contoso.com/events?$top=2&$skip=${2 * i}`,
    );
    const events = [1, 2, 3, 4, 5, 6].map((i) => graphEvent({ id: `e${i}` }));
    graph.reply(page(events.slice(0, 2), { '@odata.nextLink': links[0] }));
    graph.reply(page(events.slice(2, 4), { '@odata.nextLink': links[1] }));

    const { entry } = await run('msgraph-calendar-list-events', { graph, args: { top: '2', limit: '4' } });

    expect(graph.requests).toEqual([
      { method: 'GET', path: `${USER_PATH}/events`, query: { $top: 2 } },
      { method: 'GET', path: links[0] },
    ]);
    expect(contextEvents(entry).map((e) => e.ID)).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(entry.EntryContext?.[NEXT_LINK_KEY]).toBe(links[1]);
    expect(entry.HumanReadable?.split('\n')[0]).toBe(MORE_TITLE);
  });

  it('with limit stops at the last page and writes no NextLink', async () => {
    const link = 'https://graph.microsoft.com/v1.0/users/alice%40contoso.com/events?$skip=1000';
    graph.reply(page([graphEvent({ id: 'a' })], { '@odata.nextLink': link }));
    graph.reply(page([graphEvent({ id: 'b' })]));
    const { entry } = await run('msgraph-calendar-list-events', { graph, args: { limit: '5000' } });
    expect(graph.requests).toEqual([
      { method: 'GET', path: `${USER_PATH}/events`, query: { $top: 1000 } },
      { method: 'GET', path: link },
    ]);
    expect(contextEvents(entry).map((e) => e.ID)).toEqual(['a', 'b']);
    expect(entry.EntryContext).not.toHaveProperty([NEXT_LINK_KEY]);
    expect(entry.HumanReadable?.split('\n')[0]).toBe('### Events:');
    expect(entry.Contents).not.toHaveProperty(['@odata.nextLink']);
  });

  it('with limit refuses a next link from the response that leaves the Graph base URL', async () => {
    graph.reply(page([graphEvent({ id: 'a' })], { '@odata.nextLink': 'https://evil.example/next' }));
    const { entry } = await run('msgraph-calendar-list-events', { graph, args: { limit: '10', top: '1' } });
    expect(graph.requests).toHaveLength(1);
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toContain('next_link');
  });

  it('truncates the last page to exactly limit events', async () => {
    const link = 'https://graph.microsoft.com/v1.0/users/alice%40contoso.com/events?$skip=3';
    graph.reply(
      page(
        [1, 2, 3].map((i) => graphEvent({ id: `e${i}` })),
        { '@odata.nextLink': link },
      ),
    );
    const { entry } = await run('msgraph-calendar-list-events', { graph, args: { top: '3', limit: '2' } });
    expect(contextEvents(entry).map((e) => e.ID)).toEqual(['e1', 'e2']);
    expect(entry.EntryContext?.[NEXT_LINK_KEY]).toBe(link);
  });
});

describe('msgraph-calendar-get-event', () => {
  it('GETs users/{u}/calendar/events/{id}, titles the table with the subject, keeps @Odata.Context', async () => {
    const event = graphEvent();
    graph.reply(event);
    const { entry } = await run('msgraph-calendar-get-event', {
      graph,
      args: { event_id: 'AAMkAGI1AAAt9AHjAAA=' },
    });
    expect(graph.requests).toEqual([
      { method: 'GET', path: `${USER_PATH}/calendar/events/AAMkAGI1AAAt9AHjAAA%3D` },
    ]);
    expect(entry.HumanReadable).toBe(`### Event - Some Subject \n${EVENTS_TABLE}`);
    expect(entry.Contents).toEqual(event);
    const [ctx] = contextEvents(entry);
    expect(ctx['@Odata.Context']).toBe(event['@odata.context']);
    expect(ctx).not.toHaveProperty('@Odata.Etag');
    expect(ctx.Organizer).toEqual(event.organizer);
  });

  it('titles an event without subject "Event - None" like Python', async () => {
    graph.reply({ id: 'e1' });
    const { entry } = await run('msgraph-calendar-get-event', { graph, args: { event_id: 'e1' } });
    expect(entry.HumanReadable).toBe('### Event - None\n|ID|\n|---|\n| e1 |\n');
  });

  it('a Graph 404 becomes one error entry carrying the Graph code and message', async () => {
    graph.fail(
      new GraphError(
        'Microsoft Graph returned 404 ErrorItemNotFound: The specified object was not found in the store.',
        404,
        'ErrorItemNotFound',
        'The specified object was not found in the store.',
      ),
    );
    const { entries } = await run('msgraph-calendar-get-event', { graph, args: { event_id: 'missing' } });
    expect(entries).toEqual([
      {
        Type: 4,
        ContentsFormat: 'text',
        Contents:
          'Microsoft Graph returned 404 ErrorItemNotFound: The specified object was not found in the store.',
      },
    ]);
  });
});
