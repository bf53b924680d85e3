/**
 * Faults below HTTP statuses: a connection reset mid-request, a response slower than the timeout,
 * a malformed JSON body, and a create-event whose response is lost after Graph created the event.
 */
import { ManualClock } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import {
  expectError,
  expectNote,
  instanceOf,
  useEmulator,
  type TestInstance,
} from '../support/emulatorHarness';
import { eventsWithSubject } from '../support/graphProbe';
import { recordingHttp } from '../support/recordingHttp';
import { pollUntil } from '../support/poll';

const fixture = useEmulator();
const ALICE = 'alice@contoso.com';
const CALENDARS = '/v1.0/users/alice%40contoso.com/calendars';
const CREATE = '/v1.0/users/alice%40contoso.com/calendar/events';
/** The per-request timeout the tests impose instead of Graph's 60 s. */
const TIMEOUT_MS = 250;

let clock: ManualClock;
let calendar: TestInstance;

beforeEach(async () => {
  clock = new ManualClock(Date.now());
  fixture.useClock(clock);
  const http = recordingHttp({ allowedOrigins: [fixture.emu.url], maxTimeoutMs: TIMEOUT_MS });
  calendar = instanceOf(fixture.emu, 'clientSecret', { clock, httpFactory: http.factory });
  expect(await calendar.exec('test-module')).toMatchObject({ Contents: 'ok' });
  fixture.emu.clearRequests();
});

afterEach(() => calendar.expectClean());

function graphRequests(method: string, path: string) {
  return fixture.emu.requests({ kind: 'graph', method, pathPrefix: path });
}

/**
 * The create-event POSTs once `count` of them were answered or dropped: an abandoned POST finishes
 * on the emulator side after the client gave up, so poll for it (bounded).
 */
async function settledPosts(count: number) {
  const settled = (r: { status?: number; fault?: string }) =>
    r.status !== undefined || r.fault === 'dropResponse';
  return pollUntil(
    async () => graphRequests('POST', CREATE),
    (posts) => posts.length >= count && posts.every(settled),
  );
}

/** The distinct transactionIds the POSTs carried (the integration sends `TransactionId`). */
function transactionIds(posts: { body?: unknown }[]): unknown[] {
  return [...new Set(posts.map((p) => (p.body as Record<string, unknown>).TransactionId))];
}

describe('a connection reset mid-request', () => {
  it('on a read is retried once and the command succeeds', async () => {
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, reset: true });

    expect(expectNote(await calendar.exec('msgraph-calendar-list-calendars'))).toContain('| Calendar |');

    expect(graphRequests('GET', CALENDARS).map((r) => r.status ?? r.fault)).toEqual(['reset', 200]);
  });

  it('on create-event is retried and creates exactly one event', async () => {
    fixture.emu.addFault({ method: 'POST', path: CREATE, reset: true });

    expectNote(await calendar.exec('msgraph-calendar-create-event', { subject: 'reset create' }));

    expect(graphRequests('POST', CREATE).map((r) => r.status ?? r.fault)).toEqual(['reset', 201]);
    expect(await eventsWithSubject(fixture.emu, ALICE, 'reset create')).toHaveLength(1);
  });

  it('that persists ends in one readable error entry after the retry budget', async () => {
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, reset: true, times: 10 });

    const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(text).toBe(
      `The connection to ${fixture.emu.url.replace('http://', '')} was closed before a response was received. Try the command again.`,
    );
    expect(graphRequests('GET', CALENDARS)).toHaveLength(4);
  });
});

describe('a response slower than the timeout', () => {
  // Module decision (networkErrors.ts): a timeout is not retried, the user already waited the
  // whole timeout once; resets and refused connections are retried.
  it('ends in one Connection Timeout error entry after a single attempt', async () => {
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, delayMs: TIMEOUT_MS * 4 });

    const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(text).toMatch(/^Connection Timeout Error - 127\.0\.0\.1:\d+ did not answer within \d+ s\./);
    expect(graphRequests('GET', CALENDARS)).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not poison the instance: the next command succeeds with the cached token', async () => {
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, delayMs: TIMEOUT_MS * 4 });
    expectError(await calendar.exec('msgraph-calendar-list-calendars'));

    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(graphRequests('GET', CALENDARS)).toHaveLength(2);
    expect(fixture.emu.tokenRequestCounts().identity).toBe(0);
  });

  it('on create-event is retried once at once: the user sees success and exactly one event exists', async () => {
    // The first POST is processed by the emulator after the client gave up; the retry carries the
    // same transactionId, so Graph answers with the one event however the two interleave.
    fixture.emu.addFault({ method: 'POST', path: CREATE, delayMs: TIMEOUT_MS * 2 });

    const created = await calendar.exec('msgraph-calendar-create-event', { subject: 'slow create' });

    expect(expectNote(created)).toContain('slow create');
    expect(clock.sleeps).toEqual([]);
    const posts = await settledPosts(2);
    expect(posts.map((r) => r.fault ?? r.status)).toEqual(['delay', 201]);
    expect(transactionIds(posts)).toHaveLength(1);
    const events = await eventsWithSubject(fixture.emu, ALICE, 'slow create');
    expect(events).toHaveLength(1);
    expect((created.Contents as { id: string }).id).toBe(events[0].id);
  });

  it('on create-event against a host that stays silent costs two timeouts, not more, and one event', async () => {
    fixture.emu.addFault({ method: 'POST', path: CREATE, delayMs: TIMEOUT_MS * 2, times: 5 });

    const text = expectError(
      await calendar.exec('msgraph-calendar-create-event', { subject: 'dead create' }),
    );

    expect(text).toMatch(/^Connection Timeout Error - 127\.0\.0\.1:\d+ did not answer within \d+ s\./);
    const posts = await settledPosts(2);
    expect(posts.map((r) => r.fault)).toEqual(['delay', 'delay']);
    expect(transactionIds(posts)).toHaveLength(1);
    // Both abandoned POSTs were processed late with one transactionId: one event, not two.
    expect(await eventsWithSubject(fixture.emu, ALICE, 'dead create')).toHaveLength(1);
  });

  it('on create-event that times out, then loses the retried answer, still succeeds with one event', async () => {
    // One retry after the timeout; the lost answer of that retry is a reset, retried as resets are.
    fixture.emu.addFault({ method: 'POST', path: CREATE, delayMs: TIMEOUT_MS * 2 });
    fixture.emu.addFault({ method: 'POST', path: CREATE, dropResponse: true });

    const created = await calendar.exec('msgraph-calendar-create-event', { subject: 'lost twice' });

    expect(expectNote(created)).toContain('lost twice');
    expect(clock.sleeps).toEqual([1000]);
    const posts = await settledPosts(3);
    expect(posts.map((r) => r.fault ?? r.status)).toEqual(['delay', 'dropResponse', 201]);
    expect(transactionIds(posts)).toHaveLength(1);
    const events = await eventsWithSubject(fixture.emu, ALICE, 'lost twice');
    expect(events).toHaveLength(1);
    expect((created.Contents as { id: string }).id).toBe(events[0].id);
  });
});

describe('a malformed JSON body', () => {
  it('from Graph is one error entry saying so, not retried', async () => {
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, malformedJson: true });

    const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(text).toBe('Microsoft Graph returned 200 with a body that is not JSON.');
    expect(graphRequests('GET', CALENDARS)).toHaveLength(1);
  });

  it('from the token endpoint is an authorization error entry and nothing is cached', async () => {
    const fresh = instanceOf(fixture.emu, 'clientSecret', { clock });
    fixture.emu.addFault({ method: 'POST', path: '/*/oauth2/v2.0/token', malformedJson: true });

    const text = expectError(await fresh.exec('msgraph-calendar-list-calendars'));
    expect(text).toContain('Error in Microsoft authorization');
    expect(text).toContain('without an access token');
    expect(fixture.emu.requests({ kind: 'graph' })).toEqual([]);

    // The failure was not cached: the next command gets a token and succeeds.
    expectNote(await fresh.exec('msgraph-calendar-list-calendars'));
    expect(fixture.emu.tokenRequestCounts().identity).toBe(2);
    fresh.expectClean();
  });
});

describe('a create-event whose response is lost after Graph processed it', () => {
  it('is retried and exactly one event exists afterwards', async () => {
    fixture.emu.addFault({ method: 'POST', path: CREATE, dropResponse: true });

    const created = await calendar.exec('msgraph-calendar-create-event', {
      subject: 'lost response',
      start: '2026-03-01T10:00:00',
      end: '2026-03-01T10:30:00',
    });

    const text = expectNote(created);
    expect(text).toContain('lost response');
    const posts = graphRequests('POST', CREATE);
    expect(posts.map((r) => r.status ?? r.fault)).toEqual(['dropResponse', 201]);
    const events = await eventsWithSubject(fixture.emu, ALICE, 'lost response');
    expect(events).toHaveLength(1);
    // The entry shows the event that exists, not a second one.
    expect((created.Contents as { id: string }).id).toBe(events[0].id);
  });
});
