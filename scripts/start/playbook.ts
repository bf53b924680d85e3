/**
 * The upstream test playbook ("Microsoft Graph Calendar - Test") as data: each step names its
 * command, builds its arguments from values earlier steps put in their EntryContext, and checks
 * its own entry.
 */
import type { Entry } from '../../Packs/Base/Scripts/CommonServer/entries';

/** Values carried between steps, like playbook inputs `${...}` read from the context. */
export interface PlaybookValues {
  calendarName?: string;
  eventId?: string;
  /** Read from update-event's root `MSGraphCalendar` key, as the upstream playbook's `${MSGraphCalendar.ID}`. */
  updatedId?: string;
}

/** One playbook step. */
export interface PlaybookStep {
  readonly command: string;
  /** The arguments, or a message naming the missing value. */
  args(values: PlaybookValues): Record<string, string> | string;
  /** Checks the (non-error) entry and records values; returns a problem, or undefined when fine. */
  check(entry: Entry, values: PlaybookValues): string | undefined;
}

type Row = Record<string, unknown>;

/** The value of the EntryContext key whose path (before any DT selector) is `path`, as a list. */
export function contextRows(entry: Entry, path: string): Row[] {
  const key = Object.keys(entry.EntryContext ?? {}).find((k) => k.split('(')[0] === path);
  const value = key === undefined ? undefined : entry.EntryContext?.[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is Row => typeof v === 'object' && v !== null);
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The subject of the event the playbook creates. */
export const PLAYBOOK_SUBJECT = 'XSOAR host check';

/** The steps, in order: test-module, then the upstream test playbook. */
export function playbookSteps(): PlaybookStep[] {
  return [
    {
      command: 'test-module',
      args: () => ({}),
      check: (entry) => (entry.Contents === 'ok' ? undefined : 'test-module did not answer ok'),
    },
    {
      command: 'msgraph-calendar-list-calendars',
      args: () => ({}),
      check: (entry, values) => {
        values.calendarName = text(contextRows(entry, 'MSGraphCalendar.Calendar')[0]?.Name);
        return values.calendarName ? undefined : 'no MSGraphCalendar.Calendar.Name in the context';
      },
    },
    {
      command: 'msgraph-calendar-create-event',
      args: (v) =>
        v.calendarName === undefined
          ? 'no calendar name from list-calendars'
          : {
              calendar_id: v.calendarName,
              subject: PLAYBOOK_SUBJECT,
              body: 'Created by npm start',
              location: 'Tel Aviv',
              attendees: 'bob@contoso.com',
              start: '2030-01-15T09:00:00',
              end: '2030-01-15T09:30:00',
              time_zone: 'UTC',
            },
      check: (entry, values) => {
        const event = contextRows(entry, 'MSGraphCalendar.Event')[0];
        values.eventId = text(event?.ID);
        if (!values.eventId) return 'no MSGraphCalendar.Event.ID in the context';
        return event.Subject === PLAYBOOK_SUBJECT ? undefined : `unexpected subject ${String(event.Subject)}`;
      },
    },
    {
      command: 'msgraph-calendar-get-event',
      args: (v) => (v.eventId === undefined ? 'no event id from create-event' : { event_id: v.eventId }),
      check: (entry, values) =>
        contextRows(entry, 'MSGraphCalendar.Event')[0]?.ID === values.eventId
          ? undefined
          : 'got another event',
    },
    {
      command: 'msgraph-calendar-update-event',
      args: (v) =>
        v.eventId === undefined
          ? 'no event id from create-event'
          : { event_id: v.eventId, subject: 'updated' },
      check: (entry, values) => {
        const root = contextRows(entry, 'MSGraphCalendar')[0];
        values.updatedId = text(root?.ID);
        if (!values.updatedId) return 'no MSGraphCalendar.ID in the context';
        return root.Subject === 'updated' ? undefined : 'the subject was not updated';
      },
    },
    {
      command: 'msgraph-calendar-list-events',
      args: () => ({ filter_by: "startswith(subject,'updated')" }),
      check: (entry, values) =>
        contextRows(entry, 'MSGraphCalendar.Event').some((e) => e.ID === values.updatedId)
          ? undefined
          : 'the updated event is not listed',
    },
    {
      command: 'msgraph-calendar-delete-event',
      args: (v) =>
        v.updatedId === undefined ? 'no MSGraphCalendar.ID from update-event' : { event_id: v.updatedId },
      check: (entry, values) => {
        const deleted = contextRows(entry, 'MSGraphCalendar.Event')[0];
        if (deleted?.Deleted !== true) return 'the event is not marked Deleted';
        // update-event's root `MSGraphCalendar(obj.ID === "<id>")` key turns the root into a list
        // of events, as on the server; the deleted event is then reported by its ID alone.
        return deleted.ID === values.updatedId ? undefined : 'another event was marked Deleted';
      },
    },
  ];
}
