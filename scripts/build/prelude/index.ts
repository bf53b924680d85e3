/**
 * The server bundle's prelude, built separately (scripts/build/bundle.ts) and run before the
 * integration, outside the function that holds it, so that it sees the engine's own globals. It
 * installs the library methods the engine lacks and hands the integration its `bindings`: the
 * bundle declares `var Promise = __xsoarPrelude.bindings.Promise, Map = ...` in the integration's
 * function, so every bundled reference (TypeScript's helpers included) uses them and no global of
 * the server's engine is replaced.
 */
import {
  ArrayBufferPolyfill,
  DataViewPolyfill,
  Uint32ArrayPolyfill,
  Uint8ArrayPolyfill,
} from './typedArrays';
import { MapPolyfill, SetPolyfill, WeakMapPolyfill, WeakSetPolyfill } from './collections';
import { ErrorBinding } from './errorBase';
import { installEs2015 } from './es2015';
import { installPolyfills } from './polyfills';
import { SymbolBinding } from './symbol';
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

/** The engine's constructor when it has one, else the polyfill. */
function engineOr<T>(engine: T | undefined, polyfill: unknown): T {
  return typeof engine === 'function' ? engine : (polyfill as T);
}

installEs2015();
installPolyfills();

/** The global object the bundle's `globalThis`/`self` references are rewritten to. */
export const globalObject = findGlobal();

/** The values of the integration's function-scoped bindings (names: PRELUDE_BINDINGS in bundle.ts). */
export const bindings = {
  // Always ours: the server never drains a Promise job queue (see syncPromise.ts).
  Promise: SyncPromise,
  // Always ours: ES5 subclasses of the engine's Error lose their class (see errorBase.ts).
  Error: ErrorBinding,
  Symbol: SymbolBinding,
  Map: engineOr(typeof Map === 'undefined' ? undefined : Map, MapPolyfill),
  Set: engineOr(typeof Set === 'undefined' ? undefined : Set, SetPolyfill),
  WeakMap: engineOr(typeof WeakMap === 'undefined' ? undefined : WeakMap, WeakMapPolyfill),
  WeakSet: engineOr(typeof WeakSet === 'undefined' ? undefined : WeakSet, WeakSetPolyfill),
  ...typedArrays(),
};

/**
 * The typed arrays, all from the engine or all polyfilled: the polyfilled views only work over the
 * polyfilled ArrayBuffer.
 */
function typedArrays() {
  const engine =
    typeof ArrayBuffer === 'function' &&
    typeof DataView === 'function' &&
    typeof Uint8Array === 'function' &&
    typeof Uint32Array === 'function';
  return engine
    ? { ArrayBuffer, DataView, Uint8Array, Uint32Array }
    : {
        ArrayBuffer: ArrayBufferPolyfill as unknown as ArrayBufferConstructor,
        DataView: DataViewPolyfill as unknown as DataViewConstructor,
        Uint8Array: Uint8ArrayPolyfill as unknown as Uint8ArrayConstructor,
        Uint32Array: Uint32ArrayPolyfill as unknown as Uint32ArrayConstructor,
      };
}

export { SyncPromise };
