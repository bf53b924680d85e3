/** Every command of the integration, each defined once (the YAML declares its arguments and outputs). */
import { authReset, testModule } from './basic';
import { getCalendar, listCalendars } from './calendars';
import { getEvent, listEvents } from './readEvents';
import type { CommandDefinition } from './types';
import { createEvent, deleteEvent, updateEvent } from './writeEvents';

/** The commands, in the YAML's order. */
export const COMMANDS: readonly CommandDefinition[] = [
  testModule,
  listCalendars,
  getCalendar,
  listEvents,
  getEvent,
  createEvent,
  updateEvent,
  deleteEvent,
  authReset,
];
