/**
 * The server bundle's prelude, built separately (scripts/build/bundle.ts) and placed before the
 * integration bundle inside the script's wrapper function, where the build declares
 * `var Promise = __xsoarPrelude.SyncPromise` and `var __xsoarGlobal = __xsoarPrelude.globalObject`.
 * Shadowing `Promise` with a function-scoped variable (rather than esbuild's `inject`) is what
 * reaches esbuild's own `__async` helper too, which `inject` and `define` do not rewrite.
 */
import { installPolyfills } from './polyfills';
import { SyncPromise } from './syncPromise';

// Web workers and some embedded engines name the global object `self`.
declare const self: object | undefined;

/**
 * The engine's global object: ES2020 `globalThis`, else `self`. Without either (and without
 * `eval`/`Function`, refused in the bundle, and a sloppy `this`, unavailable in the strict script)
 * an empty object stands in: the bundle then only misses an engine `crypto.getRandomValues`.
 */
function findGlobal(): object {
  if (typeof globalThis !== 'undefined') return globalThis;
  if (typeof self !== 'undefined' && self) return self;
  return {};
}

installPolyfills();

/** The global object the bundle's `globalThis`/`self` references are rewritten to. */
export const globalObject = findGlobal();

export { SyncPromise };
