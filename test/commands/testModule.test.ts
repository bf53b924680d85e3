/**
 * test-module (the Test button): a fresh token checked by `client.verifyAccess()` for a calendar
 * permission, then, when a user is known, a read of that user's default calendar. It never lists
 * the directory (upstream's `GET users` needed a directory permission the commands do not use).
 */
import {
  AuthenticationError,
  GraphError,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { FakeCalendarClient, type AccessAnswer } from './support/fakeGraph';
import { fakeSettings, run, USER_PATH } from './support/harness';

const OK = { Type: 1, Contents: 'ok', ContentsFormat: 'text' };
const READ_ONLY_WARNING =
  'The application has Calendars.Read but not Calendars.ReadWrite: create-event, update-event and ' +
  'delete-event will fail until Calendars.ReadWrite is granted (with admin consent).';

const noPermission = (grants: string): string =>
  `The application has no Microsoft Graph calendar permission (its token grants: ${grants}). ` +
  'In Azure, add the application permission Calendars.ReadWrite (App registrations > API permissions > ' +
  'Add a permission > Microsoft Graph > Application permissions) and grant admin consent for the tenant.';

let client: FakeCalendarClient;
beforeEach(() => {
  client = new FakeCalendarClient();
});
afterEach(() => client.verify());

describe('test-module', () => {
  it('with Calendars.ReadWrite verifies a fresh token, reads the Default user calendar and answers ok', async () => {
    client.grants(['User.Read.All', 'Calendars.ReadWrite']).reply({ id: 'cal' });
    const result = await run('test-module', { client });
    expect(result.entries).toEqual([OK]);
    expect(client.verifyAccessCalls).toBe(1);
    expect(client.requests).toEqual([{ method: 'GET', path: `${USER_PATH}/calendar` }]);
    expect(result.log.lines.filter((l) => l.level === 'info')).toEqual([]);
  });

  it.each([
    [['User.Read.All', 'Mail.Read'], 'User.Read.All, Mail.Read'],
    [[], 'none'],
  ])(
    'without any calendar permission (%j) fails naming Calendars.ReadWrite and admin consent, sending nothing',
    async (granted, listed) => {
      client.grants(granted);
      const result = await run('test-module', { client });
      expect(result.entries).toEqual([{ Type: 4, ContentsFormat: 'text', Contents: noPermission(listed) }]);
      expect(client.requests).toEqual([]);
    },
  );

  it('with only Calendars.Read answers ok and logs at info level that writes will fail', async () => {
    client.grants(['Calendars.Read']).reply({ id: 'cal' });
    const result = await run('test-module', { client });
    expect(result.entries).toEqual([OK]);
    expect(result.log.lines.filter((l) => l.level === 'info')).toEqual([
      { level: 'info', message: READ_ONLY_WARNING },
    ]);
    expect(client.requests).toEqual([{ method: 'GET', path: `${USER_PATH}/calendar` }]);
  });

  it('with a token that is not a readable JWT, the calendar read is the test', async () => {
    client.grants(undefined).reply({ id: 'cal' });
    const result = await run('test-module', { client });
    expect(result.entries).toEqual([OK]);
    expect(client.requests).toEqual([{ method: 'GET', path: `${USER_PATH}/calendar` }]);
  });

  it('with a token that is not a readable JWT, a refused calendar read fails the test', async () => {
    const denied = new GraphError(
      'Microsoft Graph returned 403 ErrorAccessDenied: Access is denied. Check credentials and try again.',
      403,
      'ErrorAccessDenied',
      'Access is denied. Check credentials and try again.',
    );
    client.grants(undefined).fail(denied);
    const result = await run('test-module', { client });
    expect(result.entries).toEqual([{ Type: 4, ContentsFormat: 'text', Contents: denied.message }]);
  });

  it('a token refused by verifyAccess (wrong audience or tenant) is the error, and nothing is sent', async () => {
    const refused = new AuthenticationError(
      'The access token is for https://graph.microsoft.us, not for the Microsoft Graph of the configured cloud (https://graph.microsoft.com). Check the Azure Cloud and Server URL settings.',
    );
    client.grants(refused);
    const result = await run('test-module', { client });
    expect(result.entries).toEqual([{ Type: 4, ContentsFormat: 'text', Contents: refused.message }]);
    expect(client.requests).toEqual([]);
  });

  it('without a Default user checks the token only and answers ok (test-module takes no user)', async () => {
    client.grants(['Calendars.ReadWrite']);
    const result = await run('test-module', {
      client,
      settings: fakeSettings(),
      args: { user: 'bob@contoso.com' },
    });
    expect(result.entries).toEqual([OK]);
    expect(client.verifyAccessCalls).toBe(1);
    expect(client.requests).toEqual([]);
  });

  const answers: [string, AccessAnswer][] = [
    ['read-write', ['Calendars.ReadWrite']],
    ['read-only', ['Calendars.Read']],
    ['no calendar permission', ['Directory.Read.All']],
    ['an unreadable token', undefined],
  ];
  it.each(answers)(
    'never sends a users request (%s), with or without a Default user',
    async (_name, answer) => {
      for (const settings of [fakeSettings('bob@contoso.com'), fakeSettings()]) {
        const probe = new FakeCalendarClient().grants(answer).reply({ id: 'cal' });
        await run('test-module', { client: probe, settings });
        for (const request of probe.requests) expect(request.path).toBe('users/bob%40contoso.com/calendar');
      }
    },
  );
});
