import { managedIdentityFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/managedIdentity/imds';
import { imdsHost } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/managedIdentity/endpoint';
import {
  AuthenticationError,
  FlowUnavailableError,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { RetryBudget } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/retry';
import { harness, managedIdentitySettings, rejection, T0, type Harness } from './support/fixtures';
import { header, splitUrl } from './support/scriptedHttp';

const IMDS = 'http://169.254.169.254/metadata/identity/oauth2/token';
const request = { scope: 'https://graph.microsoft.com/.default', resource: 'https://graph.microsoft.com/' };
const USER_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const ok = {
  status: 200,
  body: { access_token: 'mi-token', expires_in: '86400', expires_on: String(T0 + 86400) },
};
const anyImds = /^http:\/\/169\.254\.169\.254\/metadata\/identity\/oauth2\/token\?/;

describe('ManagedIdentityFlow request (IMDS token for Graph)', () => {
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.http.verify());

  it('GETs IMDS for a system-assigned identity without client_id, with Metadata: true and no proxy', async () => {
    h.http.expect('GET', anyImds, ok);
    const result = await managedIdentityFlow({ ...managedIdentitySettings, proxy: true }, h.ctx).getToken(
      request,
    );
    expect(result).toEqual({ accessToken: 'mi-token', expiresIn: 86400 });
    const sent = h.http.requests[0];
    expect(splitUrl(sent.url)).toEqual({
      base: IMDS,
      query: [
        ['api-version', '2018-02-01'],
        ['resource', 'https://graph.microsoft.com/'],
      ],
    });
    expect(header(sent, 'Metadata')).toBe('true');
    expect(sent.client).toEqual({ insecure: false, proxy: false, timeoutMs: 5000 });
  });

  it('adds client_id for a user-assigned identity', async () => {
    h.http.expect('GET', anyImds, ok);
    await managedIdentityFlow({ ...managedIdentitySettings, clientId: USER_ID }, h.ctx).getToken(request);
    expect(splitUrl(h.http.requests[0].url).query).toEqual([
      ['api-version', '2018-02-01'],
      ['resource', 'https://graph.microsoft.com/'],
      ['client_id', USER_ID],
    ]);
  });

  it('uses AZURE_POD_IDENTITY_AUTHORITY_HOST without its trailing slash', async () => {
    const pod = harness({ env: { AZURE_POD_IDENTITY_AUTHORITY_HOST: 'http://127.0.0.1:4321/' } });
    pod.http.expect(
      'GET',
      /^http:\/\/127\.0\.0\.1:4321\/metadata\/identity\/oauth2\/token\?api-version=2018-02-01&/,
      ok,
    );
    await managedIdentityFlow(managedIdentitySettings, pod.ctx).getToken(request);
    pod.http.verify();
    expect(imdsHost({})).toBe('http://169.254.169.254');
    expect(imdsHost({ AZURE_POD_IDENTITY_AUTHORITY_HOST: '  ' })).toBe('http://169.254.169.254');
  });

  it('falls back to expires_on when expires_in is absent', async () => {
    h.http.expect('GET', anyImds, {
      status: 200,
      body: { access_token: 't', expires_on: String(T0 + 3600) },
    });
    expect((await managedIdentityFlow(managedIdentitySettings, h.ctx).getToken(request)).expiresIn).toBe(
      3600,
    );
  });
});

describe('ManagedIdentityFlow retries', () => {
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.http.verify());

  it.each([404, 429, 500, 503])('retries %i with 1 s then 2 s waits', async (status) => {
    h.http
      .expect('GET', anyImds, { status, body: '' })
      .expect('GET', anyImds, { status, body: '' })
      .expect('GET', anyImds, ok);
    await managedIdentityFlow(managedIdentitySettings, h.ctx).getToken(request);
    expect(h.clock.sleeps).toEqual([1000, 2000]);
  });

  it('gives up after 3 retries and reports the last answer', async () => {
    for (let i = 0; i < 4; i++)
      h.http.expect('GET', anyImds, {
        status: 500,
        body: { error: 'server_error', error_description: 'busy' },
      });
    const error = await rejection(managedIdentityFlow(managedIdentitySettings, h.ctx).getToken(request));
    expect(error.message).toBe(
      'Error in Microsoft authorization with Azure Managed Identities: server_error: busy (HTTP 500).',
    );
    expect(h.clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('honours Retry-After on 429', async () => {
    h.http
      .expect('GET', anyImds, { status: 429, headers: { 'retry-after': '7' } })
      .expect('GET', anyImds, ok);
    await managedIdentityFlow(managedIdentitySettings, h.ctx).getToken(request);
    expect(h.clock.sleeps).toEqual([7000]);
  });

  it('gives up at once when Retry-After exceeds the total budget', async () => {
    h.http.expect('GET', anyImds, {
      status: 429,
      headers: { 'retry-after': '3600' },
      body: { error_description: 'throttled' },
    });
    const error = await rejection(managedIdentityFlow(managedIdentitySettings, h.ctx).getToken(request));
    expect(error.message).toBe(
      'Error in Microsoft authorization with Azure Managed Identities: throttled (HTTP 429).',
    );
    expect(h.clock.sleeps).toEqual([]);
  });

  it('keeps retrying 410 every 10 s for up to 70 s when the command has the time', async () => {
    for (let i = 0; i < 8; i++)
      h.http.expect('GET', anyImds, { status: 410, body: { error_description: 'restarting' } });
    const ctx = { ...h.ctx, budget: new RetryBudget(120_000) };
    const error = await rejection(managedIdentityFlow(managedIdentitySettings, ctx).getToken(request));
    expect(error.message).toBe(
      'Error in Microsoft authorization with Azure Managed Identities: restarting (HTTP 410).',
    );
    expect(h.clock.sleeps).toEqual(Array(7).fill(10000));
  });

  it('stops the 410 retries when the command budget (60 s by default) is spent', async () => {
    for (let i = 0; i < 7; i++)
      h.http.expect('GET', anyImds, { status: 410, body: { error_description: 'restarting' } });
    const error = await rejection(managedIdentityFlow(managedIdentitySettings, h.ctx).getToken(request));
    expect(error.message).toBe(
      'Error in Microsoft authorization with Azure Managed Identities: restarting (HTTP 410).',
    );
    expect(h.clock.sleeps).toEqual(Array(6).fill(10000));
  });

  it('retries socket errors and reports an unreachable endpoint as FlowUnavailableError', async () => {
    for (let i = 0; i < 4; i++) h.http.expect('GET', anyImds, { networkError: 'ECONNREFUSED' });
    const error = await rejection(managedIdentityFlow(managedIdentitySettings, h.ctx).getToken(request));
    expect(error).toBeInstanceOf(FlowUnavailableError);
    expect(error.message).toBe(
      'Error in Microsoft authorization with Azure Managed Identities: no managed identity endpoint answered (169.254.169.254, ECONNREFUSED): the engine is not an Azure VM (or other Azure resource) with a managed identity, or the identity is not assigned to it.',
    );
    expect(h.clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('recovers from a timed-out attempt', async () => {
    h.http
      .expect('GET', anyImds, { networkError: 'ECONNABORTED', message: 'timeout of 5000ms exceeded' })
      .expect('GET', anyImds, ok);
    expect((await managedIdentityFlow(managedIdentitySettings, h.ctx).getToken(request)).accessToken).toBe(
      'mi-token',
    );
  });

  it.each([400, 401, 403])(
    'never retries %i and reports the error_description after upstream prefix',
    async (status) => {
      h.http.expect('GET', anyImds, {
        status,
        body: { error: 'invalid_request', error_description: 'Identity not found' },
      });
      const error = (await rejection(
        managedIdentityFlow({ ...managedIdentitySettings, clientId: USER_ID }, h.ctx).getToken(request),
      )) as AuthenticationError;
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toBe(
        `Error in Microsoft authorization with Azure Managed Identities: invalid_request: Identity not found (HTTP ${status}).`,
      );
      expect(error.status).toBe(status);
      expect(h.clock.sleeps).toEqual([]);
    },
  );

  it('reports a 200 without a token', async () => {
    h.http.expect('GET', anyImds, { status: 200, body: {} });
    const error = await rejection(managedIdentityFlow(managedIdentitySettings, h.ctx).getToken(request));
    expect(error.message).toBe(
      'Error in Microsoft authorization with Azure Managed Identities: the answer did not contain an access token.',
    );
  });
});
