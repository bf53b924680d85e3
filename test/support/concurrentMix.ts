/**
 * The mixed workload of the concurrency tests: reads and writes of one instance, started together
 * from an empty integration context.
 */
import type { Entry } from '../../Packs/Base/Scripts/CommonServer/entries';

/** One command of the workload. */
export interface Job {
  readonly command: string;
  readonly args: Record<string, string>;
  /** For create-event: the unique subject that must exist exactly once afterwards. */
  readonly subject?: string;
}

/**
 * `count` jobs cycling through list-calendars, list-events, create-event (unique subjects tagged
 * with `tag`) and get-event of `eventId`.
 */
export function mixedJobs(count: number, eventId: string, tag: string): Job[] {
  return Array.from({ length: count }, (_, i): Job => {
    switch (i % 4) {
      case 0:
        return { command: 'msgraph-calendar-list-calendars', args: {} };
      case 1:
        return { command: 'msgraph-calendar-list-events', args: { top: '5' } };
      case 2: {
        const subject = `${tag} parallel create ${i}`;
        return { command: 'msgraph-calendar-create-event', args: { subject }, subject };
      }
      default:
        return { command: 'msgraph-calendar-get-event', args: { event_id: eventId } };
    }
  });
}

/** The readable text each successful job must show (checks the right command ran). */
export function expectedHeading(job: Job): string {
  switch (job.command) {
    case 'msgraph-calendar-list-calendars':
      return '| Calendar |';
    case 'msgraph-calendar-list-events':
      return '### Events';
    case 'msgraph-calendar-create-event':
      return job.subject ?? '';
    default:
      return '### Event - ';
  }
}

/** The readable text of a note entry (HumanReadable, else text Contents). */
export function readableOf(entry: Entry): string {
  return entry.HumanReadable ?? (typeof entry.Contents === 'string' ? entry.Contents : '');
}
