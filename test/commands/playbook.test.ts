/**
 * The upstream test playbook "Microsoft Graph Calendar - Test", unchanged, with values passed between steps
 * through a simulated incident context, the way XSOAR runs it.
 */
import { FakeGraphApi } from './support/fakeGraph';
import { graphCalendar, graphEvent, page } from './support/fixtures';
import { run, USER_PATH } from './support/harness';
import { mergeEntryContext, parsePath, resolvePath } from './support/incidentContext';

const CREATED_ID = 'AAMkAGI1-created==';
const ENCODED_ID = 'AAMkAGI1-created%3D%3D';

describe('upstream test playbook (Microsoft Graph Calendar - Test)', () => {
  it('runs list-calendars, create, get, update, list-events with filter and delete on ${MSGraphCalendar.ID}', async () => {
    const graph = new FakeGraphApi();
    const incident: Record<string, unknown> = {};
    const step = async (command: string, args: Record<string, unknown>) => {
      const { entry } = await run(command, {
        graph,
        args,
        incidentContext: (path) => resolvePath(incident, path),
      });
      expect({ command, type: entry.Type, contents: entry.Type === 4 ? entry.Contents : 'ok' }).toEqual({
        command,
        type: 1,
        contents: 'ok',
      });
      mergeEntryContext(incident, entry.EntryContext);
      return entry;
    };
    const created = graphEvent({ id: CREATED_ID, subject: 'test - delete' });
    const updated = graphEvent({ id: CREATED_ID, subject: 'updated' });
    graph
      .reply(page([graphCalendar(), graphCalendar({ id: 'AAMkWork', name: 'Work' })]))
      .reply(created, 201)
      .reply(created)
      .reply(updated)
      .reply(page([updated]))
      .reply(undefined, 204);

    await step('msgraph-calendar-list-calendars', {});
    const names = resolvePath(incident, 'MSGraphCalendar.Calendar.Name') as string[];
    // The playbook takes the first calendar name (FirstArrayElement).
    await step('msgraph-calendar-create-event', {
      calendar_id: names[0],
      subject: 'test - delete',
      attendees: 'someemail@domain.com',
      start: '2022-12-11T17:00:00',
      end: '2022-12-11T17:30:00',
    });
    await step('msgraph-calendar-get-event', { event_id: resolvePath(incident, 'MSGraphCalendar.Event.ID') });
    await step('msgraph-calendar-update-event', {
      event_id: resolvePath(incident, 'MSGraphCalendar.Event.ID'),
      subject: 'updated',
    });
    await step('msgraph-calendar-list-events', { filter_by: "startswith(subject,'updated')" });
    expect(resolvePath(incident, 'MSGraphCalendar.ID')).toBe(CREATED_ID);
    const deleted = await step('msgraph-calendar-delete-event', {
      event_id: resolvePath(incident, 'MSGraphCalendar.ID'),
    });

    expect(graph.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', `${USER_PATH}/calendars`, { $top: 100 }],
      ['POST', `${USER_PATH}/calendars/Calendar/events`, undefined],
      ['GET', `${USER_PATH}/calendar/events/${ENCODED_ID}`, undefined],
      ['PATCH', `${USER_PATH}/calendar/events/${ENCODED_ID}`, undefined],
      ['GET', `${USER_PATH}/events`, { $filter: "startswith(subject,'updated')", $top: 100 }],
      ['DELETE', `${USER_PATH}/calendar/events/${ENCODED_ID}`, undefined],
    ]);
    expect(graph.requests[3].body).toEqual({ Subject: 'updated' });
    const deletedEvent = deleted.EntryContext?.['MSGraphCalendar.Event(val.ID === obj.ID)'] as Record<
      string,
      unknown
    >;
    expect(deletedEvent).toMatchObject({ ID: CREATED_ID, Subject: 'updated', Deleted: true });
    expect(resolvePath(incident, 'MSGraphCalendar.Event.Deleted')).toBe(true);
    graph.verify();
  });
});

describe('the incident-context simulation itself', () => {
  it('splits paths without breaking merge expressions', () => {
    expect(parsePath('MSGraphCalendar.Event(val.ID === obj.ID).NextLink')).toEqual([
      { name: 'MSGraphCalendar' },
      { name: 'Event', dt: 'val.ID === obj.ID' },
      { name: 'NextLink' },
    ]);
  });

  it('merges by ID: replaces a known item and appends a new one', () => {
    const ctx: Record<string, unknown> = {};
    mergeEntryContext(ctx, {
      'A.B(val.ID === obj.ID)': [
        { ID: 1, v: 'a' },
        { ID: 2, v: 'b' },
      ],
    });
    mergeEntryContext(ctx, {
      'A.B(val.ID === obj.ID)': [
        { ID: 2, v: 'c' },
        { ID: 3, v: 'd' },
      ],
    });
    expect(resolvePath(ctx, 'A.B.v')).toEqual(['a', 'c', 'd']);
    expect(resolvePath(ctx, 'A.B(val.ID === "x")')).toBeUndefined();
  });
});
