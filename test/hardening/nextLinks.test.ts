/**
 * Links are followed only under the configured Graph base, whether a playbook passes them
 * (`next_link`) or Graph returns them while `limit` pages: the bearer token never reaches another
 * path of the host, and the error says where the link came from. Against the emulator.
 */
import { expectError, instanceOf, useEmulator } from '../support/emulatorHarness';

const fixture = useEmulator();
const ALICE = 'alice@contoso.com';

describe('a next_link argument that leaves the Graph base', () => {
  it.each([
    ['a fragment after ..', '/v1.0/..#/v1.0/users'],
    ['a tab inside ..', '/v1.0/.\t./admin'],
    ['a line feed inside ..', '/v1.0/.\n./admin'],
    ['encoded dots', '/v1.0/%2e%2e/admin'],
    ['backslashes', '/v1.0\\..\\admin'],
  ])('is refused before any request: %s', async (_name, suffix) => {
    const instance = instanceOf(fixture.emu, 'clientSecret');
    const text = expectError(
      await instance.exec('msgraph-calendar-list-events', {
        user: ALICE,
        next_link: `${fixture.emu.url}${suffix}`,
      }),
    );
    expect(text).toMatch(
      /^The next_link argument must be a Microsoft Graph link under the configured Server URL/,
    );
    expect(fixture.emu.requests({ kind: 'graph' })).toEqual([]);
  });
});

describe('a next link Graph returns while a limit is collected', () => {
  it('is not followed outside the base, and the error says Graph returned it', async () => {
    fixture.emu.addFault({
      method: 'GET',
      path: '/v1.0/users/*/events',
      status: 200,
      body: { value: [{ id: 'e1', subject: 'one' }], '@odata.nextLink': `${fixture.emu.url}/v1.0/../admin` },
    });
    const instance = instanceOf(fixture.emu, 'clientSecret');
    const text = expectError(await instance.exec('msgraph-calendar-list-events', { user: ALICE, limit: 5 }));
    expect(text).toMatch(/^Microsoft Graph returned a next link that is not under the configured Server URL/);
    expect(fixture.emu.requests({ kind: 'graph' }).map((r) => r.path)).toEqual([
      `/v1.0/users/${encodeURIComponent(ALICE)}/events`,
    ]);
  });
});
