/**
 * The sandbox's script thread (plain CommonJS so that worker_threads can load it under tsx and
 * jest alike). It runs the server script in a node:vm context holding ONLY the ECMAScript
 * built-ins plus the XSOAR globals, wrapped in a function like the server does, and takes its
 * return value synchronously.
 *
 * Host calls (http, integration context) are synchronous for the script: this thread posts the
 * call on a MessagePort, blocks in Atomics.wait, and reads the answer with receiveMessageOnPort.
 * The main thread does the real work (so an emulator running there stays responsive).
 */
'use strict';
const vm = require('node:vm');
const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads');

const { script, port, signal, globals, options } = workerData;
const flag = new Int32Array(signal);
const HOST_CALL_TIMEOUT_MS = options.hostCallTimeoutMs;

/** Globals a fresh V8 context has that the XSOAR engine does not promise (or that we replace). */
const REMOVED = ['WebAssembly', 'console'];

function hostCall(kind, payload) {
  Atomics.store(flag, 0, 0);
  port.postMessage({ kind, payload });
  if (Atomics.wait(flag, 0, 0, HOST_CALL_TIMEOUT_MS) === 'timed-out') {
    throw new Error(`sandbox: the host did not answer the ${kind} call`);
  }
  const message = receiveMessageOnPort(port);
  if (!message) throw new Error(`sandbox: no answer to the ${kind} call`);
  return message.message;
}

function log(level, message) {
  parentPort.postMessage({ type: 'log', level, message: String(message) });
}

function createContext() {
  const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
  const inContext = (code) => vm.runInContext(code, context);
  for (const name of REMOVED) inContext(`delete globalThis[${JSON.stringify(name)}]`);
  if (options.hideNativePromise) inContext('delete globalThis.Promise');
  // Values the script sees must belong to its own realm (instanceof Object, Array.isArray...).
  const parse = inContext('JSON.parse');
  const ContextError = inContext('Error');
  const toContext = (value) => (value === undefined ? undefined : parse(JSON.stringify(value)));
  return { context, inContext, toContext, ContextError };
}

function installGlobals(sandbox) {
  const { context, toContext, ContextError } = sandbox;
  for (const name of ['params', 'args', 'command', 'invContext']) {
    if (globals[name] !== undefined) context[name] = toContext(globals[name]);
  }
  context.http = (url, request, insecure, proxy) => {
    const answer = hostCall('http', {
      url,
      request: JSON.parse(JSON.stringify(request ?? {})),
      insecure,
      proxy,
    });
    if (answer.error) throw new ContextError(answer.error);
    return toContext(answer.response);
  };
  context.getIntegrationContext = (...callArgs) =>
    toContext(hostCall('getContext', { args: callArgs }).value);
  context.setIntegrationContext = (...callArgs) => {
    const value = hostCall('setContext', { args: JSON.parse(JSON.stringify(callArgs)) }).value;
    return toContext(value);
  };
  context.logDebug = (message) => log('debug', message);
  context.logInfo = (message) => log('info', message);
  context.logError = (message) => log('error', message);
  context.console = toContext({});
  context.console.log = (...parts) => log('console', parts.map(String).join(' '));
  context.demistoVersion = () =>
    toContext({ version: options.serverVersion, buildNumber: options.buildNumber });
  context.dq = (obj, path) =>
    toContext(hostCall('dq', { obj: JSON.parse(JSON.stringify(obj ?? null)), path }).value);
}

function describe(result) {
  if (
    result !== null &&
    (typeof result === 'object' || typeof result === 'function') &&
    typeof result.then === 'function'
  ) {
    return { kind: 'thenable' };
  }
  return {
    kind: Array.isArray(result) ? 'array' : typeof result,
    value: JSON.parse(JSON.stringify(result ?? null)),
  };
}

function run() {
  const sandbox = createContext();
  installGlobals(sandbox);
  const missing = options.checkGlobals.filter(
    (name) => sandbox.inContext(`typeof globalThis[${JSON.stringify(name)}]`) !== 'undefined',
  );
  const started = Date.now();
  try {
    // The server wraps the script body in a function: top-level `return` gives the result.
    const wrapped = new vm.Script(`(function () {\n${script}\n})()`, { filename: 'integration-script.js' });
    const result = wrapped.runInContext(sandbox.context);
    parentPort.postMessage({
      type: 'done',
      presentGlobals: missing,
      ms: Date.now() - started,
      result: describe(result),
    });
  } catch (error) {
    const message = error && typeof error === 'object' && 'message' in error ? error.message : String(error);
    parentPort.postMessage({
      type: 'done',
      presentGlobals: missing,
      ms: Date.now() - started,
      error: String(message),
    });
  }
}

run();
