/**
 * The key transformation and the parse_calendar / parse_events checks of upstream's unit tests,
 * with fixtures of the same shape written for this project.
 */
import {
  camelCaseToContextKey,
  camelCaseToReadable,
  snakeCaseToPascalCase,
} from '../../Packs/Base/Scripts/CommonServer/pythonTitle';
import {
  parseCalendars,
  parseEvents,
  toContextObject,
} from '../../Integrations/MicrosoftGraphCalendar/commands/transform';

// What upstream's parse_calendar test feeds in: one object carrying event-like fields plus @odata.context and @odata.etag.
const calendarLikeFixture = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/calendars/$entity',
  '@odata.etag': '',
  id: 'some_id',
  createdDateTime: '2019-11-25T14:45:35.1564066Z',
  iCalUId: 'some_ical_uid',
  seriesMasterId: 'some_series_master_id',
  onlineMeetingUrl: null,
  recurrence: null,
  locations: [],
  subject: 'Some Subject ',
  start: { dateTime: '2019-11-25T15:00:00.0000000', timeZone: 'UTC' },
  attendees: [{ emailAddress: { name: 'somemail@test.com', address: 'somemail@test.com' } }],
};

// What upstream's parse_events test feeds in: a single event object (not a list).
const eventFixture = {
  '@odata.etag': 'W/"some_etag"',
  id: 'some_id',
  subject: 'Some Subject ',
  iCalUId: 'some_ical_uid',
  isAllDay: false,
  organizer: { emailAddress: { name: 'Some Name', address: 'somename@test.com' } },
  attendees: [
    {
      type: 'required',
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: { name: 'somemail@test.com', address: 'somemail@test.com' },
    },
  ],
  start: { dateTime: '2019-11-25T15:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2019-11-25T15:30:00.0000000', timeZone: 'UTC' },
};

describe('key transformation (Graph keys to readable and context keys)', () => {
  it('snake_case_snake_case becomes SnakeCaseSnakeCase', () => {
    expect(snakeCaseToPascalCase('snake_case_snake_case')).toBe('SnakeCaseSnakeCase');
  });

  it('id becomes ID', () => {
    expect(camelCaseToReadable('id')).toBe('ID');
  });

  it('createdDateTime reads "Created Date Time" and is stored as CreatedDateTime', () => {
    expect(camelCaseToReadable('createdDateTime')).toBe('Created Date Time');
    expect(camelCaseToContextKey('createdDateTime')).toBe('CreatedDateTime');
  });
});

describe('parseCalendars (upstream parse_calendar)', () => {
  const parsed = parseCalendars([calendarLikeFixture]);

  it('builds the readable row from name, owner and id', () => {
    expect(parsed.readable).toEqual([
      { Name: null, 'Owner Name': null, 'Owner Address': null, ID: 'some_id' },
    ]);
  });

  it('drops @odata.context, keeps @odata.etag as @Odata.Etag, PascalCases top-level keys only', () => {
    expect(parsed.context).toEqual([
      {
        '@Odata.Etag': '',
        ID: 'some_id',
        CreatedDateTime: '2019-11-25T14:45:35.1564066Z',
        ICalUId: 'some_ical_uid',
        SeriesMasterId: 'some_series_master_id',
        OnlineMeetingUrl: null,
        Recurrence: null,
        Locations: [],
        Subject: 'Some Subject ',
        Start: { dateTime: '2019-11-25T15:00:00.0000000', timeZone: 'UTC' },
        Attendees: [{ emailAddress: { name: 'somemail@test.com', address: 'somemail@test.com' } }],
      },
    ]);
  });

  it('drops color from calendars and never adds Status (upstream checks the converted key)', () => {
    const [ctx] = parseCalendars({ id: 'c', color: 'auto', '@removed': { reason: 'deleted' } }).context;
    expect(ctx).toEqual({ ID: 'c', '@Removed': { reason: 'deleted' } });
  });

  it('tolerates a calendar whose owner is null', () => {
    expect(parseCalendars({ id: 'c', name: 'N', owner: null }).readable).toEqual([
      { Name: 'N', 'Owner Name': null, 'Owner Address': null, ID: 'c' },
    ]);
  });
});

describe('parseEvents (upstream parse_events)', () => {
  const parsed = parseEvents(eventFixture);

  it('accepts a single event and builds the readable row (attendee column = emailAddress.name)', () => {
    expect(parsed.readable).toEqual([
      {
        Subject: 'Some Subject ',
        ID: 'some_id',
        Organizer: 'Some Name',
        Attendees: ['somemail@test.com'],
        Start: '2019-11-25T15:00:00.0000000',
        End: '2019-11-25T15:30:00.0000000',
      },
    ]);
  });

  it('drops @odata.etag and PascalCases top-level keys, leaving nested values unchanged', () => {
    expect(parsed.context).toEqual([
      {
        ID: 'some_id',
        Subject: 'Some Subject ',
        ICalUId: 'some_ical_uid',
        IsAllDay: false,
        Organizer: { emailAddress: { name: 'Some Name', address: 'somename@test.com' } },
        Attendees: eventFixture.attendees,
        Start: { dateTime: '2019-11-25T15:00:00.0000000', timeZone: 'UTC' },
        End: { dateTime: '2019-11-25T15:30:00.0000000', timeZone: 'UTC' },
      },
    ]);
  });

  it('keeps @odata.context of events as @Odata.Context and drops color', () => {
    const [ctx] = parseEvents({ '@odata.context': 'x', id: 'e', color: 'blue' }).context;
    expect(ctx).toEqual({ '@Odata.Context': 'x', ID: 'e' });
  });

  it('marks events carrying @removed with Status "deleted"', () => {
    const [ctx] = parseEvents([{ id: 'e', '@removed': { reason: 'deleted' } }]).context;
    expect(ctx).toEqual({ ID: 'e', '@Removed': { reason: 'deleted' }, Status: 'deleted' });
  });

  it('fills the readable row with nulls when organizer, start and end are missing', () => {
    expect(parseEvents({ id: 'e' }).readable).toEqual([
      { Subject: null, ID: 'e', Organizer: null, Attendees: [], Start: null, End: null },
    ]);
  });
});

describe('toContextObject', () => {
  it('lets a later key win when two Graph keys map to the same context key, like the Python dict', () => {
    expect(toContextObject({ subject: 'a', Subject: 'b' }, [])).toEqual({ Subject: 'b' });
  });
});
