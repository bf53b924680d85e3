/**
 * Minimal ES2016-ES2019 library polyfills for the server bundle, installed only where the engine
 * lacks the method (ES2015 members are in es2015.ts). The list is what the bundled code (ours,
 * axios, AJV's runtime) calls; a test runs each one in a context where the native method was
 * removed, and test/bundle/libraryUse.test.ts fails when our code starts using one that is missing.
 */
import { install as define } from './es2015';
import { forEachItem } from './symbol';

type AnyRecord = Record<PropertyKey, unknown>;

function installObject(): void {
  define(Object, 'entries', (o: AnyRecord) => Object.keys(o).map((k) => [k, o[k]]));
  define(Object, 'fromEntries', (entries: Iterable<[PropertyKey, unknown]>) => {
    const out: AnyRecord = {};
    // Not for-of: in the prelude that needs the engine's own Symbol (see symbol.ts).
    forEachItem(entries, (entry) => {
      const pair = entry as [PropertyKey, unknown];
      out[pair[0]] = pair[1];
    });
    return out;
  });
  // axios reads every descriptor of its classes at load (to freeze their methods).
  define(Object, 'getOwnPropertyDescriptors', (o: object) => {
    const out: Record<PropertyKey, PropertyDescriptor | undefined> = {};
    const symbols = Object.getOwnPropertySymbols ? Object.getOwnPropertySymbols(o) : [];
    for (const key of (Object.getOwnPropertyNames(o) as PropertyKey[]).concat(symbols))
      out[key] = Object.getOwnPropertyDescriptor(o, key);
    return out;
  });
}

function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b);
}

function installArray(): void {
  define(Array.prototype, 'includes', function (this: unknown[], search: unknown, from = 0) {
    const start = Math.trunc(from) || 0;
    for (let i = Math.max(start < 0 ? this.length + start : start, 0); i < this.length; i++) {
      if (sameValueZero(this[i], search)) return true;
    }
    return false;
  });
}

function installString(): void {
  define(String.prototype, 'padStart', function (this: string, length: number, filler?: string) {
    const text = String(this);
    const fill = filler === undefined ? ' ' : String(filler);
    if (length <= text.length || fill === '') return text;
    let padding = '';
    while (padding.length < length - text.length) padding += fill;
    return padding.slice(0, length - text.length) + text;
  });
}

/** Installs the polyfills the engine is missing; a no-op on a modern engine. */
export function installPolyfills(): void {
  installObject();
  installArray();
  installString();
}
