/** test-module and msgraph-calendar-auth-reset. */
import { noteEntry, textEntry, type Entry } from '../../../Packs/Base/Scripts/CommonServer/entries';
import type { XsoarRuntime } from '../../../Packs/Base/Scripts/CommonServer/runtime';
import type { CommandContext, ModuleServices } from './types';

/** Upstream's auth-reset text. */
export const AUTH_RESET_MESSAGE =
  'Authorization was reset successfully. Please regenerate the credentials, and then click **Test** to validate the credentials and connection.';

/** The Test button: one authenticated, cheap Graph call. */
export async function testModule(ctx: CommandContext): Promise<Entry> {
  await ctx.api.request({ method: 'GET', path: 'users', query: { $top: 1 } });
  return textEntry('ok');
}

/** Clears the cached tokens, refresh token and backoff; needs no settings and sends nothing. */
export async function authReset(runtime: XsoarRuntime, services: ModuleServices): Promise<Entry> {
  await services.resetAuthContext(runtime.context);
  return noteEntry(AUTH_RESET_MESSAGE, AUTH_RESET_MESSAGE);
}
