import {
  ArgumentError,
  GraphError,
  NetworkError,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import type { MicrosoftClient } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/MicrosoftClient';
import {
  APP_URL as TOKEN_URL,
  clientFor,
  clientSecretParams,
  harness,
  rejection,
  T0,
  type Harness,
  type Params,
} from './support/fixtures';
import { header } from './support/scriptedHttp';

const BASE = 'https://graph.microsoft.com/v1.0/';
const token = (value: string) => ({ status: 200, body: { access_token: value, expires_in: 3600 } });

/** One command's client for the client-secret instance (or `params`). */
function api(h: Harness, params: Params = clientSecretParams): MicrosoftClient {
  return clientFor(h, params);
}

describe('GraphApi requests', () => {
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.http.verify());

  it('sends the bearer token and JSON headers to <graphUrl>/v1.0/<path>, and reuses the cached token', async () => {
    h.http.expect('POST', TOKEN_URL, token('tok-1'));
    h.http.expect('GET', `${BASE}users`, {
      status: 200,
      body: { value: [{ id: 'u1' }] },
      headers: { 'request-id': 'r1' },
    });
    h.http.expect('GET', `${BASE}users/alice%40contoso.com/calendars`, { status: 200, body: { value: [] } });
    const graph = api(h);
    expect(graph.baseUrl).toBe(BASE);
    const first = await graph.request({ method: 'GET', path: 'users' });
    expect(first).toEqual({ status: 200, data: { value: [{ id: 'u1' }] }, headers: { 'request-id': 'r1' } });
    await graph.request({ method: 'GET', path: '/users/alice%40contoso.com/calendars' });
    for (const sent of h.http.requests.slice(1)) {
      expect(header(sent, 'Authorization')).toBe('Bearer tok-1');
      expect(header(sent, 'Accept')).toBe('application/json');
      expect(header(sent, 'Content-Type')).toBe('application/json');
      expect(sent.client).toEqual({ insecure: false, proxy: false, timeoutMs: 60000 });
    }
  });

  it('encodes query options with a literal $ and percent-encoded values, skipping undefined ones', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect(
      'GET',
      `${BASE}users/u/events?$top=5&$filter=startswith(subject%2C'a%20%26%20b')&$orderby=start%2FdateTime%20desc`,
      { status: 200, body: { value: [] } },
    );
    await api(h).request({
      method: 'GET',
      path: 'users/u/events',
      query: {
        $top: 5,
        $filter: "startswith(subject,'a & b')",
        $select: undefined,
        $orderby: 'start/dateTime desc',
      },
    });
  });

  it('sends a JSON body and returns undefined data for an empty 204', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('PATCH', `${BASE}users/u/events/e1`, { status: 200, body: { id: 'e1', subject: 'new' } });
    h.http.expect('DELETE', `${BASE}users/u/events/e1`, { status: 204 });
    const graph = api(h);
    await graph.request({ method: 'PATCH', path: 'users/u/events/e1', body: { Subject: 'new' } });
    expect(h.http.requests[1].body).toBe('{"Subject":"new"}');
    const deleted = await graph.request({ method: 'DELETE', path: 'users/u/events/e1' });
    expect(deleted.status).toBe(204);
    expect(deleted.data).toBeUndefined();
    expect(h.http.requests[2].body).toBeUndefined();
  });

  it('follows a next link on the configured Graph base, appending no query twice', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('GET', `${BASE}users/u/events?$top=2&$skip=2`, { status: 200, body: { value: [] } });
    await api(h).request({ method: 'GET', path: `${BASE}users/u/events?$top=2&$skip=2` });
  });

  it.each([
    [
      'https://evil.example.com/v1.0/users?$skip=2',
      'it points to https://evil.example.com, not to https://graph.microsoft.com',
    ],
    [
      'https://graph.microsoft.com.evil.example/v1.0/users',
      'it points to https://graph.microsoft.com.evil.example, not to https://graph.microsoft.com',
    ],
    ['https://graph.microsoft.com/beta/users', 'its path leaves /v1.0/'],
    [
      'http://graph.microsoft.com/v1.0/users',
      'it points to http://graph.microsoft.com, not to https://graph.microsoft.com',
    ],
  ])('refuses the foreign next link %s before any request, naming next_link', async (link, reason) => {
    const error = await rejection(api(h).request({ method: 'GET', path: link }));
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as ArgumentError).argument).toBe('next_link');
    expect(error.message).toBe(
      `The next_link argument must be a Microsoft Graph link under the configured Server URL (https://graph.microsoft.com/v1.0/), but ${reason}. The request was not sent.`,
    );
    expect(h.http.requests).toHaveLength(0);
  });

  it('uses the national Graph endpoint and scope of the settings', async () => {
    const us = { ...clientSecretParams, azure_cloud: 'US GCC-High' };
    h.http.expect(
      'POST',
      'https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token',
      token('t'),
    );
    h.http.expect('GET', 'https://graph.microsoft.us/v1.0/users', { status: 200, body: {} });
    await api(h, us).request({ method: 'GET', path: 'users' });
    expect(h.http.requests[0].body).toContain('scope=https%3A%2F%2Fgraph.microsoft.us%2F.default');
  });
});

describe('GraphApi errors and retries', () => {
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.http.verify());

  it('maps a Graph error to GraphError with status, code, message and request id', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('GET', `${BASE}users/u/events/x`, {
      status: 404,
      body: {
        error: {
          code: 'ErrorItemNotFound',
          message: 'The specified object was not found in the store.',
          innerError: { 'request-id': 'req-9', date: 'd' },
        },
      },
    });
    const error = (await rejection(
      api(h).request({ method: 'GET', path: 'users/u/events/x' }),
    )) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.message).toBe(
      'Microsoft Graph returned 404 ErrorItemNotFound: The specified object was not found in the store. (request-id: req-9)',
    );
    expect(error).toMatchObject({
      status: 404,
      graphCode: 'ErrorItemNotFound',
      requestId: 'req-9',
      code: 'GRAPH_ERROR',
    });
  });

  it('quotes a non-JSON error body briefly', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('GET', `${BASE}users`, { status: 502, body: 'Bad Gateway' });
    const error = await rejection(api(h).request({ method: 'GET', path: 'users' }));
    expect(error.message).toBe('Microsoft Graph returned 502: Bad Gateway.');
  });

  it('drops a cached token refused with 401, gets a fresh one and retries once', async () => {
    const store = h.store;
    h.http.expect('POST', TOKEN_URL, token('stale'));
    h.http.expect('GET', `${BASE}users`, { status: 200, body: {} });
    const graph = api(h);
    await graph.request({ method: 'GET', path: 'users' });
    h.http.expect('GET', `${BASE}users`, {
      status: 401,
      body: { error: { code: 'InvalidAuthenticationToken', message: 'expired' } },
    });
    h.http.expect('POST', TOKEN_URL, token('fresh'));
    h.http.expect('GET', `${BASE}users`, { status: 200, body: { ok: true } });
    expect((await graph.request({ method: 'GET', path: 'users' })).data).toEqual({ ok: true });
    expect(header(h.http.requests[4], 'Authorization')).toBe('Bearer fresh');
    expect(store.data.access_token).toBe('fresh');
  });

  it('does not retry a 401 on a token it has just obtained', async () => {
    h.http.expect('POST', TOKEN_URL, token('new'));
    h.http.expect('GET', `${BASE}users`, {
      status: 401,
      body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } },
    });
    const error = await rejection(api(h).request({ method: 'GET', path: 'users' }));
    expect(error.message).toBe(
      'Microsoft Graph returned 401 InvalidAuthenticationToken: Access token validation failure.',
    );
  });

  it.each([0, 30])(
    'retries once with a new token when a token granted for %i s (under the refresh margin) gets 401',
    async (expiresIn) => {
      h.http.expect('POST', TOKEN_URL, {
        status: 200,
        body: { access_token: 'short', expires_in: expiresIn },
      });
      h.http.expect('GET', `${BASE}users`, {
        status: 401,
        body: { error: { code: 'InvalidAuthenticationToken', message: 'Lifetime validation failed' } },
      });
      h.http.expect('POST', TOKEN_URL, token('full'));
      h.http.expect('GET', `${BASE}users`, { status: 200, body: { ok: true } });
      expect((await api(h).request({ method: 'GET', path: 'users' })).data).toEqual({ ok: true });
      expect(h.http.requests.map((r) => header(r, 'Authorization'))).toEqual([
        undefined,
        'Bearer short',
        undefined,
        'Bearer full',
      ]);
      expect(h.store.data.access_token).toBe('full');
    },
  );

  it('refreshes a short-lived token only once when the new one is refused too', async () => {
    const short = { status: 200, body: { access_token: 'short', expires_in: 0 } };
    const refused = { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'no' } } };
    h.http.expect('POST', TOKEN_URL, short);
    h.http.expect('GET', `${BASE}users`, refused);
    h.http.expect('POST', TOKEN_URL, short);
    h.http.expect('GET', `${BASE}users`, refused);
    const error = (await rejection(api(h).request({ method: 'GET', path: 'users' }))) as GraphError;
    expect(error.status).toBe(401);
  });

  it.each([429, 503, 504])('retries %i on GET honouring Retry-After in seconds', async (status) => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('GET', `${BASE}users`, { status, headers: { 'retry-after': '3' } });
    h.http.expect('GET', `${BASE}users`, { status: 200, body: {} });
    await api(h).request({ method: 'GET', path: 'users' });
    expect(h.clock.sleeps).toEqual([3000]);
  });

  it('honours Retry-After as an HTTP date and backs off 1, 2 s without it', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('GET', `${BASE}users`, {
      status: 429,
      headers: { 'retry-after': new Date((T0 + 10) * 1000).toUTCString() },
    });
    h.http.expect('GET', `${BASE}users`, { status: 503 });
    h.http.expect('GET', `${BASE}users`, { status: 503 });
    h.http.expect('GET', `${BASE}users`, { status: 200, body: {} });
    await api(h).request({ method: 'GET', path: 'users' });
    expect(h.clock.sleeps).toEqual([10000, 2000, 4000]);
  });

  it('gives up after 3 retries with the Graph error', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    for (let i = 0; i < 4; i++)
      h.http.expect('GET', `${BASE}users`, {
        status: 429,
        body: { error: { code: 'TooManyRequests', message: 'Slow down' } },
      });
    const error = (await rejection(api(h).request({ method: 'GET', path: 'users' }))) as GraphError;
    expect(error.status).toBe(429);
    expect(h.clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('does not wait beyond the 60 s budget, and says when to try again', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('GET', `${BASE}users`, { status: 429, headers: { 'retry-after': '120' } });
    const error = await rejection(api(h).request({ method: 'GET', path: 'users' }));
    expect(error.message).toBe(
      'Microsoft Graph returned 429. Microsoft Graph is throttling these requests; try again in 120 s.',
    );
    expect(h.clock.sleeps).toEqual([]);
  });

  it('shares one retry budget across the requests of one command', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('GET', `${BASE}users`, { status: 503, headers: { 'retry-after': '40' } });
    h.http.expect('GET', `${BASE}users`, { status: 200, body: {} });
    h.http.expect('GET', `${BASE}users/u/events`, { status: 503, headers: { 'retry-after': '30' } });
    const graph = api(h);
    await graph.request({ method: 'GET', path: 'users' });
    const error = await rejection(graph.request({ method: 'GET', path: 'users/u/events' }));
    // 40 s were spent on the first request: 30 more do not fit in 60.
    expect(error.message).toBe(
      'Microsoft Graph returned 503. Microsoft Graph is throttling these requests; try again in 30 s.',
    );
    expect(h.clock.sleeps).toEqual([40_000]);
    // The next command has its own budget.
    h.http.expect('GET', `${BASE}users/u/events`, { status: 503, headers: { 'retry-after': '30' } });
    h.http.expect('GET', `${BASE}users/u/events`, { status: 200, body: {} });
    await api(h).request({ method: 'GET', path: 'users/u/events' });
    expect(h.clock.sleeps).toEqual([40_000, 30_000]);
  });

  it('honours a smaller budget given to the client, and says nothing of throttling for a 504', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('GET', `${BASE}users`, { status: 504, body: 'Gateway Timeout' });
    h.http.expect('GET', `${BASE}users`, { status: 504, body: 'Gateway Timeout' });
    const error = await rejection(
      clientFor(h, clientSecretParams, { retryBudgetMs: 1500 }).request({ method: 'GET', path: 'users' }),
    );
    expect(error.message).toBe('Microsoft Graph returned 504: Gateway Timeout.');
    expect(h.clock.sleeps).toEqual([1000]);
  });

  it('never retries a plain POST, but retries one marked idempotent', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('POST', `${BASE}users/u/events`, { status: 503 });
    const graph = api(h);
    expect(
      ((await rejection(graph.request({ method: 'POST', path: 'users/u/events', body: {} }))) as GraphError)
        .status,
    ).toBe(503);
    h.http.expect('POST', `${BASE}users/u/events`, { status: 503 });
    h.http.expect('POST', `${BASE}users/u/events`, { status: 201, body: { id: 'e' } });
    expect(
      (
        await graph.request({
          method: 'POST',
          path: 'users/u/events',
          body: { transactionId: 'x' },
          idempotent: true,
        })
      ).status,
    ).toBe(201);
  });

  it('retries a reset connection on an idempotent request only', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('GET', `${BASE}users`, { networkError: 'ECONNRESET', message: 'socket hang up' });
    h.http.expect('GET', `${BASE}users`, { status: 200, body: {} });
    h.http.expect('POST', `${BASE}users/u/events`, { networkError: 'ECONNRESET', message: 'socket hang up' });
    const graph = api(h);
    await graph.request({ method: 'GET', path: 'users' });
    const error = await rejection(graph.request({ method: 'POST', path: 'users/u/events', body: {} }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe(
      'The connection to graph.microsoft.com was closed before a response was received. Try the command again.',
    );
  });

  it('retries a POST with an idempotency key once, at once, after a timeout, and returns its answer', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('POST', `${BASE}users/u/events`, {
      networkError: 'ECONNABORTED',
      message: 'timeout of 60000ms exceeded',
    });
    h.http.expect('POST', `${BASE}users/u/events`, { status: 201, body: { id: 'e1' } });
    const body = { subject: 's', transactionId: 'tx-1' };
    const created = await api(h).request({ method: 'POST', path: 'users/u/events', body, idempotent: true });
    expect(created).toMatchObject({ status: 201, data: { id: 'e1' } });
    const [first, second] = h.http.requests.slice(1);
    expect(second.body).toBe(first.body);
    expect(JSON.parse(second.body ?? '')).toEqual(body);
    expect(h.clock.sleeps).toEqual([]);
  });

  it('gives up after the second timeout of a POST with an idempotency key', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    for (let i = 0; i < 2; i++)
      h.http.expect('POST', `${BASE}users/u/events`, {
        networkError: 'ETIMEDOUT',
        message: 'timeout of 60000ms exceeded',
      });
    const error = await rejection(
      api(h).request({ method: 'POST', path: 'users/u/events', body: {}, idempotent: true }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(
      /^Connection Timeout Error - graph\.microsoft\.com did not answer within 60 s\./,
    );
  });

  it.each([
    ['a plain POST', { method: 'POST' as const, path: 'users/u/events', body: {} }],
    ['a GET', { method: 'GET' as const, path: 'users/u/events' }],
    ['a PATCH', { method: 'PATCH' as const, path: 'users/u/events/e', body: {} }],
  ])('does not retry a timeout of %s', async (_name, call) => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect(call.method, `${BASE}${call.path}`, {
      networkError: 'ECONNABORTED',
      message: 'timeout of 60000ms exceeded',
    });
    expect(await rejection(api(h).request(call))).toBeInstanceOf(NetworkError);
  });

  it.each([
    [
      'ECONNABORTED',
      'timeout of 60000ms exceeded',
      'Connection Timeout Error - graph.microsoft.com did not answer within 60 s. Potential reasons might be that the Server URL parameter is incorrect or that the server is not accessible from your host.',
    ],
    [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'self-signed certificate',
      "SSL Certificate Verification Failed for graph.microsoft.com - try selecting the 'Trust any certificate (not secure)' checkbox in the integration configuration.",
    ],
    [
      'ENOTFOUND',
      'getaddrinfo ENOTFOUND graph.microsoft.com',
      'Could not resolve the host graph.microsoft.com - verify that the Server URL parameter is correct and that your host can resolve it.',
    ],
  ])('explains the network error %s', async (code, message, expected) => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('GET', `${BASE}users`, { networkError: code, message });
    const error = await rejection(api(h).request({ method: 'GET', path: 'users' }));
    expect(error.message).toBe(expected);
  });

  it('hints at the proxy checkbox when the system proxy is used', async () => {
    h.http.expect('POST', TOKEN_URL, token('t'));
    h.http.expect('GET', `${BASE}users`, { networkError: 'ENOTFOUND' });
    const error = await rejection(
      api(h, { ...clientSecretParams, proxy: true }).request({ method: 'GET', path: 'users' }),
    );
    expect(error.message).toContain("The 'Use system proxy settings' checkbox is selected");
  });
});
