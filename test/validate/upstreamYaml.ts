/**
 * The parameters and commands of the official Python integration's YAML (release 1.1.x of the
 * MicrosoftGraphCalendar pack): names, types, hidden flags, labels, argument order and declared
 * outputs, typed in by hand so that the drop-in test never compares our YAML with itself. Which of
 * them are a contract, and why, is explained in docs/upstream-behaviour.md (Instance parameters).
 */

const ADMIN = 'received from the admin consent - see Detailed Instructions (?)';
const CERT_INFO =
  'Used for certificate authentication. As appears in the "Certificates & secrets" page of the app.';
// [name, type, hidden, hiddenusername, label field, label]
export const UPSTREAM_PARAMS: Array<
  [string, number, boolean, boolean, 'display' | 'displaypassword', string]
> = [
  ['url', 0, false, false, 'display', 'Server URL'],
  ['auth_id', 4, true, false, 'display', `ID (${ADMIN}`],
  ['credentials_auth_id', 9, false, true, 'displaypassword', `ID (${ADMIN}`],
  ['tenant_id', 4, true, false, 'display', `Token (${ADMIN} section)`],
  ['credentials_tenant_id', 9, false, true, 'displaypassword', `Token (${ADMIN}`],
  ['enc_key', 4, true, false, 'display', `Key (${ADMIN}`],
  ['credentials_enc_key', 9, false, true, 'displaypassword', `Key (${ADMIN}`],
  ['certificate_thumbprint', 4, true, false, 'display', 'Certificate Thumbprint'],
  ['credentials_certificate_thumbprint', 9, false, true, 'displaypassword', 'Certificate Thumbprint'],
  ['private_key', 14, false, false, 'display', 'Private Key'],
  ['use_managed_identities', 8, false, false, 'display', 'Use Azure Managed Identities'],
  ['managed_identities_client_id', 9, false, true, 'displaypassword', 'Azure Managed Identities Client ID'],
  ['default_user', 0, false, false, 'display', 'Default user'],
  ['insecure', 8, false, false, 'display', 'Trust any certificate (not secure)'],
  ['proxy', 8, false, false, 'display', 'Use system proxy settings'],
  ['self_deployed', 8, false, false, 'display', 'Use a self-deployed Azure Application'],
];

export const UPSTREAM_ADDITIONAL_INFO: Record<string, string> = {
  certificate_thumbprint: CERT_INFO,
  credentials_certificate_thumbprint: CERT_INFO,
  private_key: 'Used for certificate authentication. The private key of the registered certificate.',
  use_managed_identities:
    'Relevant only if the integration is running on Azure VM. If selected, authenticates based on the value provided for the Azure Managed Identities Client ID field. If no value is provided for the Azure Managed Identities Client ID field, authenticates based on the System Assigned Managed Identity. For additional information, see the Help tab.',
  managed_identities_client_id:
    'The Managed Identities client ID for authentication - relevant only if the integration is running on Azure VM.',
  self_deployed: 'Select this checkbox if you are using a self-deployed Azure application.',
};

export const EVENT_FIELDS = [
  ['OriginalStartTimeZone', 'String'],
  ['HasAttachments', 'Boolean'],
  ['ResponseRequested', 'Boolean'],
  ['WebLink', 'String'],
  ['Recurrence', 'Unknown'],
  ['Start', 'Unknown'],
  ['End', 'Unknown'],
  ['Location', 'Unknown'],
  ['Attendees', 'Unknown'],
  ['Type', 'String'],
  ['ResponseStatus.response', 'Unknown'],
  ['Importance', 'String'],
  ['ICalUId', 'String'],
  ['IsCancelled', 'Boolean'],
  ['IsAllDay', 'Boolean'],
  ['ReminderMinutesBeforeStart', 'Number'],
  ['LastModifiedDateTime', 'String'],
  ['OriginalEndTimeZone', 'String'],
  ['CreatedDateTime', 'String'],
  ['ChangeKey', 'String'],
  ['ID', 'String'],
  ['IsOrganizer', 'Boolean'],
  ['Sensitivity', 'String'],
  ['IsReminderOn', 'Boolean'],
  ['Organizer', 'Unknown'],
  ['Subject', 'String'],
  ['OnlineMeetingUrl', 'Unknown'],
].map(([field, type]) => [`MSGraphCalendar.Event.${field}`, type]);
export const CALENDAR_FIELDS = [
  ['Name', 'String'],
  ['CanShare', 'Boolean'],
  ['CanEdit', 'Boolean'],
  ['ChangeKey', 'String'],
  ['Owner', 'Unknown'],
  ['ID', 'String'],
  ['CanViewPrivateItems', 'Boolean'],
].map(([field, type]) => [`MSGraphCalendar.Calendar.${field}`, type]);

const EVENT_ARGS = ['attendees', 'body', 'subject', 'location', 'end', 'original_end_time_zone'];
// [command, upstream arguments in order (* = required), new optional arguments, declared outputs]
export const UPSTREAM_COMMANDS: Array<[string, string[], string[], string[][]]> = [
  [
    'msgraph-calendar-list-calendars',
    ['user', 'order_by', 'next_link', 'top'],
    ['limit'],
    [...CALENDAR_FIELDS, ['MSGraphCalendar.Calendar.NextLink', 'String']],
  ],
  ['msgraph-calendar-get-calendar', ['user', 'calendar_id'], [], CALENDAR_FIELDS],
  [
    'msgraph-calendar-list-events',
    ['user', 'calendar_id', 'order_by', 'next_link', 'top', 'filter_by'],
    ['limit'],
    [...EVENT_FIELDS, ['MSGraphCalendar.Event.NextLink', 'String']],
  ],
  ['msgraph-calendar-get-event', ['user', 'event_id*'], [], EVENT_FIELDS],
  [
    'msgraph-calendar-create-event',
    [
      'user',
      'calendar_id',
      ...EVENT_ARGS,
      'original_start',
      'start',
      'time_zone',
      'original_start_time_zone',
    ],
    [],
    EVENT_FIELDS,
  ],
  [
    'msgraph-calendar-update-event',
    ['user', 'event_id*', ...EVENT_ARGS, 'start', 'time_zone', 'original_start', 'original_start_time_zone'],
    [],
    EVENT_FIELDS,
  ],
  [
    'msgraph-calendar-delete-event',
    ['user', 'event_id*'],
    [],
    [...EVENT_FIELDS, ['MSGraphCalendar.Event.Deleted', 'Boolean']],
  ],
  ['msgraph-calendar-auth-reset', [], [], []],
];
