/**
 * The Test button tells the truth: it checks the credentials as typed, the permissions the
 * commands need (and only those), and says what to fix. Against the embedded emulator.
 */
import { ManualClock } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import { expectError, expectNote, instanceOf, useEmulator } from '../support/emulatorHarness';

const fixture = useEmulator();
const ALICE = 'alice@contoso.com';

describe('Test with a self-deployed application', () => {
  it('fails with the AADSTS code and the fix after the client secret was changed, echoing no secret', async () => {
    const good = instanceOf(fixture.emu, 'clientSecret');
    expectNote(await good.exec('msgraph-calendar-list-calendars', { user: ALICE }));
    const wrongSecret = 'wrong-secret-Qx9~value';
    const changed = instanceOf(fixture.emu, 'clientSecret', {
      context: good.context,
      overrides: { credentials_enc_key: { identifier: '', password: wrongSecret } },
    });
    const text = expectError(await changed.exec('test-module'));
    expect(text).toMatch(/AADSTS7000215/);
    expect(text).toMatch(/client secret is wrong/);
    expect(text).not.toContain(wrongSecret);
    changed.expectClean();
  });

  it('passes with only Calendars.ReadWrite, although the directory (/users) is refused', async () => {
    const app = fixture.emu.registerApp({ roles: ['Calendars.ReadWrite'] });
    const instance = instanceOf(fixture.emu, 'clientSecret', { overrides: app.instances.clientSecret });
    expect((await instance.exec('test-module')).Contents).toBe('ok');
    const paths = fixture.emu.requests({ kind: 'graph' }).map((r) => r.path);
    expect(paths.filter((p) => /\/users(\?|$)/.test(p))).toEqual([]);
  });

  it('reads the default user’s calendar when a Default user is set', async () => {
    const instance = instanceOf(fixture.emu, 'clientSecret', { overrides: { default_user: ALICE } });
    expect((await instance.exec('test-module')).Contents).toBe('ok');
    const paths = fixture.emu.requests({ kind: 'graph' }).map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual([`GET /v1.0/users/${encodeURIComponent(ALICE)}/calendar`]);
  });

  it('fails naming Calendars.ReadWrite and admin consent when the token has no calendar permission', async () => {
    const app = fixture.emu.registerApp({ roles: ['User.Read.All'] });
    const instance = instanceOf(fixture.emu, 'clientSecret', { overrides: app.instances.clientSecret });
    const text = expectError(await instance.exec('test-module'));
    expect(text).toMatch(/no Microsoft Graph calendar permission/);
    expect(text).toMatch(/Calendars\.ReadWrite/);
    expect(text).toMatch(/admin consent/);
  });

  it('passes with Calendars.Read and warns that writes will fail', async () => {
    const app = fixture.emu.registerApp({ roles: ['Calendars.Read'] });
    const instance = instanceOf(fixture.emu, 'clientSecret', { overrides: app.instances.clientSecret });
    expect((await instance.exec('test-module')).Contents).toBe('ok');
    expect(instance.log.text()).toMatch(/Calendars\.Read but not Calendars\.ReadWrite/);
  });

  it('fails mentioning the application access policy and the user when the mailbox answers 403', async () => {
    const app = fixture.emu.registerApp({
      roles: ['Calendars.ReadWrite'],
      mailboxAccess: { accessRight: 'DenyAccess', mailboxes: [ALICE] },
    });
    const overrides = { ...app.instances.clientSecret, default_user: ALICE };
    const text = expectError(
      await instanceOf(fixture.emu, 'clientSecret', { overrides }).exec('test-module'),
    );
    expect(text).toMatch(/ErrorAccessDenied/);
    expect(text).toMatch(/application access policy/);
    expect(text).toContain(ALICE);
  });

  it('says the user has no mailbox when Graph answers 404 for it', async () => {
    fixture.emu.addUser({ userPrincipalName: 'nomail@contoso.com', mailbox: 'MailboxNotEnabledForRESTAPI' });
    const overrides = { default_user: 'nomail@contoso.com' };
    const text = expectError(
      await instanceOf(fixture.emu, 'clientSecret', { overrides }).exec('test-module'),
    );
    expect(text).toMatch(/nomail@contoso\.com does not exist, or has no Exchange Online mailbox/);
  });

  it('names the Token setting when the token comes from another tenant', async () => {
    const app = fixture.emu.registerApp({ claims: { tid: '11111111-2222-3333-4444-555555555555' } });
    const instance = instanceOf(fixture.emu, 'clientSecret', { overrides: app.instances.clientSecret });
    const text = expectError(await instance.exec('test-module'));
    expect(text).toMatch(/issued by tenant 11111111-2222-3333-4444-555555555555/);
    expect(text).toMatch(/Check the Token setting/);
  });

  it('names the Azure cloud and Server URL settings when the token is not for Microsoft Graph', async () => {
    const app = fixture.emu.registerApp({ claims: { aud: 'https://management.azure.com' } });
    const instance = instanceOf(fixture.emu, 'clientSecret', { overrides: app.instances.clientSecret });
    const text = expectError(await instance.exec('test-module'));
    expect(text).toMatch(/token is for https:\/\/management\.azure\.com, not for the Microsoft Graph/);
    expect(text).toMatch(/Check the Azure cloud and Server URL settings/);
    expect(fixture.emu.requests({ kind: 'graph' })).toEqual([]);
  });

  it('never reuses a cached token: a token obtained before is not enough', async () => {
    const instance = instanceOf(fixture.emu, 'clientSecret');
    await instance.exec('test-module');
    await instance.exec('test-module');
    expect(fixture.emu.tokenRequestCounts().identity).toBe(2);
  });
});

describe('Test with Azure Managed Identities', () => {
  it('shows Azure’s text when the identity endpoint answers 400 Identity not found', async () => {
    const overrides = {
      managed_identities_client_id: { identifier: '', password: '0d0d0d0d-1111-2222-3333-444444444444' },
    };
    const text = expectError(
      await instanceOf(fixture.emu, 'managedIdentityUser', { overrides }).exec('test-module'),
    );
    expect(text).toMatch(/invalid_request: Identity not found \(HTTP 400\)/);
  });

  it('shows Azure’s text when the endpoint answers 200 with only an error_description', async () => {
    fixture.emu.addFault({
      path: '/metadata/identity/oauth2/token',
      status: 200,
      body: { error_description: 'The managed identity is being provisioned.' },
    });
    const text = expectError(await instanceOf(fixture.emu, 'managedIdentitySystem').exec('test-module'));
    expect(text).toMatch(/The managed identity is being provisioned\. \(HTTP 200\)/);
  });

  it('says no endpoint answered when nothing listens there', async () => {
    // Port 9 (discard) on loopback: connections are refused at once.
    const env = { AZURE_POD_IDENTITY_AUTHORITY_HOST: 'http://127.0.0.1:9' };
    const clock = new ManualClock(Date.now());
    const instance = instanceOf(fixture.emu, 'managedIdentitySystem', { env, clock });
    const text = expectError(await instance.exec('test-module'));
    expect(text).toMatch(/no managed identity endpoint answered \(127\.0\.0\.1:9, ECONNREFUSED\)/);
    expect(text).toMatch(/not an Azure VM/);
  });
});

describe('Test with the Cortex XSOAR application (oproxy)', () => {
  it('encrypts the Token even when the context holds a refresh token', async () => {
    const instance = instanceOf(fixture.emu, 'oproxy');
    await instance.context.write({ current_refresh_token: 'rt-from-an-older-release' }, 0);
    expect((await instance.exec('test-module')).Contents).toBe('ok');
    const sent = fixture.emu.requests({ kind: 'oproxy' }).map((r) => r.encryptedContent);
    expect(sent).toEqual(['token']);
  });

  it('falls back to the calendar read when the token is not a readable JWT', async () => {
    fixture.emu.configureOproxy({ accessTokenFormat: 'opaque' });
    const instance = instanceOf(fixture.emu, 'oproxy', { overrides: { default_user: ALICE } });
    expect((await instance.exec('test-module')).Contents).toBe('ok');
    const paths = fixture.emu.requests({ kind: 'graph' }).map((r) => r.path);
    expect(paths).toEqual([`/v1.0/users/${encodeURIComponent(ALICE)}/calendar`]);
  });
});
