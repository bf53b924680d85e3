/**
 * The QuickJS sandbox itself (scripts/sandbox, engine `quickjs`): the XSOAR globals over
 * synchronous host calls, and the ES5-library reduction (es5Library.js), which must remove every
 * ES2015+ member while ES5 code keeps behaving exactly as before.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FORBIDDEN_GLOBALS, runBundle, SandboxIntegrationContext } from '../../scripts/sandbox/runBundle';
import type { SandboxOptions } from '../../scripts/sandbox/runBundle';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ES5_GLOBALS, ES5_MEMBERS } = require('../../scripts/sandbox/es5Library') as {
  ES5_GLOBALS: string[];
  ES5_MEMBERS: Record<string, string[]>;
};

const quickjs = (script: string, options: Partial<SandboxOptions> = {}) =>
  runBundle(script, { command: 'probe', engine: 'quickjs', ...options });

let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain', 'x-multi': ['1', '2'] });
      res.end(`${req.method} ${req.url} ${body}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the QuickJS sandbox', () => {
  it('has the XSOAR globals and none of the Node or web globals', async () => {
    const run = await quickjs(
      `var out = {}; ${JSON.stringify(FORBIDDEN_GLOBALS)}.forEach(function (n) { out[n] = typeof this[n]; }, this);
       return [out, typeof http, typeof getIntegrationContext, typeof logInfo, typeof console.log, demistoVersion().version, command, params.a, args.b];`,
      { params: { a: 1 }, args: { b: '2' }, serverVersion: '6.12.0' },
    );
    expect(run.error).toBeUndefined();
    expect(run.presentGlobals).toEqual([]);
    const [types, ...rest] = run.result as [Record<string, string>, ...unknown[]];
    expect(Object.values(types).filter((t) => t !== 'undefined')).toEqual([]);
    expect(rest).toEqual(['function', 'function', 'function', 'function', '6.12.0', 'probe', 1, '2']);
  });

  it('answers http() synchronously from the host, in the server shape, and records the call', async () => {
    const run = await quickjs(
      `var r = http('${url}/x?y=1', {Method: 'POST', Headers: {'X-Two': ['a', 'b']}, Body: 'hi'}, false, true);
       return [r.StatusCode, r.Status, r.Body, r.Headers['X-Multi']];`,
    );
    expect(run.result).toEqual([200, '200 OK', 'POST /x?y=1 hi', ['1', '2']]);
    expect(run.httpCalls).toEqual([expect.objectContaining({ method: 'POST', proxy: true, status: 200 })]);
  });

  it('keeps a versioned integration context and forwards log lines', async () => {
    const context = new SandboxIntegrationContext({ n: 1 });
    const run = await quickjs(
      "var c = getIntegrationContext(true); setIntegrationContext({n: c.context.n + 1}, c.version, true); logInfo('i'); console.log('c', 2); return c.version;",
      { context },
    );
    expect(run.result).toBe(0);
    expect(context.value).toEqual({ n: 2 });
    expect(run.logs).toEqual([
      { level: 'info', message: 'i' },
      { level: 'console', message: 'c 2' },
    ]);
  });

  it('reports an exception that escapes the script, and a thenable result', async () => {
    expect((await quickjs("throw new Error('bad');")).error).toBe('bad');
    expect((await quickjs('return { then: function () {} };')).resultKind).toBe('thenable');
  });
});

/** ES5 code whose results must not change when the engine is reduced to the ES5 library. */
const ES5_BEHAVIOUR = `
  var d = new Date(Date.UTC(2020, 1, 29, 12, 30));
  var tags = [Math, JSON, [], d, /x/, new Error('e'), function () {}, null].map(function (v) {
    return Object.prototype.toString.call(v);
  });
  return {
    replaced: 'a-b_c d'.replace(/[-_\\s]([a-z])/g, function (m, c) { return c.toUpperCase(); }),
    replacedOnce: 'aaa'.replace(/a/, 'b'),
    split: 'a1b22c'.split(/\\d+/),
    matched: 'x1y2'.match(/\\d/g),
    searched: 'abc'.search(/c/),
    lastIndex: (function () { var r = /a/g; r.test('aa'); return r.lastIndex; })(),
    flagsOwn: [/a/gi.global, /a/gi.ignoreCase, /a/gi.multiline, /a\\/b/.source],
    dateString: typeof (d + ''),
    dateJson: JSON.stringify({ d: d }),
    iso: d.toISOString(),
    tags: tags,
    sorted: [3, 1, 2].sort(),
    keys: Object.keys({ b: 1, a: 2 }),
    bound: (function () { return this.v; }).bind({ v: 7 })(),
    trimmed: '  x '.trim(),
    parsed: JSON.parse('{"a":[1,{"b":null}]}'),
    number: (1234.5678).toFixed(2),
    frozen: Object.isFrozen(Object.freeze({})),
    errorText: String(new TypeError('t')),
    instance: [new TypeError('t') instanceof Error, /x/ instanceof RegExp, RegExp('a', 'g').test('a')]
  };`;

describe('the ES5-library QuickJS', () => {
  it('has lost every ES2015+ global and library member (only the non-configurable Number constants stay)', async () => {
    const probes = [
      'Map',
      'Set',
      'WeakMap',
      'WeakSet',
      'Symbol',
      'Promise',
      'Proxy',
      'Reflect',
      'ArrayBuffer',
      'Uint8Array',
      'DataView',
      'BigInt',
      'globalThis',
      'WeakRef',
      'Object.assign',
      'Object.getOwnPropertyDescriptors',
      'Object.entries',
      'Object.fromEntries',
      'Object.hasOwn',
      'Array.from',
      'Array.prototype.includes',
      'Array.prototype.find',
      'Array.prototype.flat',
      'Array.prototype.at',
      'Array.prototype.toSorted',
      'String.prototype.includes',
      'String.prototype.startsWith',
      'String.prototype.padStart',
      'String.prototype.replaceAll',
      'String.fromCodePoint',
      'Number.isInteger',
      'Math.trunc',
    ];
    const run = await quickjs(
      `var out = {}; ${JSON.stringify(probes)}.forEach(function (p) {
         var parts = p.split('.'), v = this;
         for (var i = 0; i < parts.length && v !== undefined; i++) v = v[parts[i]];
         out[p] = typeof v; }, this); return out;`,
      { library: 'es5' },
    );
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(Object.fromEntries(probes.map((p) => [p, 'undefined'])));
    expect(run.library?.stuck).toEqual([
      'Number.EPSILON',
      'Number.MAX_SAFE_INTEGER',
      'Number.MIN_SAFE_INTEGER',
    ]);
    expect(run.library?.removed).toEqual(expect.arrayContaining(['Map', 'Symbol', 'Array.from']));
  });

  it('keeps exactly the ES5 members, on the global object and on every standard object', async () => {
    const paths = Object.keys(ES5_MEMBERS);
    const run = await quickjs(
      `var out = { '': Object.getOwnPropertyNames(this) }; ${JSON.stringify(paths)}.forEach(function (p) {
         var parts = p.split('.'), v = this[parts[0]]; if (parts[1]) v = v[parts[1]];
         out[p] = Object.getOwnPropertyNames(v); }, this); return out;`,
      { library: 'es5' },
    );
    const left = run.result as Record<string, string[]>;
    const stuck = ['EPSILON', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER'];
    const xsoar = ['params', 'args', 'command', 'http', 'getIntegrationContext', 'setIntegrationContext'];
    const logging = ['dq', 'logDebug', 'logInfo', 'logError', 'console', 'demistoVersion'];
    expect(left[''].filter((n) => !ES5_GLOBALS.includes(n) && !xsoar.concat(logging).includes(n))).toEqual(
      [],
    );
    for (const path of paths) {
      const extra = left[path].filter((name) => !ES5_MEMBERS[path].includes(name));
      expect([path, extra]).toEqual([path, path === 'Number' ? stuck : []]);
    }
  });

  it('runs ES5 code exactly as the full engine does', async () => {
    const full = await quickjs(ES5_BEHAVIOUR);
    const es5 = await quickjs(ES5_BEHAVIOUR, { library: 'es5' });
    expect(full.error).toBeUndefined();
    expect(es5.result).toEqual(full.result);
    expect((full.result as { replaced: string }).replaced).toBe('aBCD');
  });

  it('refuses RegExp flags beyond g, i and m, as an ES5 engine does', async () => {
    const run = await quickjs(
      "var out = []; ['u', 'y', 's', 'gi'].forEach(function (f) { try { new RegExp('a', f); out.push(f + ' ok'); } catch (e) { out.push(f + ' ' + e.name); } }); return out;",
      { library: 'es5' },
    );
    expect(run.result).toEqual(['u SyntaxError', 'y SyntaxError', 's SyntaxError', 'gi ok']);
  });
});
