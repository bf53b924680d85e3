/**
 * Waiting is bounded per command: every retry of a command shares one budget (60 s), a wait that
 * does not fit is not waited (the server engine could only spin) and the error says when to try
 * again. Malformed Retry-After values count as absent. Against the emulator, on a manual clock.
 */
import { ManualClock } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import { busyWaitClock } from '../../Packs/Base/Scripts/CommonServer/serverRuntime';
import { parseRetryAfter } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/retry';
import { oproxyErrorMessage } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/errorParser';
import { expectError, expectNote, instanceOf, useEmulator } from '../support/emulatorHarness';

const fixture = useEmulator();
const ALICE = 'alice@contoso.com';
const EVENTS = '/v1.0/users/*/events';

function clocked() {
  const clock = new ManualClock(Date.now());
  fixture.useClock(clock);
  return { clock, instance: instanceOf(fixture.emu, 'clientSecret', { clock }) };
}

describe('throttling', () => {
  it('fails at once, saying when to try again, when Graph asks for a wait beyond the budget', async () => {
    const { clock, instance } = clocked();
    fixture.emu.addFault({ method: 'GET', path: EVENTS, status: 429, retryAfter: 120, times: 5 });
    const text = expectError(await instance.exec('msgraph-calendar-list-events', { user: ALICE }));
    expect(text).toMatch(/^Microsoft Graph returned 429/);
    expect(text).toMatch(/Microsoft Graph is throttling these requests; try again in 120 s\.$/);
    expect(clock.sleeps).toEqual([]);
  });

  it('shares one budget across the requests of a command (token, then Graph)', async () => {
    const { clock, instance } = clocked();
    fixture.emu.addFault({
      method: 'POST',
      path: '/*/oauth2/v2.0/token',
      status: 429,
      retryAfter: 30,
      times: 1,
    });
    fixture.emu.addFault({ method: 'GET', path: EVENTS, status: 429, retryAfter: 40, times: 1 });
    const text = expectError(await instance.exec('msgraph-calendar-list-events', { user: ALICE }));
    // 30 s were spent on the token request: the 40 s Graph asks for no longer fit in 60 s.
    expect(clock.sleeps).toEqual([30_000]);
    expect(text).toMatch(/try again in 40 s\.$/);
  });

  it('waits the default back-off when Retry-After is negative', async () => {
    const { clock, instance } = clocked();
    fixture.emu.addFault({
      method: 'GET',
      path: EVENTS,
      status: 429,
      headers: { 'Retry-After': '-5' },
      times: 1,
    });
    expectNote(await instance.exec('msgraph-calendar-list-events', { user: ALICE }));
    expect(clock.sleeps).toEqual([1000]);
  });
});

describe('where waiting spins the CPU (the XSOAR engine has no timers)', () => {
  it('refuses a 15 s wait at once, saying when to try again, where Node would wait', async () => {
    const spinning = Object.assign(new ManualClock(Date.now()), { spins: true });
    fixture.useClock(spinning);
    const instance = instanceOf(fixture.emu, 'clientSecret', { clock: spinning });
    fixture.emu.addFault({ method: 'GET', path: EVENTS, status: 429, retryAfter: 15, times: 1 });
    const text = expectError(await instance.exec('msgraph-calendar-list-events', { user: ALICE }));
    expect(text).toMatch(/try again in 15 s\.$/);
    expect(spinning.sleeps).toEqual([]);

    const { clock, instance: onNode } = clocked();
    fixture.emu.addFault({ method: 'GET', path: EVENTS, status: 429, retryAfter: 15, times: 1 });
    expectNote(await onNode.exec('msgraph-calendar-list-events', { user: ALICE }));
    expect(clock.sleeps).toEqual([15_000]);
  });

  it('is what the server runtime’s clock declares', () => {
    expect(busyWaitClock().spins).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['-5', undefined],
    ['1e3', undefined],
    ['0x10', undefined],
    ['', undefined],
    ['7', 7000],
    ['1.5', 1500],
  ])('reads %j as %j', (value, expected) => {
    expect(parseRetryAfter(value, 0)).toBe(expected);
  });

  it('reads an HTTP date, and a past date as 0', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
  });
});

describe('an oproxy answer without a body', () => {
  it('ends the sentence instead of leaving a dangling comma', () => {
    expect(oproxyErrorMessage(307, '', 'msgraph-calendar')).toBe(
      'Error in Microsoft authorization. Status: 307, with an empty body.',
    );
  });
});
