/**
 * The dispatcher: unknown commands, argument validation before the client is built or anything is
 * sent, settings errors, user resolution (default user, missing user) and auth-reset.
 * (test-module: testModule.test.ts; error entries: errorEntries.test.ts.)
 */
import { SettingsError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { MemoryContextStore } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import { FakeCalendarClient } from './support/fakeGraph';
import { fakeSettings, run, USER_PATH } from './support/harness';

let client: FakeCalendarClient;
beforeEach(() => {
  client = new FakeCalendarClient();
});
afterEach(() => client.verify());

const AUTH_RESET_TEXT =
  'Authorization was reset successfully. Please regenerate the credentials, and then click **Test** to validate the credentials and connection.';

describe('command dispatch', () => {
  it('answers an unknown command with one error entry naming it and the supported commands', async () => {
    const result = await run('msgraph-calendar-list-everything', { client });
    expect(result.entries).toHaveLength(1);
    expect(result.entry.Type).toBe(4);
    // The commands in the YAML's order (test-module first, then the YAML's commands).
    expect(result.entry.Contents).toBe(
      'Unknown command: msgraph-calendar-list-everything. This integration supports: test-module, ' +
        'msgraph-calendar-list-calendars, msgraph-calendar-get-calendar, ' +
        'msgraph-calendar-list-events, msgraph-calendar-get-event, msgraph-calendar-create-event, ' +
        'msgraph-calendar-update-event, msgraph-calendar-delete-event, msgraph-calendar-auth-reset.',
    );
    expect(result.factoryCalls).toEqual([]);
  });

  it('does not treat Object.prototype names as commands', async () => {
    const result = await run('constructor', { client });
    expect(String(result.entry.Contents)).toMatch(/^Unknown command: constructor\./);
    expect(result.factoryCalls).toEqual([]);
  });

  it('builds the client once, from the runtime and the host dependencies it was given', async () => {
    client.reply({ value: [] });
    const result = await run('msgraph-calendar-list-calendars', { client });
    expect(result.factoryCalls).toHaveLength(1);
    expect(result.factoryCalls[0].runtime).toBe(result.runtime);
    expect(result.factoryCalls[0].deps).toBe(result.deps);
  });
});

describe('argument validation happens before the client is built (settings parsed) or anything is sent', () => {
  it.each([
    ['msgraph-calendar-get-event', {}, 'The event_id argument is required.'],
    ['msgraph-calendar-delete-event', { event_id: '   ' }, 'The event_id argument is required.'],
    ['msgraph-calendar-update-event', { subject: 'x' }, 'The event_id argument is required.'],
    [
      'msgraph-calendar-list-events',
      { top: '0' },
      'The top argument must be an integer between 1 and 1000 (got "0").',
    ],
    [
      'msgraph-calendar-list-events',
      { top: 'ten' },
      'The top argument must be an integer between 1 and 1000 (got "ten").',
    ],
    [
      'msgraph-calendar-list-calendars',
      { top: '1001' },
      'The top argument must be an integer between 1 and 1000 (got "1001").',
    ],
    [
      'msgraph-calendar-list-events',
      { limit: '10001' },
      'The limit argument must be an integer between 1 and 10000 (got "10001").',
    ],
    [
      'msgraph-calendar-list-calendars',
      { limit: '-1' },
      'The limit argument must be an integer between 1 and 10000 (got "-1").',
    ],
    [
      'msgraph-calendar-create-event',
      { start: 'tomorrow' },
      'The start argument must be an ISO 8601 date-time such as 2017-05-28T12:00:00 (got "tomorrow").',
    ],
    [
      'msgraph-calendar-update-event',
      { event_id: 'E', end: '2022-02-30T10:00:00' },
      'The end argument must be an ISO 8601 date-time such as 2017-05-28T12:00:00 (got "2022-02-30T10:00:00").',
    ],
    [
      'msgraph-calendar-create-event',
      { original_start: '01/01/2014' },
      'The original_start argument must be an ISO 8601 date-time such as 2017-05-28T12:00:00 (got "01/01/2014").',
    ],
  ])('%s %j → %s', async (command, args, message) => {
    const result = await run(command, {
      client,
      args,
      settings: new SettingsError([{ param: 'url', message: 'must not be reached' }]),
    });
    expect(result.entries).toEqual([{ Type: 4, Contents: message, ContentsFormat: 'text' }]);
    expect(result.factoryCalls).toEqual([]);
    expect(client.requests).toEqual([]);
  });

  it('ignores blank optional arguments and undeclared ones (upstream sent extras to Graph as event fields)', async () => {
    client.reply({ id: 'E' }, 201);
    const result = await run('msgraph-calendar-create-event', {
      client,
      args: { subject: 'x', body: '', location: '  ', calendar_id: '', color: 'red' },
    });
    expect(client.requests[0]).toMatchObject({ path: `${USER_PATH}/calendar/events` });
    expect(client.requests[0].body).toEqual({ Subject: 'x', TransactionId: expect.any(String) });
    expect(result.log.text()).toContain('ignoring undeclared arguments color');
  });

  it('accepts a one-item list where a playbook passes a context value', async () => {
    client.reply({ id: 'E' });
    await run('msgraph-calendar-get-event', { client, args: { event_id: ['E1'] } });
    expect(client.requests[0].path).toBe(`${USER_PATH}/calendar/events/E1`);
  });

  it('refuses several values for a single-valued argument', async () => {
    const result = await run('msgraph-calendar-get-event', { client, args: { event_id: ['E1', 'E2'] } });
    expect(result.entry.Contents).toBe('The event_id argument must be a single text value.');
    expect(client.requests).toEqual([]);
  });
});

describe('settings and user resolution', () => {
  it('a SettingsError becomes one error entry listing every problem, before any request', async () => {
    const error = new SettingsError([
      {
        param: 'credentials_enc_key',
        message:
          'Key must be provided. For further information see https://xsoar.pan.dev/docs/reference/articles/microsoft-integrations---authentication',
      },
      { param: 'url', message: 'Server URL must be provided.' },
    ]);
    const result = await run('msgraph-calendar-list-calendars', { client, settings: error });
    expect(result.entries).toEqual([
      {
        Type: 4,
        ContentsFormat: 'text',
        Contents:
          'Key must be provided. For further information see https://xsoar.pan.dev/docs/reference/articles/microsoft-integrations---authentication\n' +
          'Server URL must be provided.',
      },
    ]);
    expect(client.requests).toEqual([]);
  });

  it('without a user argument the default user goes into the path', async () => {
    client.reply({ value: [] });
    await run('msgraph-calendar-list-events', { client, settings: fakeSettings('a@b.com') });
    expect(client.requests[0].path).toBe('users/a%40b.com/events');
  });

  it('the user argument wins over the default user and is trimmed', async () => {
    client.reply({ value: [] });
    await run('msgraph-calendar-list-events', { client, args: { user: ' bob@contoso.com ' } });
    expect(client.requests[0].path).toBe('users/bob%40contoso.com/events');
  });

  // Every command whose YAML declares a user argument works on a mailbox and needs one.
  it.each([
    'msgraph-calendar-get-calendar',
    'msgraph-calendar-list-calendars',
    'msgraph-calendar-list-events',
    'msgraph-calendar-create-event',
    'msgraph-calendar-get-event',
    'msgraph-calendar-update-event',
    'msgraph-calendar-delete-event',
  ])('%s with no user and no default user fails with upstream text and sends nothing', async (command) => {
    const args = { subject: 's', event_id: 'E' };
    const result = await run(command, { client, args, settings: fakeSettings() });
    expect(result.entries).toEqual([
      {
        Type: 4,
        ContentsFormat: 'text',
        Contents:
          'No user was provided. Please make sure to enter the use either in the instance setting, or in the command parameter.',
      },
    ]);
    expect(client.requests).toEqual([]);
  });

  it('auth-reset clears the cached authentication without settings, a client or HTTP', async () => {
    const context = new MemoryContextStore({
      access_token: 'cached-access-token',
      valid_until: 2_000_000_000,
      current_refresh_token: 'cached-refresh-token',
      token_lease: { owner: 'x', until: 1 },
      oproxy_nonce_counter: 7,
    });
    const result = await run('msgraph-calendar-auth-reset', {
      client,
      context,
      settings: new SettingsError([{ param: 'url', message: 'Server URL must be provided.' }]),
    });
    // The oproxy nonce counter must keep counting (nonces stay unique); the rest is auth state.
    expect(context.data).toEqual({ oproxy_nonce_counter: 7 });
    expect(result.factoryCalls).toEqual([]);
    expect(client.requests).toEqual([]);
    expect(result.entries).toEqual([
      {
        Type: 1,
        Contents: AUTH_RESET_TEXT,
        ContentsFormat: 'text',
        HumanReadable: AUTH_RESET_TEXT,
        ReadableContentsFormat: 'markdown',
      },
    ]);
  });
});
