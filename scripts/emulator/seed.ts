/**
 * Seed data: alice and bob with a default calendar "Calendar", a second calendar and a few events,
 * plus bulk@contoso.com whose calendar holds `largeCalendarEvents` generated events (benchmarks).
 * Ids are derived from the seed, so a reset restores exactly the same ids.
 */
import { seededGuid } from './crypto';
import { buildEvent } from './graph/eventModel';
import { normalize, EVENT_SCHEMA } from './graph/schema';
import { buildCalendar, GraphStore, itemId, type Mailbox, type UserRecord } from './graph/store';

/** The seeded users' userPrincipalNames. */
export const SEED_USERS: readonly string[] = ['alice@contoso.com', 'bob@contoso.com', 'bulk@contoso.com'];

/** When the seed events were created (fixed, so data is reproducible). */
const SEED_TIME = Date.UTC(2024, 0, 2, 9, 0, 0);

function user(upn: string, given: string, surname: string, jobTitle: string | null): UserRecord {
  return {
    id: seededGuid(`user:${upn}`),
    userPrincipalName: upn,
    displayName: `${given} ${surname}`,
    givenName: given,
    surname,
    mail: upn,
    jobTitle,
    officeLocation: jobTitle ? '18/2111' : null,
    mobilePhone: null,
    businessPhones: jobTitle ? ['+1 425 555 0109'] : [],
    preferredLanguage: 'en-US',
  };
}

interface SeedEvent {
  readonly subject: string;
  readonly start: string;
  readonly minutes: number;
  readonly timeZone?: string;
  readonly attendees?: readonly string[];
  readonly location?: string;
  readonly body?: string;
}

function addEvent(
  store: GraphStore,
  mailbox: Mailbox,
  calendarId: string,
  seed: SeedEvent,
  key: string,
  nowMs = SEED_TIME,
): void {
  const startMs = Date.parse(`${seed.start}Z`);
  const input = normalize(
    {
      subject: seed.subject,
      body: { contentType: 'html', content: seed.body ?? `<p>${seed.subject}</p>` },
      start: { dateTime: seed.start, timeZone: seed.timeZone ?? 'UTC' },
      end: {
        dateTime: new Date(startMs + seed.minutes * 60_000).toISOString().slice(0, 19),
        timeZone: seed.timeZone ?? 'UTC',
      },
      location: { displayName: seed.location ?? '' },
      attendees: (seed.attendees ?? []).map((address) => ({ emailAddress: { address }, type: 'required' })),
    },
    EVENT_SCHEMA,
  ) as Record<string, unknown>;
  const event = buildEvent(input, { store, mailbox, calendarId, nowMs, id: itemId(key) });
  mailbox.events.set(event.id, event);
}

function addCalendars(mailbox: Mailbox, second: string | undefined): [string, string | undefined] {
  const upn = mailbox.user.userPrincipalName;
  const main = buildCalendar(mailbox, 'Calendar', true, itemId(`calendar:${upn}:default`));
  mailbox.calendars.set(main.id, main);
  if (!second) return [main.id, undefined];
  const other = buildCalendar(mailbox, second, false, itemId(`calendar:${upn}:${second}`));
  mailbox.calendars.set(other.id, other);
  return [main.id, other.id];
}

/** A seeded mailbox: the user, the second calendar's name, and the events of both calendars. */
interface SeedMailbox {
  readonly upn: string;
  readonly given: string;
  readonly surname: string;
  readonly jobTitle: string | null;
  readonly second?: string;
  readonly main: readonly SeedEvent[];
  readonly other: readonly SeedEvent[];
}

const MAILBOXES: readonly SeedMailbox[] = [
  {
    upn: 'alice@contoso.com',
    given: 'Alice',
    surname: 'Anderson',
    jobTitle: 'Security Analyst',
    second: 'Team Calendar',
    main: [
      {
        subject: 'Weekly sync',
        start: '2024-01-08T09:00:00',
        minutes: 30,
        attendees: ['bob@contoso.com'],
        location: 'Room 1',
      },
      {
        subject: 'test - planning',
        start: '2024-01-09T14:00:00',
        minutes: 60,
        timeZone: 'Pacific Standard Time',
        attendees: ['bob@contoso.com', 'carol@fabrikam.com'],
      },
      { subject: 'Budget review', start: '2024-01-10T11:00:00', minutes: 45, location: 'Tel Aviv' },
      { subject: 'test - incident retro', start: '2024-01-11T16:30:00', minutes: 30 },
      {
        subject: 'Customer call',
        start: '2024-01-12T08:00:00',
        minutes: 60,
        timeZone: 'Asia/Jerusalem',
        attendees: ['dave@fabrikam.com'],
      },
      { subject: 'Lunch', start: '2024-01-12T12:00:00', minutes: 60 },
    ],
    other: [
      { subject: 'Team offsite', start: '2024-02-01T08:00:00', minutes: 480 },
      { subject: 'test - team standup', start: '2024-02-02T09:30:00', minutes: 15 },
    ],
  },
  {
    upn: 'bob@contoso.com',
    given: 'Bob',
    surname: 'Brown',
    jobTitle: 'SOC Manager',
    second: 'Projects',
    main: [
      {
        subject: '1:1 with Alice',
        start: '2024-01-08T10:00:00',
        minutes: 30,
        attendees: ['alice@contoso.com'],
      },
      { subject: 'Hiring panel', start: '2024-01-15T13:00:00', minutes: 90 },
    ],
    other: [{ subject: 'Project kickoff', start: '2024-01-20T15:00:00', minutes: 60 }],
  },
  { upn: 'bulk@contoso.com', given: 'Bulk', surname: 'Mailbox', jobTitle: null, main: [], other: [] },
];

function seedMailbox(store: GraphStore, seed: SeedMailbox, bulkEvents: number): void {
  const mailbox = store.addUser(user(seed.upn, seed.given, seed.surname, seed.jobTitle));
  const [main, other] = addCalendars(mailbox, seed.second);
  seed.main.forEach((e, i) => addEvent(store, mailbox, main, e, `event:${seed.upn}:main:${i}`));
  if (other) seed.other.forEach((e, i) => addEvent(store, mailbox, other, e, `event:${seed.upn}:other:${i}`));
  if (seed.upn === 'bulk@contoso.com') generateBulk(store, mailbox, main, bulkEvents);
}

/**
 * Builds a store with the seed data. Mailboxes of `previous` never written since seeding
 * (version 0) are kept as they are: a reset then costs nothing for a 10,000-event calendar.
 */
export function seedGraph(largeCalendarEvents: number, previous?: GraphStore): GraphStore {
  const store = new GraphStore();
  for (const seed of MAILBOXES) {
    const pristine = previous?.mailbox(seed.upn);
    if (pristine && pristine.version === 0) store.adopt(pristine);
    else seedMailbox(store, seed, largeCalendarEvents);
  }
  return store;
}

/** Generates `count` events, one every 30 minutes from 2024-01-01, subjects numbered. */
function generateBulk(store: GraphStore, mailbox: Mailbox, calendarId: string, count: number): void {
  const first = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i += 1) {
    const start = new Date(first + i * 30 * 60_000).toISOString().slice(0, 19);
    const seed = {
      subject: `Bulk event ${String(i + 1).padStart(5, '0')}`,
      start,
      minutes: 25,
      body: 'Generated',
    };
    addEvent(store, mailbox, calendarId, seed, `event:bulk:${i}`);
  }
}
