/**
 * The Graph data: users and their mailboxes (calendars, events, transactionId index). Records keep
 * Graph's JSON (camelCase) so rendering is a copy; each mailbox has a version bumped on every write,
 * which keys the query cache.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A directory user (Graph `user` resource). */
export interface UserRecord {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly surname: string;
  readonly mail: string;
  readonly jobTitle: string | null;
  readonly officeLocation: string | null;
  readonly mobilePhone: string | null;
  readonly businessPhones: readonly string[];
  readonly preferredLanguage: string | null;
}

/** A calendar: its Graph JSON (without annotations). */
export interface CalendarRecord {
  readonly id: string;
  data: Record<string, unknown>;
}

/** An event: its Graph JSON (start/end in their original zones) plus indexed instants. */
export interface EventRecord {
  readonly id: string;
  calendarId: string;
  /** Creation order, the default list order. */
  readonly seq: number;
  startMs: number;
  endMs: number;
  data: Record<string, unknown>;
  /** The event rendered in UTC as JSON, cached for list pages; cleared on every change. */
  utcJson?: string;
}

/** How Graph refuses the calendar of a directory user without an Exchange Online mailbox (404). */
export type NoMailboxCode = 'MailboxNotEnabledForRESTAPI' | 'ResourceNotFound';

/** One user's calendars and events. */
export interface Mailbox {
  readonly user: UserRecord;
  /** Set when the user has no mailbox: calendar calls answer 404 with this code. */
  readonly noMailbox?: NoMailboxCode;
  readonly calendars: Map<string, CalendarRecord>;
  readonly events: Map<string, EventRecord>;
  /** transactionId → event id (creation idempotency). */
  readonly transactions: Map<string, string>;
  /** Bumped on every change. */
  version: number;
  nextSeq: number;
}

/** An Exchange-looking item id (base64 with `-`/`_`, ending in `=`), random or derived from a seed. */
export function itemId(seed?: string): string {
  const bytes = seed
    ? Buffer.concat([createHash('sha256').update(seed).digest(), createHash('sha1').update(seed).digest()])
    : randomBytes(52);
  return `AAMkAD${bytes.subarray(0, 47).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')}`;
}

const CHANGE_KEY_PREFIX = `DwAAABYAAA${randomBytes(6).toString('base64url')}`;
let changeCounter = 0;

/** A fresh changeKey: unique per process (a random prefix and a counter; no entropy needed). */
export function changeKey(): string {
  changeCounter += 1;
  return `${CHANGE_KEY_PREFIX}${changeCounter.toString(36).padStart(6, '0')}`;
}

/** All users and mailboxes. */
export class GraphStore {
  private readonly byKey = new Map<string, Mailbox>();
  /** Distinguishes stores (and their query-cache entries) across resets and emulators. */
  readonly instanceId = randomBytes(8).toString('hex');
  readonly users: UserRecord[] = [];

  /** Adds a user with an empty mailbox (or none: `noMailbox`). */
  addUser(user: UserRecord, noMailbox?: NoMailboxCode): Mailbox {
    return this.adopt({
      user,
      ...(noMailbox ? { noMailbox } : {}),
      calendars: new Map(),
      events: new Map(),
      transactions: new Map(),
      version: 0,
      nextSeq: 0,
    });
  }

  /** Adds an existing mailbox (a pristine one kept across a reset). */
  adopt(mailbox: Mailbox): Mailbox {
    const { user } = mailbox;
    this.users.push(user);
    this.byKey.set(user.id.toLowerCase(), mailbox);
    this.byKey.set(user.userPrincipalName.toLowerCase(), mailbox);
    return mailbox;
  }

  /** The mailbox of a user given by id or userPrincipalName (case-insensitive). */
  mailbox(idOrUpn: string): Mailbox | undefined {
    return this.byKey.get(idOrUpn.toLowerCase());
  }

  /** The user whose mail address this is, if it is one of ours. */
  userByAddress(address: string): UserRecord | undefined {
    return this.byKey.get(address.toLowerCase())?.user;
  }
}

/** The default calendar of a mailbox (always present). */
export function defaultCalendar(mailbox: Mailbox): CalendarRecord {
  for (const calendar of mailbox.calendars.values()) {
    if (calendar.data.isDefaultCalendar === true) return calendar;
  }
  throw new Error(`mailbox ${mailbox.user.userPrincipalName} has no default calendar`);
}

/** Builds a calendar record. */
export function buildCalendar(
  mailbox: Mailbox,
  name: string,
  isDefault: boolean,
  id = itemId(),
): CalendarRecord {
  return {
    id,
    data: {
      id,
      name,
      color: 'auto',
      hexColor: '',
      isDefaultCalendar: isDefault,
      changeKey: changeKey(),
      canShare: true,
      canViewPrivateItems: true,
      canEdit: true,
      allowedOnlineMeetingProviders: ['teamsForBusiness'],
      defaultOnlineMeetingProvider: 'teamsForBusiness',
      isTallyingResponses: true,
      isRemovable: !isDefault,
      owner: { name: mailbox.user.displayName, address: mailbox.user.mail },
    },
  };
}
