/** list-calendars and get-calendar: requests sent, War Room tables and context. */
import { FakeCalendarClient } from './support/fakeGraph';
import { graphCalendar, page } from './support/fixtures';
import { run, USER_PATH } from './support/harness';

const CONTEXT_KEY = 'MSGraphCalendar.Calendar(val.ID === obj.ID)';
let client: FakeCalendarClient;
beforeEach(() => {
  client = new FakeCalendarClient();
});
afterEach(() => client.verify());

describe('msgraph-calendar-list-calendars', () => {
  it('without arguments GETs users/{default user}/calendars with $top=100 and writes Calendar context', async () => {
    const second = graphCalendar({
      id: 'AAMkSecond',
      name: 'Work',
      owner: { name: 'Alice Smith', address: 'alice@contoso.com' },
    });
    const response = page([graphCalendar(), second]);
    client.reply(response);

    const { entry } = await run('msgraph-calendar-list-calendars', { client });

    expect(client.requests).toEqual([
      { method: 'GET', path: `${USER_PATH}/calendars`, query: { $top: 100 } },
    ]);
    expect(entry.Type).toBe(1);
    expect(entry.Contents).toEqual(response);
    expect(entry.HumanReadable).toBe(
      '### Calendar:\n|Name|Owner Name|Owner Address|ID|\n|---|---|---|---|\n' +
        '| Calendar | Alice Smith | alice@contoso.com | AAMkAGI2TGuLAAA= |\n' +
        '| Work | Alice Smith | alice@contoso.com | AAMkSecond |\n',
    );
    expect(Object.keys(entry.EntryContext ?? {})).toEqual([CONTEXT_KEY]);
    const [first] = (entry.EntryContext ?? {})[CONTEXT_KEY] as Record<string, unknown>[];
    expect(first).toEqual({
      ID: 'AAMkAGI2TGuLAAA=',
      Name: 'Calendar',
      HexColor: '',
      IsDefaultCalendar: true,
      ChangeKey: 'nfZyf7VcrEKLNoU37KWlkQAAA0x0+w==',
      CanShare: true,
      CanViewPrivateItems: true,
      CanEdit: true,
      AllowedOnlineMeetingProviders: ['teamsForBusiness'],
      DefaultOnlineMeetingProvider: 'teamsForBusiness',
      IsTallyingResponses: true,
      IsRemovable: false,
      Owner: { name: 'Alice Smith', address: 'alice@contoso.com' },
    });
  });

  it('sends the user argument (encoded), top and order_by as $top and $orderby', async () => {
    client.reply(page([]));
    const { entry } = await run('msgraph-calendar-list-calendars', {
      client,
      args: { user: 'bob/x@contoso.com', top: '5', order_by: 'name desc' },
    });
    expect(client.requests).toEqual([
      {
        method: 'GET',
        path: 'users/bob%2Fx%40contoso.com/calendars',
        query: { $top: 5, $orderby: 'name desc' },
      },
    ]);
    expect(entry.HumanReadable).toBe('### Calendar:\n**No entries.**\n');
    expect(entry.EntryContext).toEqual({ [CONTEXT_KEY]: [] });
  });

  it('surfaces the next link of calendars (upstream dropped it) with the note in the title', async () => {
    const link = 'https://graph.microsoft.com/v1.0/users/alice%40contoso.com/calendars?$top=1&$skip=1';
    client.reply(page([graphCalendar()], { '@odata.nextLink': link }));
    const { entry } = await run('msgraph-calendar-list-calendars', { client, args: { top: '1' } });
    expect(entry.HumanReadable?.split('\n')[0]).toBe(
      '### Calendar (Note that there are more results. Please use the next_link argument to see them.):',
    );
    expect(entry.EntryContext?.[`${CONTEXT_KEY}.NextLink`]).toBe(link);
  });

  it('with limit asks for a page of that size and follows next links until limit calendars are collected', async () => {
    const link1 = 'https://graph.microsoft.com/v1.0/users/alice%40contoso.com/calendars?$top=2&$skip=2';
    const link2 = 'https://graph.microsoft.com/v1.0/users/alice%40contoso.com/calendars?$top=2&$skip=4';
    const cals = [1, 2, 3, 4].map((i) => graphCalendar({ id: `c${i}`, name: `Cal ${i}` }));
    client.reply(page(cals.slice(0, 2), { '@odata.nextLink': link1 }));
    client.reply(page(cals.slice(2, 4), { '@odata.nextLink': link2 }));

    const { entry } = await run('msgraph-calendar-list-calendars', {
      client,
      args: { limit: '3', top: '2' },
    });

    expect(client.requests).toEqual([
      { method: 'GET', path: `${USER_PATH}/calendars`, query: { $top: 2 } },
      { method: 'GET', path: link1, linkSource: 'graph' },
    ]);
    const ids = ((entry.EntryContext ?? {})[CONTEXT_KEY] as { ID: string }[]).map((c) => c.ID);
    expect(ids).toEqual(['c1', 'c2', 'c3']);
    expect(entry.EntryContext?.[`${CONTEXT_KEY}.NextLink`]).toBe(link2);
    expect((entry.Contents as { value: unknown[] }).value).toHaveLength(3);
    expect((entry.Contents as Record<string, unknown>)['@odata.nextLink']).toBe(link2);
  });

  it('next_link is fetched as given, as a link from the next_link argument, and the other arguments are ignored', async () => {
    const link = 'https://graph.microsoft.com/v1.0/users/alice%40contoso.com/calendars?$top=1&$skip=1';
    client.reply(page([graphCalendar()]));
    await run('msgraph-calendar-list-calendars', {
      client,
      args: { next_link: link, top: '7', order_by: 'name' },
    });
    expect(client.requests).toEqual([{ method: 'GET', path: link, linkSource: 'next_link' }]);
  });

  it('with limit and no top asks for limit items in one request', async () => {
    client.reply(page([graphCalendar()]));
    await run('msgraph-calendar-list-calendars', { client, args: { limit: '250' } });
    expect(client.requests).toEqual([
      { method: 'GET', path: `${USER_PATH}/calendars`, query: { $top: 250 } },
    ]);
  });
});

describe('msgraph-calendar-get-calendar', () => {
  it('GETs users/{u}/calendars/{calendar_id} with the id encoded', async () => {
    client.reply({ '@odata.context': 'ctx', ...graphCalendar({ id: 'A/B=', name: 'Work' }) });
    const { entry } = await run('msgraph-calendar-get-calendar', { client, args: { calendar_id: 'A/B=' } });
    expect(client.requests).toEqual([{ method: 'GET', path: `${USER_PATH}/calendars/A%2FB%3D` }]);
    expect(entry.HumanReadable).toBe(
      '### Calendar:\n|Name|Owner Name|Owner Address|ID|\n|---|---|---|---|\n| Work | Alice Smith | alice@contoso.com | A/B= |\n',
    );
    const [ctx] = (entry.EntryContext ?? {})[CONTEXT_KEY] as Record<string, unknown>[];
    expect(ctx).not.toHaveProperty('@Odata.Context');
    expect(ctx.ID).toBe('A/B=');
  });

  it('without calendar_id GETs the default calendar users/{u}/calendar (upstream fetched the service root)', async () => {
    client.reply(graphCalendar());
    const { entry } = await run('msgraph-calendar-get-calendar', { client });
    expect(client.requests).toEqual([{ method: 'GET', path: `${USER_PATH}/calendar` }]);
    expect(entry.HumanReadable).toContain(
      '| Calendar | Alice Smith | alice@contoso.com | AAMkAGI2TGuLAAA= |',
    );
  });
});
