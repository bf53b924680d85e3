/**
 * Input schemas of the writable Graph types. Graph accepts property names in any case (the
 * upstream integration sends `Subject`, `Body`, `Start`...): input keys are matched
 * case-insensitively and rewritten to camelCase; unknown properties are refused like Graph does.
 */
import { isObject } from '../context';
import { GraphFailure } from './errors';

/** A schema node. `ignored` properties are read-only: accepted and dropped, as Graph does. */
export type Schema =
  | { readonly kind: 'string' | 'boolean' | 'number' | 'any' | 'ignored' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'object'; readonly type: string; readonly props: Readonly<Record<string, Schema>> }
  | { readonly kind: 'array'; readonly items: Schema };

const str: Schema = { kind: 'string' };
const bool: Schema = { kind: 'boolean' };
const num: Schema = { kind: 'number' };
const any: Schema = { kind: 'any' };
const ignored: Schema = { kind: 'ignored' };
const enumOf = (...values: string[]): Schema => ({ kind: 'enum', values });
const obj = (type: string, props: Record<string, Schema>): Schema => ({ kind: 'object', type, props });
const arr = (items: Schema): Schema => ({ kind: 'array', items });

const emailAddress = obj('EmailAddress', { name: str, address: str });
const dateTimeTimeZone = obj('DateTimeTimeZone', { dateTime: str, timeZone: str });
const physicalAddress = obj('PhysicalAddress', {
  street: str,
  city: str,
  state: str,
  countryOrRegion: str,
  postalCode: str,
});
const location = obj('Location', {
  displayName: str,
  locationType: enumOf(
    'default',
    'conferenceRoom',
    'homeAddress',
    'businessAddress',
    'geoCoordinates',
    'streetAddress',
    'hotel',
    'restaurant',
    'localBusiness',
    'postalAddress',
  ),
  uniqueId: str,
  uniqueIdType: enumOf('unknown', 'locationStore', 'directory', 'private', 'bing'),
  locationUri: str,
  locationEmailAddress: str,
  address: physicalAddress,
  coordinates: any,
});

const READ_ONLY_EVENT = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'iCalUId',
  'webLink',
  'bodyPreview',
  'hasAttachments',
  'isOrganizer',
  'type',
  'seriesMasterId',
  'responseStatus',
  'isCancelled',
  'onlineMeetingUrl',
  'onlineMeeting',
  'isDraft',
  'organizer',
  '@odata.etag',
  '@odata.context',
];

/** The writable properties of `microsoft.graph.event`. */
export const EVENT_SCHEMA = obj('Microsoft.OutlookServices.Event', {
  subject: str,
  body: obj('ItemBody', { contentType: enumOf('text', 'html'), content: str }),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  location,
  locations: arr(location),
  attendees: arr(
    obj('Attendee', {
      emailAddress,
      type: enumOf('required', 'optional', 'resource'),
      status: any,
      proposedNewTime: any,
    }),
  ),
  isAllDay: bool,
  importance: enumOf('low', 'normal', 'high'),
  sensitivity: enumOf('normal', 'personal', 'private', 'confidential'),
  showAs: enumOf('free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'),
  isReminderOn: bool,
  reminderMinutesBeforeStart: num,
  responseRequested: bool,
  categories: arr(str),
  originalStartTimeZone: str,
  originalEndTimeZone: str,
  originalStart: str,
  transactionId: str,
  recurrence: any,
  isOnlineMeeting: bool,
  onlineMeetingProvider: enumOf('unknown', 'teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer'),
  allowNewTimeProposals: bool,
  hideAttendees: bool,
  ...Object.fromEntries(READ_ONLY_EVENT.map((k) => [k, ignored])),
});

/** The writable properties of `microsoft.graph.calendar`. */
export const CALENDAR_SCHEMA = obj('Microsoft.OutlookServices.Calendar', {
  name: str,
  color: enumOf(
    'auto',
    'lightBlue',
    'lightGreen',
    'lightOrange',
    'lightGray',
    'lightYellow',
    'lightTeal',
    'lightPink',
    'lightBrown',
    'lightRed',
    'maxColor',
  ),
  ...Object.fromEntries(
    [
      'id',
      'changeKey',
      'hexColor',
      'isDefaultCalendar',
      'canShare',
      'canEdit',
      'canViewPrivateItems',
      'owner',
      '@odata.etag',
      '@odata.context',
    ].map((k) => [k, ignored]),
  ),
});

const EDM: Readonly<Record<string, string>> = {
  string: 'Edm.String',
  boolean: 'Edm.Boolean',
  number: 'Edm.Int32',
};

function convertError(value: unknown, kind: string): GraphFailure {
  return new GraphFailure(
    400,
    'RequestBodyRead',
    `Cannot convert the literal '${String(JSON.stringify(value)).slice(0, 100)}' to the expected type '${EDM[kind] ?? kind}'.`,
  );
}

const canonicalCache = new WeakMap<Schema, ReadonlyMap<string, string>>();

/** Lower-case property name → camelCase name, computed once per schema node. */
function canonicalNames(schema: Extract<Schema, { kind: 'object' }>): ReadonlyMap<string, string> {
  let names = canonicalCache.get(schema);
  if (!names) {
    names = new Map(Object.keys(schema.props).map((k) => [k.toLowerCase(), k]));
    canonicalCache.set(schema, names);
  }
  return names;
}

function normalizeObject(
  value: unknown,
  schema: Extract<Schema, { kind: 'object' }>,
): Record<string, unknown> {
  if (!isObject(value)) throw convertError(value, schema.type);
  const canonical = canonicalNames(schema);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = canonical.get(key.toLowerCase());
    if (name === undefined) {
      if (key.startsWith('@odata.')) continue;
      throw new GraphFailure(
        400,
        'RequestBodyRead',
        `The property '${key}' does not exist on type '${schema.type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
    const prop = schema.props[name];
    if (prop.kind !== 'ignored') out[name] = normalize(v, prop);
  }
  return out;
}

/** Validates a JSON value against a schema and rewrites property names to camelCase. */
export function normalize(value: unknown, schema: Schema): unknown {
  if (value === null || schema.kind === 'any' || schema.kind === 'ignored') return value;
  switch (schema.kind) {
    case 'string':
    case 'boolean':
    case 'number':
      if (typeof value !== schema.kind) throw convertError(value, schema.kind);
      return value;
    case 'enum': {
      const match = schema.values.find(
        (v) => typeof value === 'string' && v.toLowerCase() === value.toLowerCase(),
      );
      if (match === undefined) {
        throw new GraphFailure(400, 'RequestBodyRead', `Requested value '${String(value)}' was not found.`);
      }
      return match;
    }
    case 'array':
      if (!Array.isArray(value)) throw convertError(value, 'Collection');
      return value.map((item) => normalize(item, schema.items));
    case 'object':
      return normalizeObject(value, schema);
  }
}
