/**
 * delete-event: the DELETE sent, and the deleted event in the context, enriched from the incident
 * context when the host has it there (upstream crashed when it was not).
 */
import { FakeCalendarClient } from './support/fakeGraph';
import { run, USER_PATH } from './support/harness';

const EVENT_KEY = 'MSGraphCalendar.Event(val.ID === obj.ID)';

let client: FakeCalendarClient;
beforeEach(() => {
  client = new FakeCalendarClient();
});
afterEach(() => client.verify());

describe('msgraph-calendar-delete-event', () => {
  it('DELETEs the event and enriches the cached event from the incident context with Deleted', async () => {
    client.reply(undefined, 204);
    const cached = { ID: 'E', Subject: 'test - delete', ICalUId: 'uid' };
    const lookups: string[] = [];
    const { entry } = await run('msgraph-calendar-delete-event', {
      client,
      args: { event_id: 'E' },
      incidentContext: (path) => {
        lookups.push(path);
        return [cached, { ID: 'E', Subject: 'duplicate' }];
      },
    });
    expect(client.requests).toEqual([{ method: 'DELETE', path: `${USER_PATH}/calendar/events/E` }]);
    expect(lookups).toEqual(['MSGraphCalendar.Event(val.ID === "E")']);
    expect(entry).toEqual({
      Type: 1,
      Contents: {},
      ContentsFormat: 'json',
      HumanReadable: 'Event was deleted successfully.',
      ReadableContentsFormat: 'markdown',
      EntryContext: { [EVENT_KEY]: { ID: 'E', Subject: 'test - delete', ICalUId: 'uid', Deleted: true } },
    });
    expect(cached).not.toHaveProperty('Deleted');
  });

  it('an event missing from the incident context still succeeds with {ID, Deleted: true}', async () => {
    client.reply(undefined, 204);
    const { entry } = await run('msgraph-calendar-delete-event', {
      client,
      args: { event_id: 'E' },
      incidentContext: () => undefined,
    });
    expect(client.requests).toEqual([{ method: 'DELETE', path: `${USER_PATH}/calendar/events/E` }]);
    expect(entry.Type).toBe(1);
    expect(entry.EntryContext).toEqual({ [EVENT_KEY]: { ID: 'E', Deleted: true } });
  });

  it('succeeds the same way when the host has no incident context at all', async () => {
    client.reply(undefined, 204);
    const { entry } = await run('msgraph-calendar-delete-event', { client, args: { event_id: 'a/b' } });
    expect(client.requests[0].path).toBe(`${USER_PATH}/calendar/events/a%2Fb`);
    expect(entry.EntryContext).toEqual({ [EVENT_KEY]: { ID: 'a/b', Deleted: true } });
    expect(entry.HumanReadable).toBe('Event was deleted successfully.');
  });

  it('falls back to {ID, Deleted} when reading the incident context throws', async () => {
    client.reply(undefined, 204);
    const { entry } = await run('msgraph-calendar-delete-event', {
      client,
      args: { event_id: 'E' },
      incidentContext: () => {
        throw new Error('dq failed');
      },
    });
    expect(entry.EntryContext).toEqual({ [EVENT_KEY]: { ID: 'E', Deleted: true } });
  });
});
