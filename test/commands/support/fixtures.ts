/**
 * Graph objects for the tests, shaped like the fixtures of upstream's unit tests (an event with
 * @odata keys, a trailing space in the subject, attendees named by their address) and like
 * Graph's documented event and calendar shapes.
 */

/** An event as Graph returns it; `overrides` replace top-level fields. */
export function graphEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@odata.context':
      "https://graph.microsoft.com/v1.0/$metadata#users('alice%40contoso.com')/calendar/events/$entity",
    '@odata.etag': 'W/"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw=="',
    id: 'AAMkAGI1AAAt9AHjAAA=',
    createdDateTime: '2019-11-25T14:45:35.1564066Z',
    lastModifiedDateTime: '2019-11-25T14:45:36.6723484Z',
    changeKey: 'ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==',
    categories: [],
    originalStartTimeZone: 'UTC',
    originalEndTimeZone: 'UTC',
    iCalUId: '040000008200E00074C5B7101A82E00800000000',
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: 'Some Subject ',
    importance: 'normal',
    sensitivity: 'normal',
    isAllDay: false,
    isCancelled: false,
    isOrganizer: true,
    responseRequested: true,
    seriesMasterId: null,
    type: 'singleInstance',
    webLink: 'https://outlook.office365.com/owa/?itemid=AAMkAGI1AAAt9AHjAAA%3D&exvsurl=1&path=/calendar/item',
    onlineMeetingUrl: null,
    recurrence: null,
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    body: { contentType: 'html', content: '<html><body>hello</body></html>' },
    start: { dateTime: '2019-11-25T15:00:00.0000000', timeZone: 'UTC' },
    end: { dateTime: '2019-11-25T15:30:00.0000000', timeZone: 'UTC' },
    location: { displayName: 'Tel Aviv', locationType: 'default', uniqueIdType: 'unknown' },
    locations: [],
    attendees: [
      {
        type: 'required',
        status: { response: 'none', time: '0001-01-01T00:00:00Z' },
        emailAddress: { name: 'Bob Jones', address: 'bob@contoso.com' },
      },
    ],
    organizer: { emailAddress: { name: 'Alice Smith', address: 'alice@contoso.com' } },
    ...overrides,
  };
}

/** A calendar as Graph returns it inside a list. */
export function graphCalendar(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'AAMkAGI2TGuLAAA=',
    name: 'Calendar',
    color: 'auto',
    hexColor: '',
    isDefaultCalendar: true,
    changeKey: 'nfZyf7VcrEKLNoU37KWlkQAAA0x0+w==',
    canShare: true,
    canViewPrivateItems: true,
    canEdit: true,
    allowedOnlineMeetingProviders: ['teamsForBusiness'],
    defaultOnlineMeetingProvider: 'teamsForBusiness',
    isTallyingResponses: true,
    isRemovable: false,
    owner: { name: 'Alice Smith', address: 'alice@contoso.com' },
    ...overrides,
  };
}

/** A collection page. */
export function page(value: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#collection', value, ...extra };
}
