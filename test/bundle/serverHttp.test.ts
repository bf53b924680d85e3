import axios, { AxiosError } from 'axios';
import {
  createServerHttpFactory,
  serverHttpAdapter,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/serverHttp';
import type {
  ServerHttpFunction,
  ServerHttpRequest,
  ServerHttpResponse,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/serverHttp';

interface Call {
  url: string;
  request: ServerHttpRequest;
  insecure: boolean;
  proxy: boolean;
}

/** A scripted server http(): records every call and answers from a queue (fails when it runs dry). */
function scriptedHttp(...answers: (ServerHttpResponse | Error)[]) {
  const calls: Call[] = [];
  const fn: ServerHttpFunction = (url, request, insecure, proxy) => {
    calls.push({ url, request, insecure, proxy });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    if (next instanceof Error) throw next;
    return next;
  };
  return { fn, calls };
}

const ok = (body: unknown, headers: Record<string, string[]> = {}): ServerHttpResponse => ({
  StatusCode: 200,
  Status: '200 OK',
  Body: typeof body === 'string' ? body : JSON.stringify(body),
  Headers: { 'Content-Type': ['application/json'], ...headers },
});

const options = { insecure: false, proxy: false, timeoutMs: 5000 };

describe('server http adapter: requests', () => {
  it('sends GET with the query encoded, header values as arrays and no body', async () => {
    const { fn, calls } = scriptedHttp(ok({ value: [] }));
    const client = createServerHttpFactory(fn)(options);
    await client.get('users/alice%40contoso.com/events', {
      baseURL: 'https://graph.example/v1.0/',
      params: { $top: 5, $filter: "startswith(subject,'a b')" },
      headers: { Authorization: 'Bearer t0k' },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(
      "https://graph.example/v1.0/users/alice%40contoso.com/events?$top=5&$filter=startswith(subject,'a+b')",
    );
    expect(calls[0].request.Method).toBe('GET');
    expect(calls[0].request.Headers.Authorization).toEqual(['Bearer t0k']);
    expect(calls[0].request.Headers.Accept).toEqual(['application/json, text/plain, */*']);
    expect(calls[0].request).not.toHaveProperty('Body');
  });

  it('sends a JSON body as text with its content type, and a form body unchanged', async () => {
    const { fn, calls } = scriptedHttp(ok({}), ok({}));
    const client = createServerHttpFactory(fn)(options);
    await client.post('https://h/json', { Subject: 'x', n: 1 });
    await client.post('https://h/form', 'a=1&b=2', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(calls[0].request).toMatchObject({ Method: 'POST', Body: '{"Subject":"x","n":1}' });
    expect(calls[0].request.Headers['Content-Type']).toEqual(['application/json']);
    expect(calls[1].request).toMatchObject({ Method: 'POST', Body: 'a=1&b=2' });
    expect(calls[1].request.Headers['Content-Type']).toEqual(['application/x-www-form-urlencoded']);
  });

  it('passes insecure and proxy to http(), and basic auth as Username/Password', async () => {
    const { fn, calls } = scriptedHttp(ok({}));
    await createServerHttpFactory(fn)({ insecure: true, proxy: true, timeoutMs: 1 }).delete('https://h/x', {
      auth: { username: 'u', password: 'p' },
    });
    expect(calls[0]).toMatchObject({
      insecure: true,
      proxy: true,
      request: { Method: 'DELETE', Username: 'u', Password: 'p' },
    });
  });

  it('refuses binary bodies and non-text response types before calling http()', async () => {
    const { fn, calls } = scriptedHttp();
    const client = createServerHttpFactory(fn)(options);
    await expect(client.post('https://h/bin', new Uint8Array([1, 2]))).rejects.toMatchObject({
      code: AxiosError.ERR_NOT_SUPPORT,
    });
    await expect(client.get('https://h/a', { responseType: 'arraybuffer' })).rejects.toMatchObject({
      code: AxiosError.ERR_NOT_SUPPORT,
    });
    expect(calls).toHaveLength(0);
  });
});

describe('server http adapter: responses', () => {
  it('maps status, status text, headers (lower-cased, joined; Set-Cookie kept a list) and parses JSON', async () => {
    const { fn } = scriptedHttp(
      ok({ id: 'e1' }, { 'Request-Id': ['r-1'], Warning: ['a', 'b'], 'Set-Cookie': ['x=1, y', 'z=2'] }),
    );
    const response = await createServerHttpFactory(fn)(options).get('https://h/e1');
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('OK');
    expect(response.data).toEqual({ id: 'e1' });
    expect(response.headers['request-id']).toBe('r-1');
    expect(response.headers['warning']).toBe('a, b');
    expect(response.headers['set-cookie']).toEqual(['x=1, y', 'z=2']);
    expect(response.request).toEqual({ method: 'GET', url: 'https://h/e1' });
  });

  it('resolves every status with the factory (callers classify them) and keeps an empty 204 body', async () => {
    const { fn } = scriptedHttp(
      {
        StatusCode: 503,
        Status: '503 Service Unavailable',
        Body: '{"error":{"code":"x"}}',
        Headers: { 'Retry-After': ['3'] },
      },
      { StatusCode: 204, Status: '204 No Content', Body: '', Headers: {} },
    );
    const client = createServerHttpFactory(fn)(options);
    const busy = await client.get('https://h/busy');
    expect(busy.status).toBe(503);
    expect(busy.data).toEqual({ error: { code: 'x' } });
    expect(busy.headers['retry-after']).toBe('3');
    const empty = await client.delete('https://h/gone');
    expect(empty.status).toBe(204);
    expect(empty.data).toBe('');
  });

  it("rejects statuses outside axios' default validateStatus when a caller keeps it", async () => {
    const { fn } = scriptedHttp({ StatusCode: 404, Status: '404 Not Found', Body: '{}', Headers: {} });
    const client = axios.create({ adapter: serverHttpAdapter(fn, options) });
    await expect(client.get('https://h/missing')).rejects.toMatchObject({
      code: AxiosError.ERR_BAD_REQUEST,
      response: { status: 404 },
    });
  });

  it('turns a thrown http() error into a network AxiosError with a Node-style code', async () => {
    const { fn } = scriptedHttp(
      new Error('Post "https://h/token": dial tcp 10.0.0.1:443: connect: connection refused'),
      new Error('Get "https://h": x509: certificate signed by unknown authority'),
      new Error('Get "https://h": context deadline exceeded (Client.Timeout exceeded)'),
      new Error('something else'),
    );
    const client = createServerHttpFactory(fn)(options);
    await expect(client.post('https://h/token', 'a=1')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
      message: expect.stringContaining('connection refused'),
    });
    await expect(client.get('https://h')).rejects.toMatchObject({ code: 'EPROTO' });
    await expect(client.get('https://h')).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    await expect(client.get('https://h')).rejects.toMatchObject({ code: AxiosError.ERR_NETWORK });
  });

  it('treats an answer without a status code as a network error', async () => {
    const fn: ServerHttpFunction = () => ({}) as ServerHttpResponse;
    await expect(createServerHttpFactory(fn)(options).get('https://h')).rejects.toMatchObject({
      code: AxiosError.ERR_NETWORK,
    });
  });

  it("leaves the status decision and the error to axios's settle, and keeps headers out of the error", async () => {
    const { fn } = scriptedHttp({ StatusCode: 404, Status: '404 Not Found', Body: '{}', Headers: {} });
    const client = axios.create({ adapter: serverHttpAdapter(fn, options) });
    const error = (await client
      .get('https://h/missing', { headers: { Authorization: 'Bearer t0k' } })
      .catch((e: unknown) => e)) as AxiosError;
    expect(axios.isAxiosError(error)).toBe(true);
    expect(error.message).toBe('Request failed with status code 404');
    expect(error.request).toEqual({ method: 'GET', url: 'https://h/missing' });
  });

  it('keeps the engine error text as the cause of a network error', async () => {
    const { fn } = scriptedHttp(new Error('Get "https://h": EOF'));
    const error = (await createServerHttpFactory(fn)(options)
      .get('https://h')
      .catch((e: unknown) => e)) as AxiosError;
    expect(error).toMatchObject({ code: 'ECONNRESET', message: 'Get "https://h": EOF' });
    expect((error.cause as Error).message).toBe('Get "https://h": EOF');
  });
});
