/**
 * Property, for every command: whatever arguments a playbook passes (any names, any strings),
 * `main` resolves to one entry with no stack trace, no source path and no secret (in the entry or
 * the log); arguments refused at the boundary (`readArguments` with the command's generated
 * validator) produce no request and an error entry naming an argument of the command. Valid
 * arguments go to the emulator, under its Graph base path; nothing else is reachable.
 * Attack classes: ids that are dot segments, in every form and every id argument of every
 * command, and list items that are not text.
 */
import fc from 'fast-check';
import { readArguments } from '../../Packs/Base/Scripts/CommonServer/commandArguments';
import { ArgumentError } from '../../Packs/Base/Scripts/CommonServer/errors';
import { MemoryContextStore } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import {
  ARGUMENTS,
  argumentValidators,
  commandMetadata,
} from '../../Integrations/MicrosoftGraphCalendar/definition';
import { instanceOf, useEmulator, type TestInstance } from '../support/emulatorHarness';
import { anyEventId } from '../support/graphProbe';
import { recordingHttp, type AttemptedRequest, type RecordingHttp } from '../support/recordingHttp';
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
    'events?$skip=2',
    '../../admin',
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

/** The arguments as the dispatcher reads them: the YAML metadata and the generated validator. */
function readArgs(
  command: string,
  args: Readonly<Record<string, unknown>>,
): ReturnType<typeof readArguments> {
  const metadata = commandMetadata(command);
  if (!metadata) throw new Error(`no metadata for ${command}`);
  return readArguments(metadata, ARGUMENTS, argumentValidators[command], args);
}

/** True when the arguments are refused; anything but an ArgumentError fails the test. */
function refusedAtBoundary(command: string, args: Record<string, string>): boolean {
  try {
    readArgs(command, args);
    return false;
  } catch (error) {
    if (error instanceof ArgumentError) return true;
    throw error;
  }
}

/** A request with a bearer token that resolves outside the emulator's Graph base `/v1.0/`. */
function leavesGraphBase(attempt: AttemptedRequest): boolean {
  if (attempt.authorization === undefined) return false;
  const url = new URL(attempt.url);
  return url.origin !== new URL(fixture.emu.url).origin || !url.pathname.startsWith('/v1.0/');
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
          expect(sent.filter(leavesGraphBase).map((a) => `${a.method} ${a.url}`)).toEqual([]);
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

/** Valid values for what a command requires, so that only the argument under test is wrong. */
function validBase(command: string): Record<string, string> {
  const base: Record<string, string> = {};
  if (COMMAND_ARGUMENTS[command].includes('event_id')) base.event_id = eventId;
  if (command.endsWith('update-event')) base.subject = 'renamed by the property test';
  return base;
}

/** Runs `args` through the reader and through `main`; returns the reader's error and the entry. */
async function readAndRun(command: string, args: Record<string, unknown>) {
  let thrown: unknown;
  try {
    readArgs(command, args);
  } catch (error) {
    thrown = error;
  }
  const before = http.attempts.length;
  const entry = await calendar.exec(command, args);
  return { thrown, entry, sent: http.attempts.slice(before) };
}

const ID_ARGUMENTS = ['user', 'calendar_id', 'event_id'];
/** Every id argument of every command, as the YAML declares them. */
const ID_CASES = Object.keys(COMMAND_ARGUMENTS).flatMap((command) =>
  COMMAND_ARGUMENTS[command]
    .filter((name) => ID_ARGUMENTS.includes(name))
    .map((name) => [command, name] as const),
);
// `.` and `..`, percent-encoded in any case and any mix, with spaces around, alone or as a one-item
// list (how a playbook passes a context value): URL resolution would climb out of the path.
const DOT_FORMS = ['.', '..', '%2e', '%2E', '%2e%2e', '%2E%2e', '%2e%2E', '%2E%2E', '.%2e', '%2E.'];
const padding = fc.constantFrom('', ' ', '   ', '\t', ' \n ');
const dotSegment: fc.Arbitrary<string | string[]> = fc
  .tuple(fc.constantFrom(...DOT_FORMS), padding, padding, fc.boolean())
  .map(([id, before, after, asList]) => (asList ? [`${before}${id}${after}`] : `${before}${id}${after}`));

describe('ids that are dot segments', () => {
  it('are checked for every id argument the YAML declares', () => {
    expect(ID_CASES.map(([, name]) => name)).toEqual(expect.arrayContaining(ID_ARGUMENTS));
    expect(ID_CASES.filter(([, name]) => name === 'event_id').map(([command]) => command)).toEqual([
      'msgraph-calendar-get-event',
      'msgraph-calendar-update-event',
      'msgraph-calendar-delete-event',
    ]);
  });

  it.each(ID_CASES)(
    '%s refuses %s as ".", ".." or encoded, naming it, with no request',
    async (command, name) => {
      const expected = `The ${name} argument cannot be "." or ".." (encoded or not): such an ID would address another resource.`;
      await fc.assert(
        fc.asyncProperty(dotSegment, async (value) => {
          const { thrown, entry, sent } = await readAndRun(command, { ...validBase(command), [name]: value });
          expect(thrown).toBeInstanceOf(ArgumentError);
          expect({
            argument: (thrown as ArgumentError).argument,
            message: (thrown as Error).message,
          }).toEqual({
            argument: name,
            message: expected,
          });
          expect(entry).toEqual({ Type: 4, ContentsFormat: 'text', Contents: expected });
          expect(sent).toEqual([]);
        }),
        { numRuns: 25 },
      );
    },
  );

  it.each(ID_ARGUMENTS)('accepts %s values that only look like dot segments', (name) => {
    const command = ID_CASES.filter(([, n]) => n === name)[0][0];
    for (const value of [
      '...',
      '.a',
      'a.',
      '..a',
      '. .',
      '%2e%2e%2e',
      '%2e.%2e',
      '%2f..',
      '..%2f',
      '%2',
      'e',
    ])
      expect(() => readArgs(command, { ...validBase(command), [name]: value })).not.toThrow();
  });
});

/** Every list argument of every command. */
const LIST_CASES = Object.keys(COMMAND_ARGUMENTS).flatMap((command) =>
  (commandMetadata(command)?.arguments ?? []).filter((a) => a.isArray).map((a) => [command, a.name] as const),
);
const textItem = fc.oneof(fc.constantFrom('a@x.com', 'b@x.com', ' c@x.com '), fc.string({ maxLength: 8 }));
const notText = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
);
/** A list with at least one item that is an object or a nested list, as JSON text or as a list. */
const listWithNonText = fc
  .tuple(fc.array(textItem, { maxLength: 3 }), notText, fc.nat(), fc.boolean())
  .map(([items, bad, at, asJson]) => {
    const list: unknown[] = [...items];
    list.splice(at % (items.length + 1), 0, bad);
    return asJson ? JSON.stringify(list) : list;
  });

describe('list items that are not text', () => {
  it('are checked for attendees of create-event and update-event', () => {
    expect(LIST_CASES).toEqual(
      expect.arrayContaining([
        ['msgraph-calendar-create-event', 'attendees'],
        ['msgraph-calendar-update-event', 'attendees'],
      ]),
    );
  });

  it.each(LIST_CASES)(
    '%s refuses %s with an object or nested list item, naming it, sending nothing',
    async (command, name) => {
      await fc.assert(
        fc.asyncProperty(listWithNonText, async (value) => {
          const { thrown, entry, sent } = await readAndRun(command, { ...validBase(command), [name]: value });
          expect(thrown).toBeInstanceOf(ArgumentError);
          expect((thrown as ArgumentError).argument).toBe(name);
          expect(entry.Type).toBe(4);
          expect(String(entry.Contents)).toMatch(
            new RegExp(`^The ${name} argument must be a list of text values \\(got "`),
          );
          expect(JSON.stringify(entry)).not.toContain('[object Object]');
          expect(sent).toEqual([]);
        }),
        { numRuns: 40 },
      );
    },
  );
});
