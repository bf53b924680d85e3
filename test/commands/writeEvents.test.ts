/** create-event and update-event: requests, bodies and context, with upstream's bugs fixed. */
import { FakeCalendarClient } from './support/fakeGraph';
import { graphEvent } from './support/fixtures';
import { run, USER_PATH } from './support/harness';

const EVENT_KEY = 'MSGraphCalendar.Event(val.ID === obj.ID)';
const UUID = '6f9619ff-8b86-4d01-b42d-00c04fc964ff';

let client: FakeCalendarClient;
beforeEach(() => {
  client = new FakeCalendarClient();
});
afterEach(() => client.verify());

describe('msgraph-calendar-create-event', () => {
  it('the README example POSTs to users/{u}/calendars/Calendar/events with PascalCase keys', async () => {
    const created = graphEvent({ subject: 'test - delete' });
    client.reply(created, 201);
    const { entry } = await run('msgraph-calendar-create-event', {
      client,
      uuids: [UUID],
      args: {
        calendar_id: 'Calendar',
        attendees: 'someemail@domain.com',
        body: 'Some body of the event',
        subject: 'test - delete',
        location: 'Tel Aviv',
        start: '2022-12-11T17:00:00',
        end: '2022-12-11T17:30:00',
        time_zone: 'Asia/Jerusalem',
      },
    });

    expect(client.requests).toEqual([
      {
        method: 'POST',
        path: `${USER_PATH}/calendars/Calendar/events`,
        idempotent: true,
        body: {
          Subject: 'test - delete',
          Body: { content: 'Some body of the event' },
          Location: { displayName: 'Tel Aviv' },
          Start: { dateTime: '2022-12-11T17:00:00', timeZone: 'Asia/Jerusalem' },
          End: { dateTime: '2022-12-11T17:30:00', timeZone: 'Asia/Jerusalem' },
          Attendees: [{ emailAddress: { address: 'someemail@domain.com' } }],
          TransactionId: UUID,
        },
      },
    ]);
    const body = client.requests[0].body as Record<string, unknown>;
    for (const key of ['TimeZone', 'User', 'CalendarId', 'time_zone', 'user', 'calendar_id'])
      expect(body).not.toHaveProperty([key]);
    expect(entry.HumanReadable?.split('\n')[0]).toBe('### Event was created successfully:');
    expect(entry.Contents).toEqual(created);
    const [ctx] = (entry.EntryContext ?? {})[EVENT_KEY] as Record<string, unknown>[];
    expect(ctx.Subject).toBe('test - delete');
  });

  it('without calendar_id POSTs to users/{u}/calendar/events', async () => {
    client.reply(graphEvent(), 201);
    await run('msgraph-calendar-create-event', { client, uuids: [UUID], args: { subject: 's' } });
    expect(client.requests.map((r) => [r.method, r.path])).toEqual([
      ['POST', `${USER_PATH}/calendar/events`],
    ]);
  });

  it('without attendees, body and location none of them is sent', async () => {
    client.reply(graphEvent(), 201);
    await run('msgraph-calendar-create-event', {
      client,
      uuids: [UUID],
      args: { subject: 'only a subject' },
    });
    expect(client.requests[0].body).toEqual({ Subject: 'only a subject', TransactionId: UUID });
  });

  it('attendees are trimmed and empty items dropped', async () => {
    client.reply(graphEvent(), 201);
    await run('msgraph-calendar-create-event', {
      client,
      uuids: [UUID],
      args: { attendees: 'a@x.com, b@x.com,, ' },
    });
    expect((client.requests[0].body as Record<string, unknown>).Attendees).toEqual([
      { emailAddress: { address: 'a@x.com' } },
      { emailAddress: { address: 'b@x.com' } },
    ]);
  });

  it('attendees may be a JSON list (a playbook passes a context list), trimmed like the text form', async () => {
    client.reply(graphEvent(), 201);
    await run('msgraph-calendar-create-event', {
      client,
      uuids: [UUID],
      args: { attendees: '["a@x.com", " b@x.com "]' },
    });
    expect((client.requests[0].body as Record<string, unknown>).Attendees).toEqual([
      { emailAddress: { address: 'a@x.com' } },
      { emailAddress: { address: 'b@x.com' } },
    ]);
  });

  it.each<[unknown]>([
    ['[1,{}]'],
    [[1, {}]],
    [['a@x.com', ['b@x.com']]],
    ['[[]]'],
    ['[{"address":"a@x.com"}]'],
  ])('refuses attendees %j whose items are not text, before any request', async (attendees) => {
    const { entry } = await run('msgraph-calendar-create-event', {
      client,
      uuids: [UUID],
      args: { attendees },
    });
    expect(client.requests).toEqual([]);
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toMatch(/^The attendees argument must be a list of text values \(got "/);
    expect(String(entry.Contents)).not.toContain('[object Object]');
  });

  it('never sends an empty attendee, even for a null item of a JSON list', async () => {
    // Its own client: whether the null item is refused or dropped, the queued answer may stay unused.
    const probe = new FakeCalendarClient().reply(graphEvent(), 201);
    const { entry } = await run('msgraph-calendar-create-event', {
      client: probe,
      uuids: [UUID],
      args: { attendees: '["a@x.com", null, ""]' },
    });
    if (probe.requests.length === 0) expect(String(entry.Contents)).toMatch(/^The attendees argument /);
    else
      expect((probe.requests[0].body as Record<string, unknown>).Attendees).toEqual([
        { emailAddress: { address: 'a@x.com' } },
      ]);
  });

  it('start and end without time_zone are sent in UTC instead of ""', async () => {
    client.reply(graphEvent(), 201);
    await run('msgraph-calendar-create-event', {
      client,
      uuids: [UUID],
      args: { start: '2022-12-11T17:00:00', end: '2022-12-11T18:00:00' },
    });
    const body = client.requests[0].body as Record<string, unknown>;
    expect(body.Start).toEqual({ dateTime: '2022-12-11T17:00:00', timeZone: 'UTC' });
    expect(body.End).toEqual({ dateTime: '2022-12-11T18:00:00', timeZone: 'UTC' });
  });

  it('sends the original_* arguments PascalCased', async () => {
    client.reply(graphEvent(), 201);
    await run('msgraph-calendar-create-event', {
      client,
      uuids: [UUID],
      args: {
        original_start: '2014-01-01T00:00:00Z',
        original_start_time_zone: 'Pacific Standard Time',
        original_end_time_zone: 'UTC',
      },
    });
    expect(client.requests[0].body).toEqual({
      OriginalStart: '2014-01-01T00:00:00Z',
      OriginalStartTimeZone: 'Pacific Standard Time',
      OriginalEndTimeZone: 'UTC',
      TransactionId: UUID,
    });
  });

  it('gives every create a fresh transactionId and marks the POST idempotent so a retry cannot duplicate it', async () => {
    const second = '0b5e5c1a-1d2e-4f3a-9b8c-7d6e5f4a3b2c';
    client.reply(graphEvent(), 201).reply(graphEvent(), 201);
    const first = await run('msgraph-calendar-create-event', {
      client,
      uuids: [UUID],
      args: { subject: 'a' },
    });
    await run('msgraph-calendar-create-event', { client, uuids: [second], args: { subject: 'a' } });
    expect(first.entry.Type).toBe(1);
    expect(
      client.requests.map((r) => [(r.body as Record<string, unknown>).TransactionId, r.idempotent]),
    ).toEqual([
      [UUID, true],
      [second, true],
    ]);
  });

  it('encodes the calendar id as one path segment', async () => {
    client.reply(graphEvent(), 201);
    await run('msgraph-calendar-create-event', { client, uuids: [UUID], args: { calendar_id: 'a/b?c#d' } });
    expect(client.requests[0].path).toBe(`${USER_PATH}/calendars/a%2Fb%3Fc%23d/events`);
  });
});

describe('msgraph-calendar-update-event', () => {
  it('PATCHes only the subject and writes the Event key, then the upstream root key with the id quoted', async () => {
    const updated = graphEvent({ id: 'E', subject: 'updated' });
    client.reply(updated);
    const { entry } = await run('msgraph-calendar-update-event', {
      client,
      args: { event_id: 'E', subject: 'updated' },
    });

    expect(client.requests).toEqual([
      { method: 'PATCH', path: `${USER_PATH}/calendar/events/E`, body: { Subject: 'updated' } },
    ]);
    expect(entry.HumanReadable?.split('\n')[0]).toBe('### Event:');
    expect(Object.keys(entry.EntryContext ?? {})).toEqual([EVENT_KEY, 'MSGraphCalendar(obj.ID === "E")']);
    const rootValue = (entry.EntryContext ?? {})['MSGraphCalendar(obj.ID === "E")'] as Record<
      string,
      unknown
    >[];
    expect(rootValue).toEqual((entry.EntryContext ?? {})[EVENT_KEY]);
    expect(rootValue[0]).toMatchObject({ ID: 'E', Subject: 'updated' });
    expect(entry.Contents).toEqual(updated);
  });

  it('quotes an id that would otherwise be code in the root key (JSON string escaping)', async () => {
    const id = '1).__proto__.encoding(x "y" \\';
    client.reply(graphEvent({ id }));
    const { entry } = await run('msgraph-calendar-update-event', {
      client,
      args: { event_id: id, subject: 's' },
    });
    expect(Object.keys(entry.EntryContext ?? {})).toEqual([
      EVENT_KEY,
      'MSGraphCalendar(obj.ID === "1).__proto__.encoding(x \\"y\\" \\\\")',
    ]);
  });

  it('sends body, location, times and attendees only when given', async () => {
    client.reply(graphEvent({ id: 'E' }));
    await run('msgraph-calendar-update-event', {
      client,
      args: {
        event_id: 'E',
        location: 'Room 1',
        start: '2022-12-11T17:00:00',
        time_zone: 'Asia/Jerusalem',
        attendees: 'x@y.com',
      },
    });
    expect(client.requests[0].body).toEqual({
      Location: { displayName: 'Room 1' },
      Start: { dateTime: '2022-12-11T17:00:00', timeZone: 'Asia/Jerusalem' },
      Attendees: [{ emailAddress: { address: 'x@y.com' } }],
    });
  });

  it('refuses an update that gives no field, before any request', async () => {
    const { entry } = await run('msgraph-calendar-update-event', {
      client,
      args: { event_id: 'E', time_zone: 'UTC' },
    });
    expect(client.requests).toEqual([]);
    expect(entry.Type).toBe(4);
    expect(entry.Contents).toBe(
      'Nothing to update: give at least one of subject, body, location, start, end, attendees, ' +
        'original_start, original_start_time_zone or original_end_time_zone.',
    );
  });
});
