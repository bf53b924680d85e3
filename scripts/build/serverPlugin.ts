/**
 * The esbuild plugin of the server bundle: what resolves differently for the XSOAR server.
 * - The bare `node-forge` import resolves to the subset the bundle needs (prelude/forgeLite.js).
 * - The module's Node-only files (re-exported by its index.ts) resolve to throwing stubs: node:http
 *   and node:crypto cannot be bundled.
 * - axios's xhr and fetch adapters resolve to an empty stub module: the server bundle always hands
 *   axios its own adapter (http/serverHttp.ts), so they are dead weight (about 26 KB minified).
 *   axios imports them by relative path from lib/adapters/adapters.js; its source is not touched.
 */
import * as path from 'node:path';
import type * as esbuild from 'esbuild';

const STUB_NAMESPACE = 'server-stub';

/** The stand-in for axios's browser adapters: `false` is what axios's adapter table holds for "not available". */
const ADAPTER_STUB = 'export default false; export const getFetch = () => false;';

/** The plugin (see the file comment). */
export const serverOnlyPlugin: esbuild.Plugin = {
  name: 'server-only',
  setup(build) {
    build.onResolve({ filter: /^node-forge$/ }, () => ({
      path: path.join(__dirname, 'prelude', 'forgeLite.js'),
    }));
    build.onResolve({ filter: /\/(nodeHttp|nodeCrypto)(\.ts)?$/ }, () => ({
      path: path.join(__dirname, 'prelude', 'nodeOnlyStub.ts'),
    }));
    build.onResolve({ filter: /^\.\/(xhr|fetch)\.js$/ }, (args) =>
      /axios[\\/]lib[\\/]adapters$/.test(args.resolveDir)
        ? { path: `axios-${args.path.slice(2, -3)}-adapter`, namespace: STUB_NAMESPACE }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: STUB_NAMESPACE }, () => ({
      contents: ADAPTER_STUB,
      loader: 'js',
    }));
  },
};
