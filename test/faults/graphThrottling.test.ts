/**
 * Microsoft Graph under throttling and outages (429, 503, 504), through the emulator's fault
 * injection: retried within the bounded budget, honouring Retry-After, never losing or duplicating
 * a write, and a readable error entry when the budget is spent.
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

const fixture = useEmulator();
const CALENDARS = '/v1.0/users/alice%40contoso.com/calendars';
const CREATE = '/v1.0/users/alice%40contoso.com/calendar/events';

let clock: ManualClock;
let calendar: TestInstance;

/** A warmed-up client-secret instance: its token is cached, so Graph calls are all that follow. */
beforeEach(async () => {
  clock = new ManualClock(Date.now());
  fixture.useClock(clock);
  calendar = instanceOf(fixture.emu, 'clientSecret', { clock });
  expect(await calendar.exec('test-module')).toMatchObject({ Contents: 'ok' });
  fixture.emu.clearRequests();
});

afterEach(() => calendar.expectClean());

/** Statuses the emulator answered to the requests at `path`, in order. */
function statuses(path: string, method = 'GET'): (number | undefined)[] {
  return fixture.emu.requests({ kind: 'graph', method, pathPrefix: path }).map((r) => r.status);
}

describe('Graph 429 with Retry-After', () => {
  it('waits the Retry-After seconds before each retry and then succeeds', async () => {
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, status: 429, retryAfter: 7, times: 2 });

    const text = expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(text).toContain('| Calendar |');
    expect(statuses(CALENDARS)).toEqual([429, 429, 200]);
    expect(clock.sleeps).toEqual([7000, 7000]);
    expect(fixture.emu.tokenRequestCounts().identity).toBe(0);
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    const retryAt = new Date(clock.now() + 12_000).toUTCString();
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, status: 429, retryAfter: retryAt });

    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(statuses(CALENDARS)).toEqual([429, 200]);
    expect(clock.sleeps).toHaveLength(1);
    // An HTTP date has one-second resolution.
    expect(clock.sleeps[0]).toBeGreaterThan(10_000);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(12_000);
  });

  it('gives up after 3 retries with a readable error entry naming the throttling', async () => {
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, status: 429, retryAfter: 1, times: 10 });

    const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(text).toMatch(/^Microsoft Graph returned 429 TooManyRequests: Too many requests\./);
    expect(statuses(CALENDARS)).toEqual([429, 429, 429, 429]);
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
  });

  it('does not wait when Retry-After asks for more than the 60 s budget, and says when to try again', async () => {
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, status: 429, retryAfter: 120 });

    const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(text).toMatch(
      /^Microsoft Graph returned 429 .* Microsoft Graph is throttling these requests; try again in 120 s\.$/,
    );
    expect(statuses(CALENDARS)).toEqual([429]);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops when the next wait no longer fits in what is left of the command budget', async () => {
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, status: 429, retryAfter: 45, times: 2 });

    const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

    // 45 s were waited; 45 more do not fit in the 60 s of one command.
    expect(text).toMatch(/try again in 45 s\.$/);
    expect(statuses(CALENDARS)).toEqual([429, 429]);
    expect(clock.sleeps).toEqual([45_000]);
    // The next command has its own budget.
    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
  });
});

describe.each([503, 504])('a burst of Graph %i', (status) => {
  it('is retried with a 1, 2, 4 s back-off and the command succeeds', async () => {
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, status, times: 3 });

    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(statuses(CALENDARS)).toEqual([status, status, status, 200]);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('longer than the retries ends in one error entry with the status', async () => {
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, status, times: 5 });

    const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(text).toContain(`Microsoft Graph returned ${status}`);
    expect(text.split('\n')).toHaveLength(1);
    expect(statuses(CALENDARS)).toEqual([status, status, status, status]);
  });

  it('asking for a wait beyond the budget ends at once in an error entry saying when to try again', async () => {
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, status, retryAfter: 90 });

    const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(text).toContain(`Microsoft Graph returned ${status}`);
    // Only throttling (429, 503) is worth a "try again"; a 504 is a gateway timeout.
    if (status === 503)
      expect(text).toMatch(/Microsoft Graph is throttling these requests; try again in 90 s\.$/);
    else expect(text).not.toContain('try again in');
    expect(statuses(CALENDARS)).toEqual([status]);
    expect(clock.sleeps).toEqual([]);
  });

  it('during create-event is retried with the same transactionId and creates exactly one event', async () => {
    const subject = `burst ${status} create`;
    fixture.emu.addFault({ method: 'POST', path: CREATE, status, times: 2 });

    const text = expectNote(await calendar.exec('msgraph-calendar-create-event', { subject }));

    expect(text).toContain('Event was created successfully');
    const posts = fixture.emu.requests({ kind: 'graph', method: 'POST' });
    expect(posts.map((p) => p.status)).toEqual([status, status, 201]);
    const ids = posts.map((p) => (p.body as { TransactionId?: string }).TransactionId);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await eventsWithSubject(fixture.emu, 'alice@contoso.com', subject)).toHaveLength(1);
  });
});

describe('throttled deletes', () => {
  it('a delete-event answered 429 is retried after Retry-After and deletes the event', async () => {
    const created = await calendar.exec('msgraph-calendar-create-event', { subject: 'to delete' });
    const id = (created.Contents as { id: string }).id;
    fixture.emu.addFault({ method: 'DELETE', path: `${CREATE}/*`, status: 429, retryAfter: 2 });

    expectNote(await calendar.exec('msgraph-calendar-delete-event', { event_id: id }));

    expect(statuses(CREATE, 'DELETE')).toEqual([429, 204]);
    expect(await eventsWithSubject(fixture.emu, 'alice@contoso.com', 'to delete')).toEqual([]);
  });
});
