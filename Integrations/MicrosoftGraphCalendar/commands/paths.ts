/**
 * Graph request paths, with every id as an encoded path segment. Ids that are dot segments (`.`,
 * `..`) are refused before this, by the argument and settings validators.
 */

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
