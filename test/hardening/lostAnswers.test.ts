/**
 * Answers that get lost or that loop: a DELETE whose answer was lost after Graph deleted the event
 * is reported as done (not as the 404 its retry meets), and an endpoint that asks for another
 * attempt "now" forever (410 with Retry-After: 0) cannot keep a command busy. Against the emulator.
 */
import { ManualClock } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import { MAX_ATTEMPTS } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/retry';
import { expectError, expectNote, instanceOf, useEmulator } from '../support/emulatorHarness';

const fixture = useEmulator();
const ALICE = 'alice@contoso.com';

describe('a DELETE whose answer was lost', () => {
  it('is reported as deleted when the retry finds nothing', async () => {
    const instance = instanceOf(fixture.emu, 'clientSecret');
    const created = await instance.exec('msgraph-calendar-create-event', {
      user: ALICE,
      subject: 'to delete',
    });
    const id = (created.Contents as { id: string }).id;
    fixture.emu.addFault({
      method: 'DELETE',
      path: '/v1.0/users/*/calendar/events/*',
      dropResponse: true,
      times: 1,
    });
    const entry = await instance.exec('msgraph-calendar-delete-event', { user: ALICE, event_id: id });
    expect(expectNote(entry)).toMatch(/Event was deleted successfully/);
    // The first DELETE was processed and its answer dropped; the retry met the 404.
    const deletes = fixture.emu.requests({ method: 'DELETE' }).map((r) => r.status);
    expect(deletes).toEqual([undefined, 404]);
  });

  it('still reports a 404 of a first attempt: the event was not there', async () => {
    const instance = instanceOf(fixture.emu, 'clientSecret');
    const text = expectError(
      await instance.exec('msgraph-calendar-delete-event', { user: ALICE, event_id: 'nope' }),
    );
    expect(text).toMatch(/^Microsoft Graph returned 404/);
  });
});

describe('a managed identity endpoint that answers 410 Retry-After: 0 forever', () => {
  it('stops after a bounded number of attempts, waiting at least a second between them', async () => {
    const clock = new ManualClock(Date.now());
    fixture.useClock(clock);
    fixture.emu.addFault({
      path: '/metadata/identity/oauth2/token',
      status: 410,
      retryAfter: 0,
      times: 1000,
    });
    const instance = instanceOf(fixture.emu, 'managedIdentitySystem', { clock });
    const text = expectError(await instance.exec('test-module'));
    expect(text).toMatch(/HTTP 410/);
    expect(fixture.emu.requests({ kind: 'imds' }).length).toBeLessThanOrEqual(MAX_ATTEMPTS);
    expect(clock.sleeps.every((ms) => ms >= 1000)).toBe(true);
  });
});
