import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FORBIDDEN_GLOBALS,
  runBundle,
  SandboxIntegrationContext,
  VERSION_MISMATCH,
} from '../../scripts/sandbox/runBundle';
import { canonicalHeader, mapHost, REDACTED, redactRecorded } from '../../scripts/sandbox/hostHttp';
import { dq } from '../../scripts/sandbox/serverState';

let server: http.Server;
let url: string;
const hits: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(201, 'Created', { 'content-type': 'application/json', 'x-multi': ['1', '2'] });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('sandbox context', () => {
  it('has no Node or web globals: the script sees every forbidden name as undefined', async () => {
    const names = JSON.stringify(FORBIDDEN_GLOBALS);
    const run = await runBundle(
      `var out = {}; ${names}.forEach(function (n) { out[n] = typeof globalThis[n]; }); return out;`,
      {
        command: 'probe',
      },
    );
    expect(run.error).toBeUndefined();
    expect(run.presentGlobals).toEqual([]);
    for (const name of FORBIDDEN_GLOBALS)
      expect((run.result as Record<string, string>)[name]).toBe('undefined');
  });

  it('refuses runtime code generation (eval, new Function)', async () => {
    const run = await runBundle(
      "var r = []; try { eval('1'); r.push('eval ran'); } catch (e) { r.push(e.name); } try { new Function('return 1'); r.push('Function ran'); } catch (e) { r.push(e.name); } return r;",
      { command: 'probe' },
    );
    expect(run.result).toEqual(['EvalError', 'EvalError']);
  });

  it('offers the XSOAR globals, with inputs in the script realm', async () => {
    const run = await runBundle(
      'return [typeof http, typeof getIntegrationContext, typeof setIntegrationContext, typeof logDebug, typeof logInfo, typeof console.log, demistoVersion().version, command, params.a, args.b, Array.isArray(params.list), params instanceof Object];',
      { command: 'cmd', params: { a: 1, list: [1] }, args: { b: '2' }, serverVersion: '6.12.0' },
    );
    expect(run.result).toEqual([
      'function',
      'function',
      'function',
      'function',
      'function',
      'function',
      '6.12.0',
      'cmd',
      1,
      '2',
      true,
      true,
    ]);
  });

  it('runs http() synchronously against a loopback server and answers in the server shape', async () => {
    hits.length = 0;
    const run = await runBundle(
      `var r = http('${url}/x?y=1', {Method: 'POST', Headers: {'Content-Type': ['text/plain'], 'X-Two': ['a', 'b']}, Body: 'hi'}, false, true);
       return {code: r.StatusCode, status: r.Status, body: r.Body, type: r.Headers['Content-Type'], multi: r.Headers['X-Multi']};`,
      { command: 'probe' },
    );
    expect(run.result).toEqual({
      code: 201,
      status: '201 Created',
      body: '{"ok":true}',
      type: ['application/json'],
      multi: ['1', '2'],
    });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ method: 'POST', url: '/x?y=1', body: 'hi' });
    expect(hits[0].headers['x-two']).toBe('a, b');
    expect(run.httpCalls).toEqual([
      expect.objectContaining({ method: 'POST', insecure: false, proxy: true, status: 201 }),
    ]);
  });

  it('throws in the script when the host is unreachable, with a Go-like message', async () => {
    const run = await runBundle(
      "try { http('http://127.0.0.1:1/', {Method: 'GET'}, false, false); return 'no error'; } catch (e) { return [e instanceof Error, e.message]; }",
      {
        command: 'probe',
      },
    );
    expect(run.result).toEqual([true, 'Get "http://127.0.0.1:1/": connect: connection refused']);
  });

  it('keeps a versioned integration context across runs and refuses stale versions', async () => {
    const context = new SandboxIntegrationContext({ n: 1 });
    const script = `var c = getIntegrationContext(true); var ok = setIntegrationContext({n: c.context.n + 1}, c.version, true);
      var stale = setIntegrationContext({n: 0}, c.version, true); return [c.version, ok, stale];`;
    const first = await runBundle(script, { command: 'probe', context });
    const second = await runBundle(script, { command: 'probe', context });
    expect(first.result).toEqual([0, {}, { Error: VERSION_MISMATCH }]);
    expect(second.result).toEqual([1, {}, { Error: VERSION_MISMATCH }]);
    expect(context.value).toEqual({ n: 3 });
    expect(context.conflicts).toBe(2);
  });

  it('serves the bare context before 6.2', async () => {
    const context = new SandboxIntegrationContext({ n: 1 });
    const run = await runBundle(
      'var c = getIntegrationContext(); setIntegrationContext({n: c.n + 1}); return c;',
      {
        command: 'probe',
        context,
        serverVersion: '6.1.0',
      },
    );
    expect(run.result).toEqual({ n: 1 });
    expect(context.value).toEqual({ n: 2 });
  });

  it('reports an escaped exception and a returned Promise (which the server would not wait for)', async () => {
    const thrown = await runBundle("throw new Error('bad');", { command: 'probe' });
    expect(thrown.error).toBe('bad');
    const promised = await runBundle('return Promise.resolve(1);', { command: 'probe' });
    expect(promised.resultKind).toBe('thenable');
  });

  it('forwards logDebug, logInfo, logError and console.log lines', async () => {
    const run = await runBundle(
      "logDebug('d'); logInfo('i'); logError('e'); console.log('c', 1); return null;",
      { command: 'probe' },
    );
    expect(run.logs).toEqual([
      { level: 'debug', message: 'd' },
      { level: 'info', message: 'i' },
      { level: 'error', message: 'e' },
      { level: 'console', message: 'c 1' },
    ]);
  });
});

describe('sandbox helpers', () => {
  it('records calls without credentials: auth headers and secret body fields are redacted', () => {
    expect(
      redactRecorded(
        { Authorization: ['Bearer abc'], Accept: ['x'] },
        'client_id=1&client_secret=s3cr3t&scope=a',
      ),
    ).toEqual({
      headers: { Authorization: [REDACTED], Accept: ['x'] },
      body: `client_id=1&client_secret=${REDACTED}&scope=a`,
    });
    expect(
      redactRecorded({}, '{"app_name":"a","encrypted_token":"e","nested":{"refresh_token":"r"}}').body,
    ).toBe(`{"app_name":"a","encrypted_token":"${REDACTED}","nested":{"refresh_token":"${REDACTED}"}}`);
  });

  it('maps hosts by prefix, canonicalizes headers like Go, and resolves simple DT paths', () => {
    expect(
      mapHost('http://169.254.169.254/metadata/x?a=1', { 'http://169.254.169.254': 'http://127.0.0.1:9' }),
    ).toBe('http://127.0.0.1:9/metadata/x?a=1');
    expect(mapHost('http://169.254.169.2544/x', { 'http://169.254.169.254': 'http://h' })).toBe(
      'http://169.254.169.2544/x',
    );
    expect(canonicalHeader('content-TYPE')).toBe('Content-Type');
    const ctx = {
      A: {
        Event: [
          { ID: 'e.1', S: 1 },
          { ID: 'e2', S: 2 },
        ],
      },
    };
    expect(dq(ctx, 'A.Event(val.ID === "e.1")')).toEqual({ ID: 'e.1', S: 1 });
    expect(dq(ctx, 'A.Event(val.ID === "zz")')).toBeUndefined();
    expect(dq(ctx, 'A.Event')).toHaveLength(2);
  });
});
