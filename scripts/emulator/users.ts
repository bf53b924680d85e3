/**
 * Directory users added at run time: with a mailbox (an empty default calendar "Calendar") or
 * without one (Graph answers 404 on their calendar). Kept across resets, with emptied mailboxes.
 */
import { seededGuid } from './crypto';
import { buildCalendar, itemId, type UserRecord } from './graph/store';
import { checkUser } from './registryInput';
import type { AddedUser, EmulatorState } from './state';

function userRecord(user: AddedUser): UserRecord {
  const upn = user.userPrincipalName;
  return {
    id: seededGuid(`user:${upn.toLowerCase()}`),
    userPrincipalName: upn,
    displayName: user.displayName ?? upn.split('@')[0],
    givenName: user.displayName?.split(' ')[0] ?? upn.split('@')[0],
    surname: '',
    mail: upn,
    jobTitle: null,
    officeLocation: null,
    mobilePhone: null,
    businessPhones: [],
    preferredLanguage: 'en-US',
  };
}

function addToStore(state: EmulatorState, user: AddedUser): UserRecord {
  const record = userRecord(user);
  const kind = user.mailbox ?? 'enabled';
  const mailbox = state.graph.addUser(record, kind === 'enabled' ? undefined : kind);
  if (kind === 'enabled') {
    const calendar = buildCalendar(
      mailbox,
      'Calendar',
      true,
      itemId(`calendar:${record.userPrincipalName}:default`),
    );
    mailbox.calendars.set(calendar.id, calendar);
  }
  return record;
}

/** Adds a directory user (kept across resets); returns its object id. */
export function addUser(state: EmulatorState, user: AddedUser): { id: string; userPrincipalName: string } {
  checkUser(user, (upn) => state.graph.mailbox(upn) !== undefined);
  const copy = { ...user };
  state.addedUsers.push(copy);
  const record = addToStore(state, copy);
  return { id: record.id, userPrincipalName: record.userPrincipalName };
}

/** Adds the run-time users again after a reset rebuilt the store (empty mailboxes). */
export function restoreAddedUsers(state: EmulatorState): void {
  for (const user of state.addedUsers) addToStore(state, user);
}
