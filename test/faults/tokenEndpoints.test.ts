/**
 * Token endpoints under throttling and outages: the identity platform (client secret and
 * certificate), IMDS (managed identities) and the oproxy. A refused or throttled token request is
 * never cached, never duplicated, and the user reads one line.
 */
import { ManualClock } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import { expectError, expectNote, instanceOf, useEmulator } from '../support/emulatorHarness';

const fixture = useEmulator();
const IDENTITY_TOKEN = '/*/oauth2/v2.0/token';
const IMDS_TOKEN = '/metadata/identity/oauth2/token';

let clock: ManualClock;

beforeEach(() => {
  clock = new ManualClock(Date.now());
  fixture.useClock(clock);
});

function tokenStatuses(kind: 'identity' | 'imds' | 'oproxy'): (number | string | undefined)[] {
  return fixture.emu.requests({ kind }).map((r) => r.status ?? r.fault);
}

describe.each(['clientSecret', 'certificate'] as const)(
  'identity platform throttling and outages (%s)',
  (mode) => {
    it('a 429 with Retry-After is waited out and retried once, and the command succeeds', async () => {
      const calendar = instanceOf(fixture.emu, mode, { clock });
      fixture.emu.addFault({ method: 'POST', path: IDENTITY_TOKEN, status: 429, retryAfter: 3 });

      expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

      expect(tokenStatuses('identity')).toEqual([429, 200]);
      expect(clock.sleeps).toEqual([3000]);
      calendar.expectClean();
    });

    it.each([500, 503, 504])('a %i is retried after 1 s, and the command succeeds', async (status) => {
      const calendar = instanceOf(fixture.emu, mode, { clock });
      fixture.emu.addFault({ method: 'POST', path: IDENTITY_TOKEN, status });

      expect(await calendar.exec('test-module')).toMatchObject({ Type: 1, Contents: 'ok' });

      expect(tokenStatuses('identity')).toEqual([status, 200]);
      expect(clock.sleeps).toEqual([1000]);
      calendar.expectClean();
    });

    it('a 429 that persists gives up after 2 retries: one readable error entry, no Graph request, nothing cached', async () => {
      const calendar = instanceOf(fixture.emu, mode, { clock });
      fixture.emu.addFault({ method: 'POST', path: IDENTITY_TOKEN, status: 429, retryAfter: 3, times: 3 });

      const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

      expect(text).toBe('Error in Microsoft authorization. Status: 429, body: temporarily_unavailable');
      expect(tokenStatuses('identity')).toEqual([429, 429, 429]);
      expect(clock.sleeps).toEqual([3000, 3000]);
      expect(fixture.emu.requests({ kind: 'graph' })).toEqual([]);
      expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
      expect(tokenStatuses('identity')).toEqual([429, 429, 429, 200]);
      calendar.expectClean();
    });

    it('a Retry-After beyond the 60 s budget is not waited for: one error entry at once', async () => {
      const calendar = instanceOf(fixture.emu, mode, { clock });
      fixture.emu.addFault({ method: 'POST', path: IDENTITY_TOKEN, status: 429, retryAfter: 120 });

      expect(expectError(await calendar.exec('test-module'))).toMatch(
        /^Error in Microsoft authorization\. Status: 429, body: temporarily_unavailable/,
      );

      expect(tokenStatuses('identity')).toEqual([429]);
      expect(clock.sleeps).toEqual([]);
    });

    it('a 503 that persists is one readable error entry after 3 attempts, and the next command recovers', async () => {
      const calendar = instanceOf(fixture.emu, mode, { clock });
      fixture.emu.addFault({ method: 'POST', path: IDENTITY_TOKEN, status: 503, times: 3 });

      const text = expectError(await calendar.exec('test-module'));

      expect(text).toMatch(/^Error in Microsoft authorization\. Status: 503, body: server_error/);
      expect(clock.sleeps).toEqual([1000, 2000]);
      expect(await calendar.exec('test-module')).toMatchObject({ Type: 1, Contents: 'ok' });
      expect(tokenStatuses('identity')).toEqual([503, 503, 503, 200]);
      calendar.expectClean();
    });

    it('a token answer lost after the grant is retried with new credentials and the command succeeds', async () => {
      // The emulator processed the first request (a certificate assertion's jti is spent then) and
      // dropped its answer; a replayed assertion would be refused.
      const calendar = instanceOf(fixture.emu, mode, { clock });
      fixture.emu.addFault({ method: 'POST', path: IDENTITY_TOKEN, dropResponse: true });

      expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

      expect(tokenStatuses('identity')).toEqual(['dropResponse', 200]);
      calendar.expectClean();
    });
  },
);

describe.each(['managedIdentitySystem', 'managedIdentityUser'] as const)('IMDS (%s)', (mode) => {
  it('429 with Retry-After is waited out and retried, and the command succeeds', async () => {
    const calendar = instanceOf(fixture.emu, mode, { clock });
    fixture.emu.addFault({ method: 'GET', path: IMDS_TOKEN, status: 429, retryAfter: 5, times: 2 });

    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(tokenStatuses('imds')).toEqual([429, 429, 200]);
    expect(clock.sleeps).toEqual([5000, 5000]);
    calendar.expectClean();
  });

  it('404 a few times while the identity is being assigned, then success after retries', async () => {
    const calendar = instanceOf(fixture.emu, mode, { clock });
    fixture.emu.addFault({ method: 'GET', path: IMDS_TOKEN, status: 404, times: 3 });

    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(tokenStatuses('imds')).toEqual([404, 404, 404, 200]);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
    calendar.expectClean();
  });

  it('410 while IMDS restarts is retried every 10 s, then success', async () => {
    const calendar = instanceOf(fixture.emu, mode, { clock });
    fixture.emu.addFault({ method: 'GET', path: IMDS_TOKEN, status: 410, times: 4 });

    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(tokenStatuses('imds')).toEqual([410, 410, 410, 410, 200]);
    expect(clock.sleeps).toEqual([10_000, 10_000, 10_000, 10_000]);
  });

  it('404 beyond the retries ends in one managed-identity error entry; no Graph request', async () => {
    const calendar = instanceOf(fixture.emu, mode, { clock });
    fixture.emu.addFault({ method: 'GET', path: IMDS_TOKEN, status: 404, times: 10 });

    const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(text).toMatch(/^Error in Microsoft authorization with Azure Managed Identities: /);
    expect(tokenStatuses('imds')).toEqual([404, 404, 404, 404]);
    expect(fixture.emu.requests({ kind: 'graph' })).toEqual([]);
  });

  it('a reset connection to IMDS is retried, then success', async () => {
    const calendar = instanceOf(fixture.emu, mode, { clock });
    fixture.emu.addFault({ method: 'GET', path: IMDS_TOKEN, reset: true });

    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(tokenStatuses('imds')).toEqual(['reset', 200]);
  });
});

describe('oproxy 429 with Retry-After', () => {
  it('once: is waited out and retried once, and the command succeeds without a back-off', async () => {
    const calendar = instanceOf(fixture.emu, 'oproxy', { clock });
    fixture.emu.addFault({ method: 'POST', path: '/obtain-token', status: 429, retryAfter: 1 });

    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

    expect(tokenStatuses('oproxy')).toEqual([429, 200]);
    expect(clock.sleeps).toEqual([1000]);
    // No back-off was recorded: the retry succeeded.
    expect((await calendar.context.read()).data.next_request_time).toBeUndefined();
    calendar.expectClean();
  });

  it('twice: one readable error entry; the client back-off then holds the next command without a request', async () => {
    const calendar = instanceOf(fixture.emu, 'oproxy', { clock });
    fixture.emu.addFault({ method: 'POST', path: '/obtain-token', status: 429, retryAfter: 1, times: 2 });

    const first = expectError(await calendar.exec('msgraph-calendar-list-calendars'));
    expect(first).toBe(
      'Error in Microsoft authorization. Status: 429, body: Injected fault. Too many requests',
    );

    const second = expectError(await calendar.exec('msgraph-calendar-list-calendars'));
    expect(second).toMatch(/^The request will be delayed until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(tokenStatuses('oproxy')).toEqual([429, 429]);

    clock.advance(2000);
    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
    expect(tokenStatuses('oproxy')).toEqual([429, 429, 200]);
    calendar.expectClean();
  });
});

describe('a malformed JSON answer from a token endpoint', () => {
  it.each([
    [
      'clientSecret',
      IDENTITY_TOKEN,
      'identity',
      /^Error in Microsoft authorization: the token endpoint answered 200 without an access token\.$/,
    ],
    [
      'managedIdentitySystem',
      IMDS_TOKEN,
      'imds',
      /^Error in Microsoft authorization with Azure Managed Identities: the answer did not contain an access token\.$/,
    ],
    [
      'oproxy',
      '/obtain-token',
      'oproxy',
      /^There was a problem in retrieving an updated access token\.\nThe response from the Oproxy server did not contain the expected content\.$/,
    ],
  ] as const)(
    '(%s) is one error entry, no Graph request, and the next command recovers',
    async (mode, path, kind, message) => {
      const calendar = instanceOf(fixture.emu, mode, { clock });
      fixture.emu.addFault({ path, malformedJson: true });

      expect(expectError(await calendar.exec('msgraph-calendar-list-calendars'))).toMatch(message);
      expect(fixture.emu.requests({ kind: 'graph' })).toEqual([]);

      expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
      expect(tokenStatuses(kind)).toEqual([200, 200]);
      calendar.expectClean();
    },
  );
});
