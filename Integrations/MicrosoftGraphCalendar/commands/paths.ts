/** Graph request paths, with every id as an encoded path segment. */
import { ArgumentError } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/errors';

/** Encodes one path segment (upstream put ids in the path unencoded, so `/`, `?` or `#` broke requests). */
export function segment(id: string): string {
  return encodeURIComponent(id);
}

/** `users/{user}` with the user encoded. */
export function userPath(user: string): string {
  return `users/${segment(user)}`;
}

/** The events collection of a calendar, or of the user's default calendar. */
export function eventPath(user: string, eventId: string): string {
  return `${userPath(user)}/calendar/events/${segment(eventId)}`;
}

const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$|\?)/i;

/**
 * Refuses a next link that does not point under the configured Graph base URL, before anything
 * is sent: the bearer token must never travel to another host. (The transport checks again.)
 */
export function assertGraphLink(baseUrl: string, link: string, argument = 'next_link'): void {
  const afterBase = link.slice(baseUrl.length);
  const underBase = link.slice(0, baseUrl.length).toLowerCase() === baseUrl.toLowerCase();
  if (!underBase || DOT_SEGMENT.test(afterBase) || link.indexOf('\\') >= 0) {
    throw new ArgumentError(
      argument,
      `The ${argument} argument must be a link under the configured Server URL (${baseUrl}); other hosts are refused.`,
    );
  }
}
