/**
 * The oproxy rotates the refresh token on every exchange. When the answer of a rotation is lost
 * (the oproxy processed it, then the connection dropped), the refresh token cached in the context
 * is already spent and the new one never arrived.
 *
 * Sensible behaviour: discard the refused refresh token and retry once with the Token from the
 * settings (the admin-consent token), so the user sees success. What the module does today is
 * pinned below, next to the expected behaviour (marked failing until the module is fixed).
 */
import { ManualClock } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import {
  expectError,
  expectNote,
  instanceOf,
  useEmulator,
  type TestInstance,
} from '../support/emulatorHarness';

const fixture = useEmulator();
const OPROXY = '/obtain-token';
const REFRESH_TOKEN = 'current_refresh_token';

let clock: ManualClock;
let calendar: TestInstance;

/** Statuses of the oproxy requests so far (`dropResponse` when the answer was lost). */
function oproxyOutcomes(): (number | string | undefined)[] {
  return fixture.emu
    .requests({ kind: 'oproxy' })
    .map((r) => (r.fault === 'dropResponse' ? r.fault : r.status));
}

async function cachedRefreshToken(): Promise<unknown> {
  return (await calendar.context.read()).data[REFRESH_TOKEN];
}

/**
 * A working oproxy instance whose access token has just expired, and a lost rotation queued:
 * the next command exchanges the cached refresh token and never sees the answer.
 */
beforeEach(async () => {
  clock = new ManualClock(Date.now());
  fixture.useClock(clock);
  calendar = instanceOf(fixture.emu, 'oproxy', { clock });
  expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
  expect(await cachedRefreshToken()).toMatch(/^emu-oproxy-rt-/);
  clock.advance(3600_000);
  fixture.emu.addFault({ method: 'POST', path: OPROXY, dropResponse: true });
});

afterEach(() => calendar.expectClean());

it.failing(
  'recovers: the spent refresh token is discarded and the Token from the settings is used once',
  async () => {
    const spent = await cachedRefreshToken();
    // The command that lost the answer may fail with a network error, or recover at once.
    await calendar.exec('msgraph-calendar-list-calendars');

    const next = await calendar.exec('msgraph-calendar-list-calendars');

    expectNote(next);
    const outcomes = oproxyOutcomes();
    // Initial Token exchange, lost rotation, one refusal of the spent token, one Token exchange.
    expect(outcomes).toEqual([200, 'dropResponse', 400, 200]);
    const fresh = await cachedRefreshToken();
    expect(fresh).toMatch(/^emu-oproxy-rt-/);
    expect(fresh).not.toBe(spent);
  },
);

describe('what the module does today (documented; see the report)', () => {
  it('the command that lost the answer fails with a readable network error; nothing is cached', async () => {
    const spent = await cachedRefreshToken();

    const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(text).toMatch(/^The connection to 127\.0\.0\.1:\d+ was closed before a response was received\./);
    expect(oproxyOutcomes()).toEqual([200, 'dropResponse']);
    expect(await cachedRefreshToken()).toBe(spent);
    expect(fixture.emu.requests({ kind: 'graph' })).toHaveLength(1);
  });

  it('the next command sends the spent refresh token, is refused, and the back-off starts', async () => {
    await calendar.exec('msgraph-calendar-list-calendars');

    const refused = expectError(await calendar.exec('msgraph-calendar-list-calendars'));
    // The oproxy's JSON `detail` embeds Microsoft's JSON; upstream's parser quotes it whole.
    expect(refused).toMatch(/^Error in Microsoft authorization\. Status: 400, body: /);
    expect(refused).toContain('the refresh token was already used');

    const held = expectError(await calendar.exec('msgraph-calendar-list-calendars'));
    expect(held).toMatch(/^The request will be delayed until /);
    expect(oproxyOutcomes()).toEqual([200, 'dropResponse', 400]);
  });

  it('stays stuck on the spent refresh token after the back-off, until auth-reset', async () => {
    await calendar.exec('msgraph-calendar-list-calendars');
    await calendar.exec('msgraph-calendar-list-calendars');
    clock.advance(5_000);

    expectError(await calendar.exec('msgraph-calendar-list-calendars'));
    expect(oproxyOutcomes()).toEqual([200, 'dropResponse', 400, 400]);

    expectNote(await calendar.exec('msgraph-calendar-auth-reset'));
    expect(await cachedRefreshToken()).toBeUndefined();
    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
    expect(oproxyOutcomes()).toEqual([200, 'dropResponse', 400, 400, 200]);
    expect(await cachedRefreshToken()).toMatch(/^emu-oproxy-rt-/);
  });
});
