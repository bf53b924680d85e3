/**
 * `main` wired to the real MicrosoftApiModule (parseSettings, createGraphApi, resetAuthContext),
 * with a scripted HTTP factory instead of the network: test-module with managed identities, the
 * missing-Key errors, and auth-reset with invalid settings.
 */
import {
  MemoryContextStore,
  createMemoryRuntime,
  MemoryLogger,
} from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { main } from '../../Integrations/MicrosoftGraphCalendar/MicrosoftGraphCalendar';
import type { IntegrationDeps } from '../../Integrations/MicrosoftGraphCalendar/deps';
import { scriptedHttp, type Route } from './support/scriptedHttp';

const MI_CLIENT_ID = '5f0c8c9e-1b7a-4a4e-9c55-2d7a4a1b9f10';
const IMDS = 'GET http://169.254.169.254/metadata/identity/oauth2/token';
const KEY_MESSAGE =
  'Key must be provided. For further information see https://xsoar.pan.dev/docs/reference/articles/microsoft-integrations---authentication';

function deps(routes: readonly Route[]): {
  deps: IntegrationDeps;
  requests: ReturnType<typeof scriptedHttp>['requests'];
} {
  const http = scriptedHttp(routes);
  return { deps: { httpFactory: http.factory, crypto: nodeCrypto, env: {} }, requests: http.requests };
}

function noHttp(): IntegrationDeps {
  return {
    httpFactory: () => {
      throw new Error('no HTTP client may be created');
    },
    crypto: nodeCrypto,
    env: {},
  };
}

describe('main with the real module', () => {
  it.each([
    ['a user-assigned identity', { password: MI_CLIENT_ID }, `&client_id=${MI_CLIENT_ID}`],
    ['the system-assigned identity', { identifier: '', password: '' }, ''],
  ])(
    'test-module with %s asks IMDS for Graph and GETs <url>/v1.0/users',
    async (_name, clientId, clientQuery) => {
      const { deps: d, requests } = deps([
        { prefix: IMDS, status: 200, data: { access_token: 'test_token', expires_in: '86400' } },
        { prefix: 'GET https://graph.microsoft.com/v1.0/users', status: 200, data: { value: [] } },
      ]);
      const runtime = createMemoryRuntime({
        command: 'test-module',
        params: {
          use_managed_identities: 'True',
          managed_identities_client_id: clientId,
          url: 'https://graph.microsoft.com/',
        },
      });
      const entries = await main(runtime, d);
      expect(entries).toEqual([{ Type: 1, Contents: 'ok', ContentsFormat: 'text' }]);
      expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        `${IMDS}?api-version=2018-02-01&resource=${encodeURIComponent('https://graph.microsoft.com/')}${clientQuery}`,
        'GET https://graph.microsoft.com/v1.0/users?$top=1',
      ]);
      expect(requests[0].headers.metadata).toBe('true');
      expect(requests[1].headers.authorization).toBe('Bearer test_token');
    },
  );

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
