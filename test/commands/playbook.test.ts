/**
 * The upstream test playbook "Microsoft Graph Calendar - Test", unchanged, with values passed
 * between steps through the host's incident context (the one `npm start` and the CLI use), the way
 * XSOAR runs it.
 */
import { IncidentContext } from '../../scripts/host/incidentContext';
import { FakeCalendarClient } from './support/fakeGraph';
import { graphCalendar, graphEvent, page } from './support/fixtures';
import { run, USER_PATH } from './support/harness';

const CREATED_ID = 'AAMkAGI1-created==';
const ENCODED_ID = 'AAMkAGI1-created%3D%3D';

describe('upstream test playbook (Microsoft Graph Calendar - Test)', () => {
  it('runs list-calendars, create, get, update, list-events with filter and delete on ${MSGraphCalendar.ID}', async () => {
    const client = new FakeCalendarClient();
    const incident = new IncidentContext();
    const step = async (command: string, args: Record<string, unknown>) => {
      const { entry } = await run(command, {
        client,
        args,
        incidentContext: (path) => incident.get(path),
      });
      expect({ command, type: entry.Type, contents: entry.Type === 4 ? entry.Contents : 'ok' }).toEqual({
        command,
        type: 1,
        contents: 'ok',
      });
      incident.merge(entry.EntryContext);
      return entry;
    };
    const created = graphEvent({ id: CREATED_ID, subject: 'test - delete' });
    const updated = graphEvent({ id: CREATED_ID, subject: 'updated' });
    client
      .reply(page([graphCalendar(), graphCalendar({ id: 'AAMkWork', name: 'Work' })]))
      .reply(created, 201)
      .reply(created)
      .reply(updated)
      .reply(page([updated]))
      .reply(undefined, 204);

    await step('msgraph-calendar-list-calendars', {});
    const names = incident.get('MSGraphCalendar.Calendar.Name') as string[];
    // The playbook takes the first calendar name (FirstArrayElement).
    await step('msgraph-calendar-create-event', {
      calendar_id: names[0],
      subject: 'test - delete',
      attendees: 'someemail@domain.com',
      start: '2022-12-11T17:00:00',
      end: '2022-12-11T17:30:00',
    });
    await step('msgraph-calendar-get-event', { event_id: incident.get('MSGraphCalendar.Event.ID') });
    await step('msgraph-calendar-update-event', {
      event_id: incident.get('MSGraphCalendar.Event.ID'),
      subject: 'updated',
    });
    await step('msgraph-calendar-list-events', { filter_by: "startswith(subject,'updated')" });
    expect(incident.get('MSGraphCalendar.ID')).toEqual([CREATED_ID]);
    const deleted = await step('msgraph-calendar-delete-event', {
      event_id: incident.get('MSGraphCalendar.ID'),
    });

    expect(client.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', `${USER_PATH}/calendars`, { $top: 100 }],
      ['POST', `${USER_PATH}/calendars/Calendar/events`, undefined],
      ['GET', `${USER_PATH}/calendar/events/${ENCODED_ID}`, undefined],
      ['PATCH', `${USER_PATH}/calendar/events/${ENCODED_ID}`, undefined],
      ['GET', `${USER_PATH}/events`, { $filter: "startswith(subject,'updated')", $top: 100 }],
      ['DELETE', `${USER_PATH}/calendar/events/${ENCODED_ID}`, undefined],
    ]);
    expect(client.requests[1].body).toMatchObject({
      Attendees: [{ emailAddress: { address: 'someemail@domain.com' } }],
    });
    expect(client.requests[3].body).toEqual({ Subject: 'updated' });
    // update-event's root `MSGraphCalendar(obj.ID === "<id>")` key turns the root into the list of
    // updated events, so the Event list is no longer there to enrich the deleted event from: it is
    // reported by its ID alone.
    expect(deleted.EntryContext).toEqual({
      'MSGraphCalendar.Event(val.ID === obj.ID)': { ID: CREATED_ID, Deleted: true },
    });
    client.verify();
  });
});
