/**
 * Bundles the integration into ONE ECMAScript 5 script for the XSOAR server's JavaScript engine.
 *
 * Pipeline: esbuild bundles the TypeScript sources and their dependencies (no syntax lowering),
 * TypeScript lowers the result to ES5 (lower.ts), esbuild minifies it, and checks.ts refuses
 * anything that is not ES5. Engine assumptions are in scripts/build/README.md: ES5 syntax and
 * library, a synchronous global `http()`; no Promise job queue, timers, `require`, Node or web APIs.
 *
 * Layout (the server wraps the script body in a function, so a top-level `return` is legal):
 *   var __xsoarPrelude = (function () { ... })();   polyfills, SyncPromise, the Error base
 *   return (function (__xsoarServer) {
 *     'use strict';
 *     var Promise = __xsoarPrelude.bindings.Promise, Map = ..., ...;   see PRELUDE_BINDINGS
 *     var __xsoarGlobal = __xsoarPrelude.globalObject;
 *     <TypeScript's helpers> <the integration: var __xsoarIntegration = ...>
 *     return __xsoarIntegration.run(__xsoarServer, <build info>);
 *   })({ params: typeof params !== 'undefined' ? params : undefined, ... });
 *
 * The prelude runs outside the function so that it sees the engine's own Map, Symbol, ... (inside,
 * the hoisted `var`s hide them); everything inside, TypeScript's helpers included, sees the
 * prelude's bindings.
 */
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { lowerToEs5, minifyEs5 } from './lower';
import { serverOnlyPlugin } from './serverPlugin';

/** Options for {@link bundleServerScript}. */
export interface BundleOptions {
  /** Repository root (the esbuild working directory, so output never holds absolute paths). */
  readonly root: string;
  /** The entry module, relative to root; it must export `run(globals, buildInfo)`. */
  readonly entryPoint?: string;
  readonly minify?: boolean;
  /** Passed to `run` as its second argument. */
  readonly buildInfo?: Readonly<Record<string, string>>;
}

/** The default entry: the integration's bundle entry. */
export const DEFAULT_ENTRY = 'Integrations/MicrosoftGraphCalendar/bundleEntry.ts';

/**
 * Globals rewritten at build time to `undefined` (or to the engine's global object): guarded code
 * in axios and node-forge then takes the same synchronous paths on the server as in the sandbox,
 * even if some server build happened to expose a timer or a web API.
 */
export const UNDEFINED_GLOBALS = [
  'process',
  'Buffer',
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'queueMicrotask',
  'structuredClone',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'URLSearchParams',
  'AbortController',
  'AbortSignal',
  'FormData',
  'Blob',
  'fetch',
  'XMLHttpRequest',
  'ReadableStream',
  'Request',
  'Response',
  'performance',
  'window',
  'document',
  'navigator',
  'crypto',
] as const;

/** The server globals the wrapper hands to the entry (see ServerGlobals in serverRuntime.ts). */
export const SERVER_GLOBALS = [
  'params',
  'args',
  'command',
  'http',
  'getIntegrationContext',
  'setIntegrationContext',
  'logDebug',
  'logInfo',
  'logError',
  'console',
  'demistoVersion',
  'invContext',
  'dq',
  'callingContext',
  'getLicenseID',
] as const;

/**
 * Names the integration sees as the prelude's values (prelude/index.ts `bindings`): the engine's
 * own constructor where it has one, else the prelude's polyfill; `Promise` is always SyncPromise
 * and `Error` always the prelude's subclassable Error. Function-scoped `var`s, so no global of the
 * server's engine is modified and TypeScript's helpers see them too.
 */
export const PRELUDE_BINDINGS = [
  'Promise',
  'Error',
  'Symbol',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'ArrayBuffer',
  'DataView',
  'Uint8Array',
  'Uint32Array',
] as const;

function defines(): Record<string, string> {
  const out: Record<string, string> = {
    globalThis: '__xsoarGlobal',
    self: '__xsoarGlobal',
    global: '__xsoarGlobal',
  };
  for (const name of UNDEFINED_GLOBALS) out[name] = 'undefined';
  return out;
}

/** esbuild's bundle of one entry, as an IIFE assigned to `globalName`, syntax not lowered. */
async function bundleEntry(root: string, entry: string, globalName: string, integration: boolean) {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: 'esnext',
    legalComments: 'eof',
    charset: 'ascii',
    // The prelude must see the real globals: it is what finds the global object.
    define: integration ? defines() : {},
    plugins: integration ? [serverOnlyPlugin] : [],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text.trimEnd();
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\x00-\x09\x0b-\x1f\x7f]/g;

/**
 * Rewrites raw control characters and tabs (they occur inside string literals, e.g. Python's whitespace set
 * in pythonTitle.ts) as `\xHH` escapes, which mean the same inside strings, templates and regular
 * expressions. Why: they would force the YAML script into a one-line double-quoted scalar instead
 * of a readable literal block, and YAML normalizes a raw carriage return. The build's syntax check
 * catches the impossible case of one outside a literal.
 */
export function escapeControlCharacters(script: string): string {
  return script.replace(CONTROL_CHARACTERS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function serverGlobalsLiteral(): string {
  const fields = SERVER_GLOBALS.map(
    (name) => `  ${name}: typeof ${name} !== 'undefined' ? ${name} : undefined`,
  );
  return `{\n${fields.join(',\n')}\n}`;
}

/** The prelude, lowered to ES5 and wrapped so that its helpers stay local: `var __xsoarPrelude = ...;`. */
export async function bundlePrelude(root: string, minify = true): Promise<string> {
  const prelude = await bundleEntry(
    root,
    path.join(__dirname, 'prelude', 'index.ts'),
    '__xsoarPrelude',
    false,
  );
  const wrapped = [
    'var __xsoarPrelude = (function () {',
    lowerToEs5(prelude, 'prelude.js'),
    'return __xsoarPrelude;',
    '})();',
  ].join('\n');
  return (await minifyEs5(wrapped, minify)).trimEnd();
}

/** The function body around the integration, before lowering (see the file comment). */
function integrationBody(integration: string): string {
  const bindings = PRELUDE_BINDINGS.map((name) => `${name} = __xsoarPrelude.bindings.${name}`);
  return [
    `var ${bindings.join(', ')};`,
    'var __xsoarGlobal = __xsoarPrelude.globalObject;',
    integration,
  ].join('\n');
}

/** Builds the complete server script body (without the `// pack version` line). */
export async function bundleServerScript(options: BundleOptions): Promise<string> {
  const minify = options.minify ?? true;
  const entry = options.entryPoint ?? DEFAULT_ENTRY;
  const [prelude, integration] = await Promise.all([
    bundlePrelude(options.root, false),
    bundleEntry(options.root, entry, '__xsoarIntegration', true),
  ]);
  const body = [
    prelude,
    'return (function (__xsoarServer) {',
    lowerToEs5(integrationBody(integration), 'integration.js'),
    `return __xsoarIntegration.run(__xsoarServer, ${JSON.stringify(options.buildInfo ?? {})});`,
    `})(${serverGlobalsLiteral()});`,
  ].join('\n');
  return escapeControlCharacters(`${(await minifyEs5(body, minify)).trimEnd()}\n`);
}
