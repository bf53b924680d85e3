/** test-module (the Test button) and msgraph-calendar-auth-reset. */
import { noteEntry, textEntry, type Entry } from '../../../Packs/Base/Scripts/CommonServer/entries';
import type { XsoarRuntime } from '../../../Packs/Base/Scripts/CommonServer/runtime';
import { AuthenticationError } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { MicrosoftClient } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/MicrosoftClient';
import { userPath } from './paths';
import type { CommandContext, CommandDefinition } from './types';

/** Upstream's auth-reset text. */
export const AUTH_RESET_MESSAGE =
  'Authorization was reset successfully. Please regenerate the credentials, and then click **Test** to validate the credentials and connection.';

/** The permission every command works with; reading alone is enough for the read commands. */
export const CALENDAR_WRITE = 'Calendars.ReadWrite';
const CALENDAR_READ = 'Calendars.Read';

/** Why Test fails when the token grants no calendar permission at all. */
export function noCalendarPermission(granted: readonly string[]): string {
  const grants = granted.length > 0 ? granted.join(', ') : 'none';
  return (
    `The application has no Microsoft Graph calendar permission (its token grants: ${grants}). ` +
    `In Azure, add the application permission ${CALENDAR_WRITE} (App registrations > API permissions > ` +
    'Add a permission > Microsoft Graph > Application permissions) and grant admin consent for the tenant.'
  );
}

/** The warning of a token that can read calendars but not write them. */
export const READ_ONLY_WARNING = `The application has ${CALENDAR_READ} but not ${CALENDAR_WRITE}: create-event, update-event and delete-event will fail until ${CALENDAR_WRITE} is granted (with admin consent).`;

/** Logged when neither the token nor a calendar read could check the permissions. */
export const UNCHECKED_WARNING =
  'The token was obtained, but its permissions could not be read: set Default user so that Test also reads a calendar.';

const has = (granted: readonly string[], permission: string): boolean =>
  granted.some(
    (p) =>
      p.toLowerCase() === permission.toLowerCase() ||
      p.toLowerCase() === `${permission.toLowerCase()}.shared`,
  );

/**
 * The Test button: a token obtained now with the credentials as typed (never a cached one), for the
 * configured cloud's Graph, with a calendar permission; then, when a Default user is set, a read
 * of that user's default calendar. Nothing else is needed (no directory permission).
 */
async function testModuleRun(ctx: CommandContext): Promise<Entry> {
  const granted = await ctx.client.verifyAccess();
  if (granted !== undefined) {
    if (!has(granted, CALENDAR_WRITE) && !has(granted, CALENDAR_READ))
      throw new AuthenticationError(noCalendarPermission(granted));
    if (!has(granted, CALENDAR_WRITE)) ctx.runtime.log.info(READ_ONLY_WARNING);
  }
  // An unreadable token (some oproxy tokens) tells nothing: the calendar read is then the test.
  if (ctx.user !== '') await ctx.client.request({ method: 'GET', path: `${userPath(ctx.user)}/calendar` });
  else if (granted === undefined) ctx.runtime.log.info(UNCHECKED_WARNING);
  return textEntry('ok');
}

/** Clears the cached tokens, refresh token and back-off; needs no settings and sends nothing. */
async function authResetRun(runtime: XsoarRuntime): Promise<Entry> {
  await MicrosoftClient.resetAuth(runtime.context);
  return noteEntry(AUTH_RESET_MESSAGE, AUTH_RESET_MESSAGE);
}

/** `test-module`. */
export const testModule: CommandDefinition = { name: 'test-module', run: testModuleRun };

/** `msgraph-calendar-auth-reset`. */
export const authReset: CommandDefinition = {
  name: 'msgraph-calendar-auth-reset',
  local: true,
  run: authResetRun,
};
