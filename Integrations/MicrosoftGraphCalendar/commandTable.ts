/** Command name → handler. Every command here has an argument spec in arguments.ts. */
import type { Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import { authReset, testModule } from './commands/basic';
import { getCalendar, listCalendars } from './commands/calendars';
import { getEvent, listEvents } from './commands/readEvents';
import type { CommandDefinition, CommandContext, GraphCommand } from './commands/types';
import { createEvent, deleteEvent, updateEvent } from './commands/writeEvents';

function graph(run: (ctx: CommandContext) => Promise<Entry>): GraphCommand {
  return { kind: 'graph', needsUser: true, run };
}

/** The commands this integration answers. */
export const COMMAND_TABLE: Readonly<Record<string, CommandDefinition>> = {
  'test-module': { kind: 'graph', needsUser: false, run: testModule },
  'msgraph-calendar-auth-reset': { kind: 'local', run: authReset },
  'msgraph-calendar-list-calendars': graph(listCalendars),
  'msgraph-calendar-get-calendar': graph(getCalendar),
  'msgraph-calendar-list-events': graph(listEvents),
  'msgraph-calendar-get-event': graph(getEvent),
  'msgraph-calendar-create-event': graph(createEvent),
  'msgraph-calendar-update-event': graph(updateEvent),
  'msgraph-calendar-delete-event': graph(deleteEvent),
};
