/**
 * The sandbox's QuickJS script thread (plain CommonJS, like worker.js): runs the server script in
 * QuickJS (compiled to WebAssembly by quickjs-emscripten), a second engine besides V8, holding only
 * what QuickJS brings plus the XSOAR globals, optionally reduced to the ES5 library first
 * (es5Library.js). The body is wrapped in a function like the server does and its return value is
 * taken synchronously.
 *
 * QuickJS here is synchronous, so a host call (http, integration context, dq) blocks this thread in
 * Atomics.wait (hostBridge.js) while the main thread does the work. The XSOAR globals are defined
 * in the engine by an ES5 glue script over two raw host functions, which are then deleted.
 */
'use strict';
const { performance } = require('node:perf_hooks');
const { parentPort, workerData } = require('node:worker_threads');
const {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  RELEASE_SYNC,
  shouldInterruptAfterDeadline,
} = require('quickjs-emscripten');
const { stripToEs5Source } = require('./es5Library');
const { createHostBridge } = require('./hostBridge');

const { script, port, signal, globals, options, wasmModule } = workerData;
const bridge = createHostBridge(port, signal, options.hostCallTimeoutMs);

/** The XSOAR globals, defined in the engine in ES5 over the raw host functions. */
function glue(g, host, log, inputs) {
  var given = JSON.parse(inputs);
  var slice = Array.prototype.slice;
  function call(kind, payload) {
    var answer = JSON.parse(host(kind, JSON.stringify(payload)));
    if (answer.error) throw new Error(answer.error);
    return answer;
  }
  var names = ['params', 'args', 'command', 'invContext'];
  for (var i = 0; i < names.length; i++) if (names[i] in given.globals) g[names[i]] = given.globals[names[i]];
  g.http = function http(url, request, insecure, proxy) {
    var payload = { url: url, request: request || {}, insecure: insecure, proxy: proxy };
    return call('http', payload).response;
  };
  g.getIntegrationContext = function getIntegrationContext() {
    return call('getContext', { args: slice.call(arguments) }).value;
  };
  g.setIntegrationContext = function setIntegrationContext() {
    return call('setContext', { args: slice.call(arguments) }).value;
  };
  g.dq = function dq(obj, path) {
    return call('dq', { obj: obj === undefined ? null : obj, path: path }).value;
  };
  g.logDebug = function logDebug(message) {
    log('debug', String(message));
  };
  g.logInfo = function logInfo(message) {
    log('info', String(message));
  };
  g.logError = function logError(message) {
    log('error', String(message));
  };
  g.console = {
    log: function () {
      log('console', slice.call(arguments).map(String).join(' '));
    },
  };
  g.demistoVersion = function demistoVersion() {
    return { version: given.serverVersion, buildNumber: given.buildNumber };
  };
}

/** Runs in the engine: the script's result as JSON text, like worker.js's describe(). */
function describeResult(r) {
  if (r !== null && (typeof r === 'object' || typeof r === 'function') && typeof r.then === 'function') {
    return JSON.stringify({ kind: 'thenable' });
  }
  var kind = Object.prototype.toString.call(r) === '[object Array]' ? 'array' : typeof r;
  return JSON.stringify({ kind: kind, value: r === undefined ? null : r });
}

const XSOAR_GLOBALS = [
  'params',
  'args',
  'command',
  'invContext',
  'http',
  'getIntegrationContext',
  'setIntegrationContext',
  'dq',
  'logDebug',
  'logInfo',
  'logError',
  'console',
  'demistoVersion',
];

function defineHostFunctions(ctx) {
  const host = ctx.newFunction('host', (kind, payload) => {
    const answer = bridge.call(ctx.getString(kind), JSON.parse(ctx.getString(payload)));
    return ctx.newString(JSON.stringify(answer));
  });
  const log = ctx.newFunction('log', (level, message) => {
    bridge.log(ctx.getString(level), ctx.getString(message));
  });
  const inputs = ctx.newString(
    JSON.stringify({ globals, serverVersion: options.serverVersion, buildNumber: options.buildNumber }),
  );
  for (const [name, handle] of [
    ['__host', host],
    ['__log', log],
    ['__inputs', inputs],
  ]) {
    ctx.setProp(ctx.global, name, handle);
    handle.dispose();
  }
  evaluate(ctx, `(${glue})(this, __host, __log, __inputs); delete __host; delete __log; delete __inputs;`);
}

/** Evaluates `code` and returns its dumped value; throws the engine's error message. */
function evaluate(ctx, code, filename = 'sandbox.js') {
  const result = ctx.evalCode(code, filename);
  if (result.error) {
    const error = ctx.dump(result.error);
    result.error.dispose();
    const message = error && typeof error === 'object' ? error.message : String(error);
    throw new Error(message === undefined ? JSON.stringify(error) : String(message));
  }
  const value = ctx.dump(result.value);
  result.value.dispose();
  return value;
}

async function run() {
  const variant = newVariant(RELEASE_SYNC, { wasmModule });
  const quickjs = await newQuickJSWASMModuleFromVariant(variant);
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(options.memoryLimitBytes);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + options.timeoutMs));
  const ctx = runtime.newContext();
  defineHostFunctions(ctx);
  const library = options.library === 'es5' ? evaluate(ctx, stripToEs5Source(XSOAR_GLOBALS)) : undefined;
  const presentGlobals = options.checkGlobals.filter(
    (name) => evaluate(ctx, `typeof this[${JSON.stringify(name)}]`) !== 'undefined',
  );
  const started = performance.now();
  const done = { type: 'done', presentGlobals, library };
  try {
    // The server wraps the script body in a function: top-level `return` gives the result.
    const result = ctx.evalCode(`__result = (function () {\n${script}\n})();`, 'integration-script.js');
    if (result.error) {
      const error = ctx.dump(result.error);
      result.error.dispose();
      done.error = String(error && typeof error === 'object' ? error.message : error);
    } else {
      result.value.dispose();
      done.result = JSON.parse(evaluate(ctx, `(${describeResult})(__result)`));
    }
  } catch (error) {
    done.error = String(error && error.message);
  }
  done.ms = performance.now() - started;
  parentPort.postMessage(done);
}

run().catch((error) => parentPort.postMessage({ type: 'done', error: `sandbox: ${error.message}` }));
