/** The query specs of the Graph collections: page sizes, filterable and selectable properties. */
import type { Literal } from './filter';
import type { CollectionSpec } from './query';
import type { CalendarRecord, EventRecord, UserRecord } from './store';

function path(value: unknown, parts: readonly string[]): Literal | undefined {
  let current = value;
  for (const part of parts) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  if (current === undefined) return undefined;
  return typeof current === 'object' && current !== null ? undefined : (current as Literal);
}

function reader<T>(
  data: (item: T) => unknown,
  special: (item: T, prop: string) => Literal | undefined = () => undefined,
) {
  return (item: T, prop: string): Literal | undefined => {
    const value = special(item, prop);
    if (value !== undefined) return value;
    const raw = path(data(item), prop.split('/'));
    return prop.endsWith('DateTime') && typeof raw === 'string' ? Date.parse(raw) : raw;
  };
}

/** The top-level properties of a rendered event, for `$select`. */
export const EVENT_PROPERTIES = [
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'transactionId',
  'originalStartTimeZone',
  'originalEndTimeZone',
  'iCalUId',
  'reminderMinutesBeforeStart',
  'isReminderOn',
  'hasAttachments',
  'subject',
  'bodyPreview',
  'importance',
  'sensitivity',
  'originalStart',
  'isAllDay',
  'isCancelled',
  'isOrganizer',
  'responseRequested',
  'seriesMasterId',
  'showAs',
  'type',
  'webLink',
  'onlineMeetingUrl',
  'isOnlineMeeting',
  'onlineMeetingProvider',
  'allowNewTimeProposals',
  'isDraft',
  'hideAttendees',
  'responseStatus',
  'body',
  'start',
  'end',
  'location',
  'locations',
  'recurrence',
  'attendees',
  'organizer',
  'onlineMeeting',
  'id',
];

/** `/events` and `/calendars/{id}/events`: 10 per page by default, at most 1000. */
export const EVENTS: CollectionSpec<EventRecord> = {
  entityType: 'microsoft.graph.event',
  defaultTop: 10,
  maxTop: 1000,
  properties: {
    id: 'string',
    subject: 'string',
    importance: 'string',
    sensitivity: 'string',
    showAs: 'string',
    type: 'string',
    iCalUId: 'string',
    transactionId: 'string',
    isAllDay: 'boolean',
    isCancelled: 'boolean',
    isOrganizer: 'boolean',
    hasAttachments: 'boolean',
    reminderMinutesBeforeStart: 'number',
    'start/dateTime': 'date',
    'end/dateTime': 'date',
    createdDateTime: 'date',
    lastModifiedDateTime: 'date',
    'organizer/emailAddress/address': 'string',
    'organizer/emailAddress/name': 'string',
    'location/displayName': 'string',
    'body/content': 'string',
  },
  selectable: EVENT_PROPERTIES,
  read: reader(
    (e) => e.data,
    (e, prop) => (prop === 'start/dateTime' ? e.startMs : prop === 'end/dateTime' ? e.endMs : undefined),
  ),
};

/** `/calendars`: 10 per page by default, at most 1000. */
export const CALENDARS: CollectionSpec<CalendarRecord> = {
  entityType: 'microsoft.graph.calendar',
  defaultTop: 10,
  maxTop: 1000,
  properties: {
    id: 'string',
    name: 'string',
    color: 'string',
    changeKey: 'string',
    isDefaultCalendar: 'boolean',
    canEdit: 'boolean',
    canShare: 'boolean',
    'owner/address': 'string',
    'owner/name': 'string',
  },
  selectable: [
    'id',
    'name',
    'color',
    'hexColor',
    'isDefaultCalendar',
    'changeKey',
    'canShare',
    'canViewPrivateItems',
    'canEdit',
    'allowedOnlineMeetingProviders',
    'defaultOnlineMeetingProvider',
    'isTallyingResponses',
    'isRemovable',
    'owner',
  ],
  read: reader((c) => c.data),
};

/** `/users`: 100 per page by default, at most 999 (directory limits). */
export const USERS: CollectionSpec<UserRecord> = {
  entityType: 'microsoft.graph.user',
  defaultTop: 100,
  maxTop: 999,
  properties: {
    id: 'string',
    displayName: 'string',
    userPrincipalName: 'string',
    mail: 'string',
    givenName: 'string',
    surname: 'string',
    jobTitle: 'string',
  },
  selectable: [
    'id',
    'businessPhones',
    'displayName',
    'givenName',
    'jobTitle',
    'mail',
    'mobilePhone',
    'officeLocation',
    'preferredLanguage',
    'surname',
    'userPrincipalName',
  ],
  read: reader((u) => u),
};
