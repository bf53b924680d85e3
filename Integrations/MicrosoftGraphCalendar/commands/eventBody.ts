/**
 * The JSON body of create-event and update-event.
 *
 * Top-level keys are PascalCase, as upstream sends them (`Subject`, `Body`, `Start`, ...): Graph
 * matches property names case-insensitively, and keeping upstream's exact shape means no
 * behaviour change for existing users. Nested keys are Graph's camelCase.
 */
import type { ValidArgs } from '../../../Packs/Base/Scripts/CommonServer/commandArguments';

/** The time zone sent with start/end when `time_zone` is not given (upstream sent ""). */
export const DEFAULT_TIME_ZONE = 'UTC';

type Body = Record<string, unknown>;

const PASSTHROUGH: readonly (readonly [string, string])[] = [
  ['subject', 'Subject'],
  ['original_start', 'OriginalStart'],
  ['original_start_time_zone', 'OriginalStartTimeZone'],
  ['original_end_time_zone', 'OriginalEndTimeZone'],
];

/**
 * Only the fields the user gave: upstream always sent Body, Location and Attendees, so an update
 * of the subject wiped the body, the location and the attendees, and a create without attendees
 * added an empty one.
 */
export function eventFields(args: ValidArgs): Body {
  const body: Body = {};
  for (const [arg, key] of PASSTHROUGH) {
    const value = args.text(arg);
    if (value !== undefined) body[key] = value;
  }
  const content = args.text('body');
  if (content !== undefined) body.Body = { content };
  const location = args.text('location');
  if (location !== undefined) body.Location = { displayName: location };
  const timeZone = args.text('time_zone') ?? DEFAULT_TIME_ZONE;
  const start = args.text('start');
  if (start !== undefined) body.Start = { dateTime: start, timeZone };
  const end = args.text('end');
  if (end !== undefined) body.End = { dateTime: end, timeZone };
  const attendees = args.list('attendees');
  if (attendees !== undefined) body.Attendees = attendees.map((address) => ({ emailAddress: { address } }));
  return body;
}
