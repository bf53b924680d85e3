/**
 * `main` wired to the real module (the MicrosoftClient the dispatcher builds from the params),
 * with a scripted HTTP factory instead of the network: test-module with managed identities (the
 * token's calendar permission, then the Default user's calendar), the integration's names in what
 * the oproxy flow sends and says, the missing-Key errors, and auth-reset with invalid settings.
 */
import {
  MemoryContextStore,
  createMemoryRuntime,
  MemoryLogger,
} from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import type { MicrosoftDeps } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/deps';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { main } from '../../Integrations/MicrosoftGraphCalendar/MicrosoftGraphCalendar';
import { scriptedHttp, type Route } from './support/scriptedHttp';

const MI_CLIENT_ID = '5f0c8c9e-1b7a-4a4e-9c55-2d7a4a1b9f10';
const IMDS = 'GET http://169.254.169.254/metadata/identity/oauth2/token';
const CALENDAR = 'GET https://graph.microsoft.com/v1.0/users/alice%40contoso.com/calendar';
const KEY_MESSAGE =
  'Key must be provided. For further information see https://xsoar.pan.dev/docs/reference/articles/microsoft-integrations---authentication';

function deps(routes: readonly Route[]): {
  deps: MicrosoftDeps;
  requests: ReturnType<typeof scriptedHttp>['requests'];
} {
  const http = scriptedHttp(routes);
  return { deps: { httpFactory: http.factory, crypto: nodeCrypto, env: {} }, requests: http.requests };
}

function noHttp(): MicrosoftDeps {
  return {
    httpFactory: () => {
      throw new Error('no HTTP client may be created');
    },
    crypto: nodeCrypto,
    env: {},
  };
}

/** An unsigned access token with these claims (the module reads claims, Graph checks signatures). */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

const MI_PARAMS = {
  use_managed_identities: 'True',
  managed_identities_client_id: { identifier: '', password: '' },
  url: 'https://graph.microsoft.com/',
  default_user: 'alice@contoso.com',
};

describe('main with the real module', () => {
  it.each([
    ['a user-assigned identity', { password: MI_CLIENT_ID }, `&client_id=${MI_CLIENT_ID}`],
    ['the system-assigned identity', { identifier: '', password: '' }, ''],
  ])(
    'test-module with %s asks IMDS for Graph and GETs the Default user calendar',
    async (_name, clientId, clientQuery) => {
      const { deps: d, requests } = deps([
        { prefix: IMDS, status: 200, data: { access_token: 'test_token', expires_in: '86400' } },
        { prefix: CALENDAR, status: 200, data: { id: 'cal' } },
      ]);
      const runtime = createMemoryRuntime({
        command: 'test-module',
        params: { ...MI_PARAMS, managed_identities_client_id: clientId },
      });
      const entries = await main(runtime, d);
      expect(entries).toEqual([{ Type: 1, Contents: 'ok', ContentsFormat: 'text' }]);
      expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        `${IMDS}?api-version=2018-02-01&resource=${encodeURIComponent('https://graph.microsoft.com/')}${clientQuery}`,
        CALENDAR,
      ]);
      expect(requests[0].headers.metadata).toBe('true');
      expect(requests[1].headers.authorization).toBe('Bearer test_token');
    },
  );

  it('test-module without a Default user only obtains a token (no directory request)', async () => {
    const { deps: d, requests } = deps([
      { prefix: IMDS, status: 200, data: { access_token: 'test_token', expires_in: '86400' } },
    ]);
    const params = { ...MI_PARAMS, default_user: '' };
    const entries = await main(createMemoryRuntime({ command: 'test-module', params }), d);
    expect(entries).toEqual([{ Type: 1, Contents: 'ok', ContentsFormat: 'text' }]);
    expect(requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([IMDS]);
  });

  it('test-module with a token lacking calendar permissions names Calendars.ReadWrite and reads nothing', async () => {
    const token = jwt({ aud: 'https://graph.microsoft.com', roles: ['User.Read.All'] });
    const { deps: d, requests } = deps([
      { prefix: IMDS, status: 200, data: { access_token: token, expires_in: '3600' } },
      { prefix: CALENDAR, status: 200, data: { id: 'cal' } },
    ]);
    const [entry] = await main(createMemoryRuntime({ command: 'test-module', params: MI_PARAMS }), d);
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toMatch(
      /^The application has no Microsoft Graph calendar permission \(its token grants: User\.Read\.All\)\. .*Calendars\.ReadWrite.* grant admin consent/,
    );
    expect(requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([IMDS]);
  });

  it('test-module with Calendars.Read answers ok and logs the read-only warning at info level', async () => {
    const token = jwt({ aud: 'https://graph.microsoft.com', roles: ['Calendars.Read'] });
    const { deps: d, requests } = deps([
      { prefix: IMDS, status: 200, data: { access_token: token, expires_in: '3600' } },
      { prefix: CALENDAR, status: 200, data: { id: 'cal' } },
    ]);
    const log = new MemoryLogger();
    const runtime = createMemoryRuntime({ command: 'test-module', params: MI_PARAMS, log });
    expect(await main(runtime, d)).toEqual([{ Type: 1, Contents: 'ok', ContentsFormat: 'text' }]);
    expect(log.lines.filter((l) => l.level === 'info').map((l) => l.message)).toContainEqual(
      expect.stringMatching(/^The application has Calendars\.Read but not Calendars\.ReadWrite/),
    );
    expect(requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([IMDS, CALENDAR]);
  });

  it("the oproxy flow sends the integration's app name and its errors name its auth-reset command", async () => {
    const { deps: d, requests } = deps([
      {
        prefix: 'POST https://oproxy.example.com/obtain-token',
        status: 400,
        data: {
          error: 'invalid_grant',
          error_description: 'AADSTS70008: The provided authorization code or refresh token has expired.',
          error_codes: [70008],
        },
      },
    ]);
    const runtime = createMemoryRuntime({
      command: 'msgraph-calendar-list-calendars',
      params: {
        url: 'https://graph.microsoft.com',
        credentials_auth_id: { password: 'reg-id@https://oproxy.example.com/obtain-token' },
        credentials_tenant_id: { password: 'oproxy-token-value' },
        credentials_enc_key: { password: Buffer.alloc(32, 7).toString('base64') },
        default_user: 'alice@contoso.com',
      },
    });
    const [entry] = await main(runtime, d);
    expect(requests).toHaveLength(1);
    expect(JSON.parse(String(requests[0].body))).toMatchObject({
      app_name: 'ms-graph-calendar',
      registration_id: 'reg-id',
    });
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toContain(
      'You can run the ***msgraph-calendar-auth-reset*** command to reset the authentication process.',
    );
  });

  it('not self-deployed without Key gives upstream text and sends nothing', async () => {
    const runtime = createMemoryRuntime({
      command: 'msgraph-calendar-list-calendars',
      params: {
        url: 'https://graph.microsoft.com',
        credentials_auth_id: { password: 'reg-id' },
        credentials_tenant_id: { password: 'tok' },
      },
    });
    const [entry] = await main(runtime, noHttp());
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents).split('\n')).toContain(KEY_MESSAGE);
  });

  it('self-deployed without Key nor certificate gives upstream text and sends nothing', async () => {
    const runtime = createMemoryRuntime({
      command: 'msgraph-calendar-list-calendars',
      params: {
        url: 'https://graph.microsoft.com',
        self_deployed: true,
        credentials_auth_id: { password: '00000000-0000-0000-0000-0000000000aa' },
        credentials_tenant_id: { password: 'contoso.onmicrosoft.com' },
      },
    });
    const [entry] = await main(runtime, noHttp());
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents).split('\n')).toContain(
      'Key or Certificate Thumbprint and Private Key must be provided.',
    );
  });

  it('auth-reset empties the cached authentication even with invalid settings, sending nothing', async () => {
    const context = new MemoryContextStore({
      access_token: 'cached-access-token',
      valid_until: 2_000_000_000,
      current_refresh_token: 'cached-refresh-token',
    });
    const log = new MemoryLogger();
    const runtime = createMemoryRuntime({ command: 'msgraph-calendar-auth-reset', params: {}, context, log });
    const [entry] = await main(runtime, noHttp());
    expect(entry.Type).toBe(1);
    expect(entry.HumanReadable).toMatch(/^Authorization was reset successfully\./);
    expect(context.data).toEqual({});
    expect(log.text()).not.toContain('cached-');
  });

  it('validates arguments before settings: a bad top with broken settings names top', async () => {
    const runtime = createMemoryRuntime({
      command: 'msgraph-calendar-list-events',
      params: {},
      args: { top: 'x' },
    });
    const [entry] = await main(runtime, noHttp());
    expect(entry.Contents).toBe('The top argument must be an integer between 1 and 1000 (got "x").');
  });
});
