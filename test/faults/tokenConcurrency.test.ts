/**
 * Concurrent commands behind a failing token endpoint: one token request for all of them, in one
 * process (single flight) and across processes (the lease); when the lease holder's request fails,
 * it records the failure (class, code and readable message, no secret) and the commands waiting on
 * it fail at once with that error instead of each requesting a token in turn.
 */
import { ManualClock, MemoryContextStore } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import type { IntegrationContextStore } from '../../Packs/Base/Scripts/CommonServer/runtime';
import { expectError, expectNote, instanceOf, useEmulator } from '../support/emulatorHarness';
import { pollUntil } from '../support/poll';

const fixture = useEmulator();
const IDENTITY_TOKEN = '/*/oauth2/v2.0/token';

function tokenStatuses(): (number | string | undefined)[] {
  return fixture.emu.requests({ kind: 'identity' }).map((r) => r.status ?? r.fault);
}

/** Another process's view of one context: its own store object, so no in-process single flight. */
function processView(store: IntegrationContextStore): IntegrationContextStore {
  return { read: () => store.read(), write: (data, version) => store.write(data, version) };
}

describe('a failing token endpoint and concurrent commands', () => {
  it('8 concurrent commands of one process make one token request and all read its error; nothing is cached', async () => {
    const clock = new ManualClock(Date.now());
    fixture.useClock(clock);
    const calendar = instanceOf(fixture.emu, 'clientSecret', { clock });
    fixture.emu.addFault({ method: 'POST', path: IDENTITY_TOKEN, status: 500, times: 3 });

    const entries = await Promise.all(
      Array.from({ length: 8 }, () => calendar.exec('msgraph-calendar-list-calendars')),
    );

    const texts = entries.map(expectError);
    expect(texts[0]).toMatch(/^Error in Microsoft authorization\. Status: 500, body: server_error/);
    expect(new Set(texts).size).toBe(1);
    // One token request, with its two retries.
    expect(tokenStatuses()).toEqual([500, 500, 500]);
    expect(fixture.emu.requests({ kind: 'graph' })).toEqual([]);

    expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
    expect(tokenStatuses()).toEqual([500, 500, 500, 200]);
    calendar.expectClean();
  });

  // These run on the real clock (the emulator's too): a waiting command polls the shared context
  // while the lease holder's request is in flight, as separate processes do.
  it("a command waiting for another process's token request fails at once with that request's readable error", async () => {
    const shared = new MemoryContextStore();
    const holder = instanceOf(fixture.emu, 'clientSecret', { context: processView(shared) });
    const waiter = instanceOf(fixture.emu, 'clientSecret', { context: processView(shared) });
    fixture.emu.addFault({
      method: 'POST',
      path: IDENTITY_TOKEN,
      delayMs: 400,
      status: 401,
      body: {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided. Trace ID: t',
        error_codes: [7000215],
      },
    });

    const held = holder.exec('msgraph-calendar-list-calendars');
    await pollUntil(
      async () => fixture.emu.requests({ kind: 'identity' }).length,
      (n) => n > 0,
    );
    const waited = expectError(await waiter.exec('msgraph-calendar-list-calendars'));
    const refused = expectError(await held);

    expect(refused).toMatch(
      /^Error in Microsoft authorization\. Status: 401, body: invalid_client\. \nAADSTS7000215: /,
    );
    expect(waited).toBe(refused);
    expect(waited).not.toContain('could not be updated');
    expect(waiter.log.text()).toContain('another command is requesting a token; waiting for it');
    expect(tokenStatuses()).toEqual([401]);
    expect((await shared.read()).data.token_lease).toBeUndefined();
    holder.expectClean();
    waiter.expectClean();
  });

  it('4 processes behind a failing token endpoint make one token request (with its retries), not one each', async () => {
    const shared = new MemoryContextStore();
    const instances = Array.from({ length: 4 }, () =>
      instanceOf(fixture.emu, 'clientSecret', { context: processView(shared) }),
    );
    fixture.emu.addFault({
      method: 'POST',
      path: IDENTITY_TOKEN,
      status: 500,
      retryAfter: 0,
      delayMs: 150,
      times: 3,
    });

    const first = instances[0].exec('msgraph-calendar-list-calendars');
    await pollUntil(
      async () => fixture.emu.requests({ kind: 'identity' }).length,
      (n) => n > 0,
    );
    const others = instances.slice(1).map((instance) => instance.exec('msgraph-calendar-list-calendars'));
    const texts = (await Promise.all([first, ...others])).map(expectError);

    expect(texts[0]).toMatch(/^Error in Microsoft authorization\. Status: 500, body: server_error/);
    expect(new Set(texts).size).toBe(1);
    expect(tokenStatuses()).toEqual([500, 500, 500]);
    expect(fixture.emu.requests({ kind: 'graph' })).toEqual([]);
  });
});
