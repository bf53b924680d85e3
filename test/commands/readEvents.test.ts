/**
 * list-events and get-event: requests, tables, context, Graph errors, paging with limit, and the
 * next_link guard (the client's, so proven with a real MicrosoftClient over scripted HTTP).
 */
import { GraphError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { FakeCalendarClient } from './support/fakeGraph';
import { graphEvent, page } from './support/fixtures';
import { run, runWithRealClient, TOKEN_ROUTE, USER_PATH } from './support/harness';

const EVENT_KEY = 'MSGraphCalendar.Event(val.ID === obj.ID)';
const NEXT_LINK_KEY = 'MSGraphCalendar.Event(val.ID === obj.ID).NextLink';
const MORE_TITLE =
  '### Events (Note that there are more results. Please use the next_link argument to see them.):';
const EVENTS_TABLE =
  '|Subject|Organizer|Attendees|Start|End|ID|\n|---|---|---|---|---|---|\n' +
  '| Some Subject  | Alice Smith | Bob Jones | 2019-11-25T15:00:00.0000000 | 2019-11-25T15:30:00.0000000 | AAMkAGI1AAAt9AHjAAA= |\n';

let client: FakeCalendarClient;
beforeEach(() => {
  client = new FakeCalendarClient();
});
afterEach(() => client.verify());

function contextEvents(entry: { EntryContext?: Record<string, unknown> }): Record<string, unknown>[] {
  return (entry.EntryContext ?? {})[EVENT_KEY] as Record<string, unknown>[];
}

describe('msgraph-calendar-list-events', () => {
  it('filter_by is sent as $filter before $top=100 on users/{u}/events', async () => {
    client.reply(page([graphEvent()]));
    const { entry } = await run('msgraph-calendar-list-events', {
      client,
      args: { filter_by: "startswith(subject,'test')" },
    });
    expect(client.requests).toEqual([
      {
        method: 'GET',
        path: `${USER_PATH}/events`,
        query: { $filter: "startswith(subject,'test')", $top: 100 },
      },
    ]);
    expect(Object.keys(client.requests[0].query ?? {})).toEqual(['$filter', '$top']);
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
    client.reply(page([]));
    const { entry } = await run('msgraph-calendar-list-events', {
      client,
      args: { calendar_id: 'X', top: '5', order_by: 'start/dateTime desc' },
    });
    expect(client.requests).toEqual([
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
    client.reply(response);
    const { entry } = await run('msgraph-calendar-list-events', { client, args: { top: '1' } });
    expect(entry.HumanReadable).toBe(`${MORE_TITLE}\n${EVENTS_TABLE}`);
    expect(entry.EntryContext?.[NEXT_LINK_KEY]).toBe(link);
    expect(contextEvents(entry)).toHaveLength(1);
    expect(entry.Contents).toEqual(response);
  });

  it('next_link is fetched exactly as given and the other arguments are ignored', async () => {
    const link = 'https://graph.microsoft.com/v1.0/users/alice%40contoso.com/events?$top=1&$skip=1';
    client.reply(page([graphEvent()]));
    await run('msgraph-calendar-list-events', {
      client,
      args: { next_link: link, calendar_id: 'X', top: '7', filter_by: 'x', order_by: 'y' },
    });
    expect(client.requests).toEqual([{ method: 'GET', path: link, linkSource: 'next_link' }]);
  });

  it('with limit follows next links until limit events and surfaces the remaining next link', async () => {
    const links = [1, 2].map(
      (i) => `https://graph.microsoft.com/v1.0/users/alice%40contoso.com/events?$top=2&$skip=${2 * i}`,
    );
    const events = [1, 2, 3, 4, 5, 6].map((i) => graphEvent({ id: `e${i}` }));
    client.reply(page(events.slice(0, 2), { '@odata.nextLink': links[0] }));
    client.reply(page(events.slice(2, 4), { '@odata.nextLink': links[1] }));

    const { entry } = await run('msgraph-calendar-list-events', { client, args: { top: '2', limit: '4' } });

    expect(client.requests).toEqual([
      { method: 'GET', path: `${USER_PATH}/events`, query: { $top: 2 } },
      { method: 'GET', path: links[0], linkSource: 'graph' },
    ]);
    expect(contextEvents(entry).map((e) => e.ID)).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(entry.EntryContext?.[NEXT_LINK_KEY]).toBe(links[1]);
    expect(entry.HumanReadable?.split('\n')[0]).toBe(MORE_TITLE);
  });

  it('with limit stops at the last page and writes no NextLink', async () => {
    const link = 'https://graph.microsoft.com/v1.0/users/alice%40contoso.com/events?$skip=1000';
    client.reply(page([graphEvent({ id: 'a' })], { '@odata.nextLink': link }));
    client.reply(page([graphEvent({ id: 'b' })]));
    const { entry } = await run('msgraph-calendar-list-events', { client, args: { limit: '5000' } });
    expect(client.requests).toEqual([
      { method: 'GET', path: `${USER_PATH}/events`, query: { $top: 1000 } },
      { method: 'GET', path: link, linkSource: 'graph' },
    ]);
    expect(contextEvents(entry).map((e) => e.ID)).toEqual(['a', 'b']);
    expect(entry.EntryContext).not.toHaveProperty([NEXT_LINK_KEY]);
    expect(entry.HumanReadable?.split('\n')[0]).toBe('### Events:');
    expect(entry.Contents).not.toHaveProperty(['@odata.nextLink']);
  });

  it('truncates the last page to exactly limit events', async () => {
    const link = 'https://graph.microsoft.com/v1.0/users/alice%40contoso.com/events?$skip=3';
    client.reply(
      page(
        [1, 2, 3].map((i) => graphEvent({ id: `e${i}` })),
        { '@odata.nextLink': link },
      ),
    );
    const { entry } = await run('msgraph-calendar-list-events', { client, args: { top: '3', limit: '2' } });
    expect(contextEvents(entry).map((e) => e.ID)).toEqual(['e1', 'e2']);
    expect(entry.EntryContext?.[NEXT_LINK_KEY]).toBe(link);
  });
});

describe('the next_link guard of the real client', () => {
  const BASE = 'https://graph.microsoft.com/v1.0/';
  const refusal = (reason: string): string =>
    `The next_link argument must be a Microsoft Graph link under the configured Server URL (${BASE}), but ${reason}. The request was not sent.`;

  it('refuses a next_link to another host with an error entry naming next_link, sending nothing', async () => {
    const { entry, requests } = await runWithRealClient(
      'msgraph-calendar-list-events',
      { next_link: 'https://evil.example/v1.0/users/alice/events?$skip=10' },
      [TOKEN_ROUTE],
    );
    expect(requests).toEqual([]);
    expect(entry).toEqual({
      Type: 4,
      ContentsFormat: 'text',
      Contents: refusal('it points to https://evil.example, not to https://graph.microsoft.com'),
    });
  });

  it.each([
    'https://graph.microsoft.com.evil.example/v1.0/users',
    'https://graph.microsoft.com/v1.0/../beta/users',
    'https://graph.microsoft.com/v1.0/%2e%2e/beta/users',
    'https://graph.microsoft.com/v1.0/users/%2E%2e/%2e./admin',
    'https://graph.microsoft.com/v1.0/.\t./admin',
    'https://graph.microsoft.com/v1.0/users\\..\\..\\admin',
    'https://user@graph.microsoft.com/v1.0/users',
    'http://graph.microsoft.com/v1.0/users',
    // Relative links are not what Graph returns: they must not become paths under the base.
    'events?$skip=10',
    '../../admin',
  ])('refuses the look-alike next_link %j before any request', async (link) => {
    const { entry, requests } = await runWithRealClient('msgraph-calendar-list-events', { next_link: link }, [
      TOKEN_ROUTE,
    ]);
    expect(requests).toEqual([]);
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toMatch(/^The next_link argument must be a Microsoft Graph link under /);
  });

  it('with limit refuses a next link from Graph that leaves the Graph base URL, saying Graph returned it', async () => {
    const first = page([graphEvent({ id: 'a' })], { '@odata.nextLink': 'https://evil.example/next' });
    const { entry, requests } = await runWithRealClient(
      'msgraph-calendar-list-events',
      { limit: '10', top: '1' },
      [TOKEN_ROUTE, { prefix: `GET ${BASE}${USER_PATH}/events?`, status: 200, data: first }],
    );
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `${TOKEN_ROUTE.prefix}`,
      `GET ${BASE}${USER_PATH}/events?$top=1`,
    ]);
    expect(entry).toEqual({
      Type: 4,
      ContentsFormat: 'text',
      Contents:
        `Microsoft Graph returned a next link that is not under the configured Server URL (${BASE}): ` +
        'it points to https://evil.example, not to https://graph.microsoft.com. It was not followed.',
    });
  });

  it('follows a next_link under the base, sending what was checked', async () => {
    const link = `${BASE}${USER_PATH}/events?$top=1&$skip=1`;
    const { entry, requests } = await runWithRealClient('msgraph-calendar-list-events', { next_link: link }, [
      TOKEN_ROUTE,
      { prefix: `GET ${link}`, status: 200, data: page([graphEvent()]) },
    ]);
    expect(entry.Type).toBe(1);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([TOKEN_ROUTE.prefix, `GET ${link}`]);
    expect(requests[1].headers.authorization).toBe('Bearer opaque-access-token');
  });
});

describe('msgraph-calendar-get-event', () => {
  it('GETs users/{u}/calendar/events/{id}, titles the table with the subject, keeps @Odata.Context', async () => {
    const event = graphEvent();
    client.reply(event);
    const { entry } = await run('msgraph-calendar-get-event', {
      client,
      args: { event_id: 'AAMkAGI1AAAt9AHjAAA=' },
    });
    expect(client.requests).toEqual([
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
    client.reply({ id: 'e1' });
    const { entry } = await run('msgraph-calendar-get-event', { client, args: { event_id: 'e1' } });
    expect(entry.HumanReadable).toBe('### Event - None\n|ID|\n|---|\n| e1 |\n');
  });

  it('a Graph 404 becomes one error entry carrying the Graph code and message', async () => {
    client.fail(
      new GraphError(
        'Microsoft Graph returned 404 ErrorItemNotFound: The specified object was not found in the store.',
        404,
        'ErrorItemNotFound',
        'The specified object was not found in the store.',
      ),
    );
    const { entries } = await run('msgraph-calendar-get-event', { client, args: { event_id: 'missing' } });
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
