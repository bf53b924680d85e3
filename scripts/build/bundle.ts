/**
 * Bundles the integration into ONE script for the XSOAR server's JavaScript engine.
 *
 * Engine assumptions (documented in scripts/build/README.md): ES2015 syntax including generators (esbuild
 * cannot lower generators, classes or let/const below ES2015), typed arrays, Map/Set, RegExp with
 * the `u` flag, and a synchronous global `http()`. No Promise job queue, timers, `require` or
 * Node/web APIs are needed: async/await is lowered to generators and `Promise` is the bundle's own
 * synchronous implementation (prelude/syncPromise.ts).
 *
 * Layout of the script (the server wraps the body in a function, so a top-level `return` is legal):
 *   return (function (__xsoarServer) {
 *     <prelude: var __xsoarPrelude = ...>      SyncPromise, polyfills, the global object
 *     var __xsoarGlobal = ...; var Promise = ...;   function-scoped, so every bundled reference
 *                                                    (esbuild's __async helper included) uses them
 *     <integration: var __xsoarIntegration = ...>
 *     return __xsoarIntegration.run(__xsoarServer, <build info>);
 *   })({ params: typeof params !== 'undefined' ? params : undefined, ... });
 */
import * as path from 'node:path';
import * as esbuild from 'esbuild';

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

const TARGET = 'es2015';

function defines(): Record<string, string> {
  const out: Record<string, string> = {
    globalThis: '__xsoarGlobal',
    self: '__xsoarGlobal',
    global: '__xsoarGlobal',
  };
  for (const name of UNDEFINED_GLOBALS) out[name] = 'undefined';
  return out;
}

// The bare `node-forge` import resolves to the subset the bundle needs, and the module's Node-only
// files (re-exported by its index.ts) to throwing stubs: node:http/node:crypto cannot be bundled.
const serverOnlyPlugin: esbuild.Plugin = {
  name: 'server-only',
  setup(build) {
    build.onResolve({ filter: /^node-forge$/ }, () => ({
      path: path.join(__dirname, 'prelude', 'forgeLite.js'),
    }));
    build.onResolve({ filter: /\/(nodeHttp|nodeCrypto)(\.ts)?$/ }, () => ({
      path: path.join(__dirname, 'prelude', 'nodeOnlyStub.ts'),
    }));
  },
};

async function iife(root: string, entry: string, globalName: string, minify: boolean, integration: boolean) {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: TARGET,
    minify,
    keepNames: true,
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

/** Builds the prelude alone: `var __xsoarPrelude = ...` (exported for tests). */
export function bundlePrelude(root: string, minify = true): Promise<string> {
  return iife(root, path.join(__dirname, 'prelude', 'index.ts'), '__xsoarPrelude', minify, false);
}

/** Builds the complete server script body (without the `// pack version` line). */
export async function bundleServerScript(options: BundleOptions): Promise<string> {
  const minify = options.minify ?? true;
  const prelude = await bundlePrelude(options.root, minify);
  const entry = options.entryPoint ?? DEFAULT_ENTRY;
  const integration = await iife(options.root, entry, '__xsoarIntegration', minify, true);
  const body = [
    'return (function (__xsoarServer) {',
    // The TypeScript sources are strict code; CommonServer.js around the script is not affected.
    "'use strict';",
    prelude,
    'var __xsoarGlobal = __xsoarPrelude.globalObject;',
    'var Promise = __xsoarPrelude.SyncPromise;',
    integration,
    `return __xsoarIntegration.run(__xsoarServer, ${JSON.stringify(options.buildInfo ?? {})});`,
    `})(${serverGlobalsLiteral()});`,
    '',
  ].join('\n');
  return escapeControlCharacters(body);
}
