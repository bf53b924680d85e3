/**
 * Property, for every command: whatever arguments a playbook passes (any names, any strings),
 * `main` resolves to one entry with no stack trace, no source path and no secret (in the entry or
 * the log); arguments refused at the boundary produce no request and an error entry naming an
 * argument of the command. Valid arguments go to the emulator; nothing else is reachable.
 */
import fc from 'fast-check';
import { MemoryContextStore } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import { validateCommandArgs } from '../../Integrations/MicrosoftGraphCalendar/arguments';
import { instanceOf, useEmulator, type TestInstance } from '../support/emulatorHarness';
import { anyEventId } from '../support/graphProbe';
import { recordingHttp, type RecordingHttp } from '../support/recordingHttp';
import { COMMAND_ARGUMENTS, namesArgument } from '../support/uiNames';
import {
  expectNoInternals,
  leakedSecrets,
  secretsOf,
  shownText,
  STACK_FRAME_RE,
} from '../support/userFacing';
import { argValue, withSecretsMasked } from './arbitraries';

/** Runs per command; raise it (e.g. BADINPUT_RUNS=3000) for a soak run. */
const RUNS = Number(process.env.BADINPUT_RUNS ?? 300);
const PER_COMMAND = Math.max(20, Math.ceil(RUNS / 3));
const fixture = useEmulator();

let http: RecordingHttp;
let calendar: TestInstance;
let eventId: string;

beforeAll(async () => {
  eventId = await anyEventId(fixture.emu, 'alice@contoso.com');
});

beforeEach(() => {
  http = recordingHttp({ allowedOrigins: [fixture.emu.url] });
  // One instance and one context for all runs: the token is requested once and then cached.
  calendar = instanceOf(fixture.emu, 'clientSecret', {
    httpFactory: http.factory,
    context: new MemoryContextStore(),
  });
});

/** Values that only make sense at run time: real ids and next links, local and foreign. */
function liveValues(): fc.Arbitrary<string> {
  const base = `${fixture.emu.url}/v1.0/`;
  return fc.constantFrom(
    eventId,
    `${base}users/alice%40contoso.com/events?$top=2&$skip=2`,
    `${base}users/alice%40contoso.com/../../x`,
    `${base.toUpperCase()}users`,
    `${fixture.emu.url.replace('127.0.0.1', 'localhost')}/v1.0/users`,
    'https://graph.microsoft.com/v1.0/users',
    'https://evil.example/v1.0/users?$skiptoken=1',
  );
}

function argsFor(command: string): fc.Arbitrary<Record<string, string>> {
  const declared = COMMAND_ARGUMENTS[command];
  const name = fc.oneof(
    { weight: 6, arbitrary: declared.length > 0 ? fc.constantFrom(...declared) : fc.constant('user') },
    fc.string({ maxLength: 10 }),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'TransactionId', 'Subject'),
  );
  const value = fc.oneof({ weight: 4, arbitrary: argValue }, liveValues());
  // Half the runs start from arguments that work, so the odd ones hit the success paths too.
  const plausible: Record<string, string> = declared.includes('event_id') ? { event_id: eventId } : {};
  if (command.endsWith('update-event')) plausible.subject = 'renamed by the property test';
  const start = fc.constantFrom<Record<string, string>>({}, plausible);
  return fc.tuple(start, fc.array(fc.tuple(name, value), { maxLength: 4 })).map(([initial, pairs]) => {
    const args: Record<string, string> = { ...initial };
    // defineProperty: "__proto__" must become a plain key, as it would in a parsed JSON object.
    for (const [key, v] of pairs)
      Object.defineProperty(args, key, { value: v, enumerable: true, writable: true, configurable: true });
    return args;
  });
}

function refusedAtBoundary(command: string, args: Record<string, string>): boolean {
  try {
    validateCommandArgs(command, args);
    return false;
  } catch {
    return true;
  }
}

describe.each(Object.keys(COMMAND_ARGUMENTS))('arguments of %s', (command) => {
  it('always give one clean entry; refused ones send nothing and name an argument', async () => {
    const secrets = secretsOf(calendar.params);
    const seen = { refused: 0, sent: 0, succeeded: 0 };
    await withSecretsMasked(
      fc.assert(
        fc.asyncProperty(argsFor(command), async (args) => {
          const before = http.attempts.length;
          const logBefore = calendar.log.lines.length;

          const entry = await calendar.exec(command, args);

          const sent = http.attempts.slice(before);
          const logText = calendar.log.lines
            .slice(logBefore)
            .map((l) => l.message)
            .join('\n');
          expect([1, 4]).toContain(entry.Type);
          expectNoInternals(shownText(entry));
          expect(logText).not.toMatch(STACK_FRAME_RE);
          expect(logText).not.toContain('(UNEXPECTED)');
          expect(leakedSecrets(JSON.stringify(entry) + logText, secrets)).toEqual([]);
          expect(sent.filter((a) => !a.allowed)).toEqual([]);
          if (sent.length > 0) seen.sent += 1;
          if (entry.Type === 1) seen.succeeded += 1;
          if (refusedAtBoundary(command, args)) {
            seen.refused += 1;
            expect(sent).toEqual([]);
            expect(entry.Type).toBe(4);
          }
          if (entry.Type === 4 && sent.length === 0)
            expect(namesArgument(command, String(entry.Contents))).toBe(true);
        }),
        { numRuns: PER_COMMAND },
      ),
      secretsOf(calendar.params),
    );
    // Guard against a generator that never reaches the wire (auth-reset never sends anything).
    if (command !== 'msgraph-calendar-auth-reset') expect(seen.sent).toBeGreaterThan(PER_COMMAND / 10);
    if (COMMAND_ARGUMENTS[command].length > 0) expect(seen.succeeded).toBeGreaterThan(0);
  });
});

describe('an unknown command', () => {
  it('is one error entry naming it, with no request, whatever its name', async () => {
    await withSecretsMasked(
      fc.assert(
        fc.asyncProperty(
          fc.string({ maxLength: 40 }).filter((name) => !(name in COMMAND_ARGUMENTS)),
          async (command) => {
            const before = http.attempts.length;

            const entry = await calendar.exec(command, { user: 'alice@contoso.com' });

            expect(entry.Type).toBe(4);
            expect(String(entry.Contents).startsWith(`Unknown command: ${command}.`)).toBe(true);
            expect(http.attempts.length).toBe(before);
          },
        ),
        { numRuns: 100 },
      ),
      secretsOf(calendar.params),
    );
  });
});
