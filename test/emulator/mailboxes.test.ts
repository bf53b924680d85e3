/**
 * Mailboxes that refuse an app: Exchange application access policies (403), directory users
 * without a mailbox (404), unknown users (404), each with Graph's code and message.
 */
import { EmulatorInputError, startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { appToken, control, expectGraphError, graph, imdsToken } from './helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const calendarOf = (user: string) => `/v1.0/users/${user}/calendar`;
const POLICY_DENIED =
  'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.';

describe('application access policy', () => {
  it('RestrictAccess: the app reaches the listed mailboxes only; the others answer 403 ErrorAccessDenied', async () => {
    const app = emu.registerApp({
      roles: ['Calendars.ReadWrite'],
      mailboxAccess: { accessRight: 'RestrictAccess', mailboxes: ['alice@contoso.com'] },
    });
    const token = await appToken(emu, app);
    expect((await graph(emu, token, 'GET', calendarOf('alice@contoso.com'))).status).toBe(200);
    expectGraphError(
      await graph(emu, token, 'GET', calendarOf('bob@contoso.com')),
      403,
      'ErrorAccessDenied',
      POLICY_DENIED,
    );
    const write = await graph(emu, token, 'POST', '/v1.0/users/bob@contoso.com/events', { subject: 'x' });
    expectGraphError(write, 403, 'ErrorAccessDenied', POLICY_DENIED);
  });

  it('DenyAccess: the listed mailboxes answer 403, named by UPN, mail or object id in any case', async () => {
    const app = emu.registerApp();
    const token = await appToken(emu, app);
    const bobId = (await graph(emu, token, 'GET', '/v1.0/users/bob@contoso.com')).json.id as string;
    for (const name of ['BOB@contoso.com', bobId]) {
      emu.setMailboxAccessPolicy(app.clientId, { accessRight: 'DenyAccess', mailboxes: [name] });
      expectGraphError(
        await graph(emu, token, 'GET', calendarOf('bob@contoso.com')),
        403,
        'ErrorAccessDenied',
        POLICY_DENIED,
      );
      expect((await graph(emu, token, 'GET', calendarOf('alice@contoso.com'))).status).toBe(200);
    }
  });

  it('applies to tokens already issued, and removing the policy restores access', async () => {
    const app = emu.registerApp();
    const token = await appToken(emu, app);
    emu.setMailboxAccessPolicy(app.clientId, { accessRight: 'DenyAccess', mailboxes: ['alice@contoso.com'] });
    expect((await graph(emu, token, 'GET', calendarOf('alice@contoso.com'))).status).toBe(403);
    emu.setMailboxAccessPolicy(app.clientId, undefined);
    expect((await graph(emu, token, 'GET', calendarOf('alice@contoso.com'))).status).toBe(200);
  });

  it('an app without calendar permission still gets the permission message, not the policy one', async () => {
    const app = emu.registerApp({
      roles: ['User.Read.All'],
      mailboxAccess: { accessRight: 'DenyAccess', mailboxes: ['alice@contoso.com'] },
    });
    const res = await graph(emu, await appToken(emu, app), 'GET', calendarOf('alice@contoso.com'));
    expectGraphError(res, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  });

  it('does not restrict directory reads or the seeded apps', async () => {
    const app = emu.registerApp({
      mailboxAccess: { accessRight: 'RestrictAccess', mailboxes: ['nobody@contoso.com'] },
    });
    expect((await graph(emu, await appToken(emu, app), 'GET', '/v1.0/users/alice@contoso.com')).status).toBe(
      200,
    );
    expect((await graph(emu, await appToken(emu), 'GET', calendarOf('alice@contoso.com'))).status).toBe(200);
  });

  it('restricts a managed identity by its client id', async () => {
    const identity = emu.registerManagedIdentity({
      mailboxAccess: { accessRight: 'RestrictAccess', mailboxes: ['bob@contoso.com'] },
    });
    const { body } = await imdsToken(emu, { client_id: identity.clientId });
    expectGraphError(
      await graph(emu, body.access_token, 'GET', calendarOf('alice@contoso.com')),
      403,
      'ErrorAccessDenied',
      POLICY_DENIED,
    );
    expect((await graph(emu, body.access_token, 'GET', calendarOf('bob@contoso.com'))).status).toBe(200);
  });

  it('does not apply to delegated (user) tokens', async () => {
    const app = emu.credentials.clientSecretApp;
    emu.setMailboxAccessPolicy(app.clientId, { accessRight: 'DenyAccess', mailboxes: ['alice@contoso.com'] });
    const code = emu.issueAuthorizationCode({ user: 'alice@contoso.com' });
    const res = await fetch(`${emu.url}/${emu.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: app.clientId,
        client_secret: app.secret ?? '',
        grant_type: 'authorization_code',
        code,
        redirect_uri: app.redirectUris[0],
      }),
    });
    const token = ((await res.json()) as { access_token: string }).access_token;
    expect((await graph(emu, token, 'GET', '/v1.0/me/calendar')).status).toBe(200);
  });

  it('a reset removes the policies of the seeded apps, and keeps those of apps registered at run time', async () => {
    const seeded = emu.credentials.clientSecretApp;
    const registered = emu.registerApp();
    for (const id of [seeded.clientId, registered.clientId]) {
      emu.setMailboxAccessPolicy(id, { accessRight: 'DenyAccess', mailboxes: ['alice@contoso.com'] });
    }
    emu.reset();
    expect((await graph(emu, await appToken(emu), 'GET', calendarOf('alice@contoso.com'))).status).toBe(200);
    const denied = await graph(emu, await appToken(emu, registered), 'GET', calendarOf('alice@contoso.com'));
    expectGraphError(denied, 403, 'ErrorAccessDenied', POLICY_DENIED);
  });

  it('sets and removes a policy over HTTP, and names a bad policy in a 400', async () => {
    const app = emu.registerApp();
    const token = await appToken(emu, app);
    const path = `mailbox-access-policies/${app.clientId}`;
    const put = await control(emu, 'PUT', path, {
      accessRight: 'DenyAccess',
      mailboxes: ['alice@contoso.com'],
    });
    expect(put.status).toBe(204);
    expect((await graph(emu, token, 'GET', calendarOf('alice@contoso.com'))).status).toBe(403);
    expect((await control(emu, 'DELETE', path)).status).toBe(204);
    expect((await graph(emu, token, 'GET', calendarOf('alice@contoso.com'))).status).toBe(200);
    const bad = await control(emu, 'PUT', path, { accessRight: 'Allow', mailboxes: [] });
    expect({ status: bad.status, field: bad.json.field }).toEqual({ status: 400, field: 'policy' });
  });
});

describe('users without a mailbox, and unknown users', () => {
  it('a directory user without a mailbox: GET /users/{u} 200, calendar calls 404 MailboxNotEnabledForRESTAPI', async () => {
    const carol = emu.addUser({
      userPrincipalName: 'carol@contoso.com',
      mailbox: 'MailboxNotEnabledForRESTAPI',
    });
    const token = await appToken(emu);
    const user = await graph(emu, token, 'GET', '/v1.0/users/carol@contoso.com');
    expect({ status: user.status, id: user.json.id }).toEqual({ status: 200, id: carol.id });
    const message = 'REST API is not yet supported for this mailbox.';
    for (const [method, path] of [
      ['GET', calendarOf('carol@contoso.com')],
      ['GET', `/v1.0/users/${carol.id}/events`],
      ['POST', '/v1.0/users/carol@contoso.com/events'],
    ] as const) {
      const body = method === 'POST' ? { subject: 'x' } : undefined;
      expectGraphError(
        await graph(emu, token, method, path, body),
        404,
        'MailboxNotEnabledForRESTAPI',
        message,
      );
    }
  });

  it('the ResourceNotFound variant answers 404 "Resource could not be discovered."', async () => {
    emu.addUser({ userPrincipalName: 'dave@contoso.com', mailbox: 'ResourceNotFound' });
    const res = await graph(emu, await appToken(emu), 'GET', '/v1.0/users/dave@contoso.com/calendars');
    expectGraphError(res, 404, 'ResourceNotFound', 'Resource could not be discovered.');
  });

  it('an unknown user: 404 ErrorInvalidUser on calendar calls, 404 Request_ResourceNotFound in the directory', async () => {
    const token = await appToken(emu);
    expectGraphError(
      await graph(emu, token, 'GET', calendarOf('nobody@contoso.com')),
      404,
      'ErrorInvalidUser',
      "The requested user 'nobody@contoso.com' is invalid.",
    );
    expectGraphError(
      await graph(emu, token, 'GET', '/v1.0/users/nobody@contoso.com'),
      404,
      'Request_ResourceNotFound',
      "Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects are not present.",
    );
  });

  it('an added user with a mailbox has an empty default calendar, listed users include it, and it survives a reset', async () => {
    emu.addUser({ userPrincipalName: 'erin@contoso.com', displayName: 'Erin Evans' });
    const token = await appToken(emu);
    expect(
      (await graph(emu, token, 'POST', '/v1.0/users/erin@contoso.com/events', { subject: 'x' })).status,
    ).toBe(201);
    emu.reset();
    const cal = await graph(emu, token, 'GET', calendarOf('erin@contoso.com'));
    expect({ status: cal.status, name: cal.json.name }).toEqual({ status: 200, name: 'Calendar' });
    expect((await graph(emu, token, 'GET', '/v1.0/users/erin@contoso.com/events')).json.value).toEqual([]);
    const users = (await graph(emu, token, 'GET', '/v1.0/users')).json.value as { displayName: string }[];
    expect(users.map((u) => u.displayName)).toContain('Erin Evans');
  });

  it('refuses an existing user or an unknown mailbox kind, naming the option', () => {
    const field = (f: () => unknown): string | undefined => {
      try {
        f();
        return undefined;
      } catch (err) {
        return err instanceof EmulatorInputError ? err.field : 'other';
      }
    };
    expect(field(() => emu.addUser({ userPrincipalName: 'Alice@contoso.com' }))).toBe('userPrincipalName');
    expect(field(() => emu.addUser({ userPrincipalName: 'no-at-sign' }))).toBe('userPrincipalName');
    expect(field(() => emu.addUser({ userPrincipalName: 'f@contoso.com', mailbox: 'none' as never }))).toBe(
      'mailbox',
    );
  });

  it('adds a user over HTTP (POST /_emulator/users)', async () => {
    const res = await control(emu, 'POST', 'users', {
      userPrincipalName: 'gus@contoso.com',
      mailbox: 'ResourceNotFound',
    });
    expect(res.status).toBe(201);
    expect(res.json.userPrincipalName).toBe('gus@contoso.com');
    expect((await graph(emu, await appToken(emu), 'GET', calendarOf('gus@contoso.com'))).status).toBe(404);
  });
});
