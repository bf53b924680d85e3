/**
 * An esbuild plugin that keeps the bundled CLI's cold start small. It never edits a dependency's
 * source text: it only chooses what a module or a global resolves to. Every choice is behaviour
 * preserving for the Node CLI, and none depends on a dependency's exact code (if one changes
 * shape, the bundle still works, only a little slower to start):
 * - axios reads `FormData` from the global object at load, which makes Node 20 load undici
 *   (~10 ms, 20+ ms on a busy machine). In the bundle, `globalThis` is the real global object seen
 *   through a proxy on which `FormData` reads as undefined (only axios reads `globalThis` here):
 *   axios's `isFormData` falls back to `Object.prototype.toString`, which recognises FormData
 *   anyway, and the CLI never sends a form.
 * - axios's fetch adapter probes `Request`/`Response` at load (undici again); the CLI uses the
 *   http adapter only.
 * - form-data (with get-intrinsic and friends, ~0.7 ms of module init) only serves axios's
 *   object-to-multipart conversion, which the integration never asks for: it loads on first use.
 * - mime-db (136 KB of JSON) only serves form-data's file-name → content-type guess for file
 *   uploads, which the integration never sends.
 * - debug is only enabled through the DEBUG variable; a no-op avoids loading tty.
 * - Not avoided: axios's http adapter reads `process.allowedNodeEnvironmentFlags` at the first
 *   request without a proxy, which makes Node build its whole flag set once (~0.7 ms).
 * - http2 and assert are used at request time only (never by the integration's requests), so they
 *   load on first use. So do https, tls and crypto (~4 ms together at every start): a command whose
 *   requests are plain http, or whose token is cached, never needs them; the others load them at
 *   their first use.
 */
import type { Plugin } from 'esbuild';

/**
 * Injected into the bundle: `globalThis` in every bundled module becomes this export (esbuild's
 * `inject`), the real global object behind a proxy that only hides `FormData` (see the file
 * comment). Writes and every other read reach the real global object.
 */
const LEAN_GLOBAL = 'lean-global-this';
const LEAN_GLOBAL_SOURCE = [
  'const real = globalThis;',
  "const lean = new Proxy(real, { get: (target, key) => (key === 'FormData' ? undefined : Reflect.get(target, key)) });",
  'export { lean as globalThis };',
].join('\n');

const STUBS: Record<string, string> = {
  [LEAN_GLOBAL]: LEAN_GLOBAL_SOURCE,
  'mime-db': 'module.exports = {};',
  'axios-fetch': 'export const getFetch = () => false; export default false;',
  debug: [
    'function createDebug() { const d = function () {}; d.enabled = false; d.extend = createDebug; return d; }',
    'module.exports = createDebug; module.exports.default = createDebug;',
  ].join('\n'),
};

// ESM importers get a default export: esbuild's CommonJS interop would enumerate the proxy's keys
// at import time and so load the module eagerly. The target is a bound function (callable and
// constructible, with no non-configurable own keys) because `assert` is called directly and
// form-data is constructed; `__esModule` is answered without loading (interop helpers probe it).
const lazyModule = (specifier: string, esm: boolean): string =>
  [
    `let real; const load = () => (real ??= require(${JSON.stringify(specifier)}));`,
    `${esm ? 'export default' : 'module.exports ='} new Proxy(function () {}.bind(null), {`,
    "  get: (_, key) => (key === '__esModule' ? undefined : load()[key]),",
    '  has: (_, key) => key in load(),',
    '  apply: (_, self, args) => Reflect.apply(load(), self, args),',
    '  construct: (_, args) => Reflect.construct(load(), args),',
    '  ownKeys: () => Reflect.ownKeys(load()),',
    '  getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(load(), key); if (d) d.configurable = true; return d; },',
    '});',
  ].join('\n');

const LAZY_BUILTINS = new Set(['http2', 'assert', 'https', 'tls', 'crypto']);
/** Packages loaded on first use, and the importers whose use of them is known to be lazy-safe. */
const LAZY_PACKAGES: Record<string, RegExp> = { 'form-data': /axios[\\/]lib[\\/]/ };
const ESM_SUFFIX = '?esm';

/** The plugin; see the file comment for what it rewrites and why. */
export function leanBundlePlugin(): Plugin {
  return {
    name: 'lean-node-bundle',
    setup(build) {
      build.initialOptions.inject = [...(build.initialOptions.inject ?? []), LEAN_GLOBAL];
      build.onResolve({ filter: new RegExp(`^${LEAN_GLOBAL}$`) }, () => ({
        path: LEAN_GLOBAL,
        namespace: 'stub',
      }));
      build.onResolve({ filter: /^(mime-db|debug)$/ }, (a) => ({ path: a.path, namespace: 'stub' }));
      build.onResolve({ filter: /^\.\/fetch\.js$/ }, (a) =>
        /axios[\\/]lib[\\/]adapters/.test(a.importer)
          ? { path: 'axios-fetch', namespace: 'stub' }
          : undefined,
      );
      build.onResolve({ filter: /^(node:)?(http2|assert|https|tls|crypto)$/ }, (a) =>
        a.importer.includes('node_modules')
          ? {
              // One module per flavour: esbuild shares a module by path, and a CommonJS flavour seen
              // by an ESM importer (or the reverse) would load the builtin at import time.
              path: `${a.path.replace(/^node:/, '')}${a.kind === 'import-statement' ? ESM_SUFFIX : ''}`,
              namespace: 'lazy',
            }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'stub' }, (a) => ({ contents: STUBS[a.path], loader: 'js' }));
      build.onResolve({ filter: /^form-data$/ }, (a) =>
        LAZY_PACKAGES[a.path]?.test(a.importer) && a.kind === 'import-statement'
          ? { path: `${a.path}${ESM_SUFFIX}`, namespace: 'lazy', pluginData: a.resolveDir }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy' }, (a) => {
        const esm = a.path.endsWith(ESM_SUFFIX);
        const name = esm ? a.path.slice(0, -ESM_SUFFIX.length) : a.path;
        if (LAZY_BUILTINS.has(name)) return { contents: lazyModule(`node:${name}`, esm), loader: 'js' };
        if (name in LAZY_PACKAGES)
          return { contents: lazyModule(name, esm), loader: 'js', resolveDir: a.pluginData as string };
        return undefined;
      });
    },
  };
}
