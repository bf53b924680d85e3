/**
 * Access tokens that expire: between two commands (a short lifetime, then the shared clock moves
 * on) and in the middle of a command (Graph refuses the cached token with 401 once).
 */
import { ManualClock } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import {
  expectError,
  expectNote,
  instanceOf,
  MODES,
  useEmulator,
  type Mode,
} from '../support/emulatorHarness';
import { recordingHttp } from '../support/recordingHttp';

const fixture = useEmulator();
const CALENDARS = '/v1.0/users/alice%40contoso.com/calendars';
const TOKEN_PATHS: Record<Mode, string> = {
  oproxy: '/obtain-token',
  clientSecret: '/*/oauth2/v2.0/token',
  certificate: '/*/oauth2/v2.0/token',
  managedIdentitySystem: '/metadata/identity/oauth2/token',
  managedIdentityUser: '/metadata/identity/oauth2/token',
};

let clock: ManualClock;

beforeEach(() => {
  clock = new ManualClock(Date.now());
  fixture.useClock(clock);
});

function tokenRequests(): number {
  const counts = fixture.emu.tokenRequestCounts();
  return counts.identity + counts.imds + counts.oproxy;
}

function graphStatuses(): (number | undefined)[] {
  return fixture.emu.requests({ kind: 'graph', pathPrefix: CALENDARS }).map((r) => r.status);
}

describe.each(MODES)('a token that expires between two commands (%s)', (mode) => {
  it('is renewed by the second command with exactly one token request, and both succeed', async () => {
    const calendar = instanceOf(fixture.emu, mode, { clock });
    fixture.emu.addFault({ path: TOKEN_PATHS[mode], tokenLifetimeSeconds: 120 });
    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
    expect(tokenRequests()).toBe(1);

    clock.advance(121_000);
    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(tokenRequests()).toBe(2);
    // The expired token was never shown to Graph: it was renewed before the call.
    expect(graphStatuses()).toEqual([200, 200]);
    calendar.expectClean();
  });

  it('is reused, without a token request, while it is still valid', async () => {
    const calendar = instanceOf(fixture.emu, mode, { clock });
    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
    clock.advance(30 * 60_000);

    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(tokenRequests()).toBe(1);
  });
});

describe.each(MODES)('a token that expires mid-command (%s)', (mode) => {
  it('Graph 401 once → exactly one token refresh and one retry, and the command succeeds', async () => {
    const http = recordingHttp({ allowedOrigins: [fixture.emu.url] });
    const calendar = instanceOf(fixture.emu, mode, { clock, httpFactory: http.factory });
    expectNote(await calendar.exec('test-module'));
    expect(tokenRequests()).toBe(1);
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, status: 401 });

    expect(expectNote(await calendar.exec('msgraph-calendar-list-calendars'))).toContain('| Calendar |');

    expect(tokenRequests()).toBe(2);
    expect(graphStatuses()).toEqual([401, 200]);
    // The retry carried the new token (now cached), not the refused one. Compared as booleans:
    // a failing assertion must not print a bearer token.
    const [refused, retried] = http.attempts
      .filter((a) => a.url.includes('/calendars'))
      .map((a) => a.authorization);
    const cached = (await calendar.context.read()).data.access_token;
    expect({ differs: refused !== retried, isCached: retried === `Bearer ${String(cached)}` }).toEqual({
      differs: true,
      isCached: true,
    });
    calendar.expectClean();
  });
});

describe('a token refused twice', () => {
  it('stops after one refresh: one error entry with Graph’s 401, no loop', async () => {
    const calendar = instanceOf(fixture.emu, 'clientSecret', { clock });
    expectNote(await calendar.exec('test-module'));
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, status: 401, times: 5 });

    const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(text).toMatch(/^Microsoft Graph returned 401/);
    expect(tokenRequests()).toBe(2);
    expect(graphStatuses()).toEqual([401, 401]);
    calendar.expectClean();
  });

  it('a fresh token refused with 401 is not refreshed again (it cannot be stale)', async () => {
    const calendar = instanceOf(fixture.emu, 'clientSecret', { clock });
    fixture.emu.addFault({ method: 'GET', path: CALENDARS, status: 401 });

    expect(expectError(await calendar.exec('msgraph-calendar-list-calendars'))).toMatch(
      /^Microsoft Graph returned 401/,
    );

    expect(tokenRequests()).toBe(1);
    expect(graphStatuses()).toEqual([401]);
  });
});

describe.each(MODES)('a token granted already expired (expires_in 0) (%s)', (mode) => {
  it('is refused by Graph once, replaced by one new token, and the same command succeeds', async () => {
    // A token granted for less than the refresh margin may be expired on arrival: a 401 on it is
    // worth one new token, like a 401 on a cached token.
    const calendar = instanceOf(fixture.emu, mode, { clock });
    fixture.emu.addFault({ path: TOKEN_PATHS[mode], tokenLifetimeSeconds: 0 });

    expect(expectNote(await calendar.exec('msgraph-calendar-list-calendars'))).toContain('| Calendar |');

    expect(tokenRequests()).toBe(2);
    expect(graphStatuses()).toEqual([401, 200]);
    calendar.expectClean();
  });
});

describe('tokens granted already expired, again and again', () => {
  it('stop after one refresh: one error entry with Graph’s 401, and the next command recovers', async () => {
    // expires_in 0 is cached for upstream's default lifetime (3595 s), like a missing one: the next
    // command tries the cached token once, and its 401 gets one new token.
    const calendar = instanceOf(fixture.emu, 'clientSecret', { clock });
    fixture.emu.addFault({ path: TOKEN_PATHS.clientSecret, tokenLifetimeSeconds: 0, times: 2 });

    expect(expectError(await calendar.exec('msgraph-calendar-list-calendars'))).toMatch(
      /^Microsoft Graph returned 401/,
    );
    expect(tokenRequests()).toBe(2);
    expect(graphStatuses()).toEqual([401, 401]);

    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
    expect(tokenRequests()).toBe(3);
    expect(graphStatuses()).toEqual([401, 401, 401, 200]);
    calendar.expectClean();
  });
});
