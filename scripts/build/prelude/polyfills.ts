/**
 * Minimal ES2016-ES2022 library polyfills for the server bundle, installed only where the engine
 * lacks the method (ES2015 members are in es2015.ts). The list covers the methods the bundled code
 * (ours, axios, ajv's runtime) calls; a test runs each one in a context where the native method
 * was removed.
 */
import { install as define } from './es2015';
import { forEachItem } from './symbol';

type AnyRecord = Record<PropertyKey, unknown>;

function installObject(): void {
  define(Object, 'entries', (o: AnyRecord) => Object.keys(o).map((k) => [k, o[k]]));
  define(Object, 'values', (o: AnyRecord) => Object.keys(o).map((k) => o[k]));
  define(Object, 'fromEntries', (entries: Iterable<[PropertyKey, unknown]>) => {
    const out: AnyRecord = {};
    // Not for-of: in the prelude that needs the engine's own Symbol (see symbol.ts).
    forEachItem(entries, (entry) => {
      const pair = entry as [PropertyKey, unknown];
      out[pair[0]] = pair[1];
    });
    return out;
  });
  define(Object, 'hasOwn', (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k));
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

function flatten(items: readonly unknown[], depth: number, out: unknown[]): unknown[] {
  for (const item of items) {
    if (Array.isArray(item) && depth > 0) flatten(item, depth - 1, out);
    else out.push(item);
  }
  return out;
}

function relativeIndex(length: number, index: number): number {
  const i = Math.trunc(index) || 0;
  return i < 0 ? length + i : i;
}

function installArray(): void {
  const proto = Array.prototype;
  define(proto, 'includes', function (this: unknown[], search: unknown, from = 0) {
    for (let i = Math.max(relativeIndex(this.length, from), 0); i < this.length; i++) {
      if (sameValueZero(this[i], search)) return true;
    }
    return false;
  });
  define(proto, 'flat', function (this: unknown[], depth = 1) {
    return flatten(this, depth, []);
  });
  define(proto, 'flatMap', function (this: unknown[], fn: (v: unknown, i: number, a: unknown[]) => unknown) {
    return flatten(this.map(fn), 1, []);
  });
  define(proto, 'at', function (this: unknown[], index: number) {
    return this[relativeIndex(this.length, index)];
  });
}

function pad(text: string, length: number, filler: string, atStart: boolean): string {
  const fill = filler === undefined ? ' ' : String(filler);
  if (length <= text.length || fill === '') return text;
  let padding = '';
  while (padding.length < length - text.length) padding += fill;
  padding = padding.slice(0, length - text.length);
  return atStart ? padding + text : text + padding;
}

function installString(): void {
  const proto = String.prototype;
  define(proto, 'padStart', function (this: string, length: number, filler: string) {
    return pad(String(this), length, filler, true);
  });
  define(proto, 'padEnd', function (this: string, length: number, filler: string) {
    return pad(String(this), length, filler, false);
  });
  define(proto, 'trimStart', function (this: string) {
    return String(this).replace(/^\s+/, '');
  });
  define(proto, 'trimEnd', function (this: string) {
    return String(this).replace(/\s+$/, '');
  });
  // A RegExp pattern must be global, where `replace` is equivalent; a string becomes an escaped
  // global RegExp so `$&` patterns and replacer functions behave as in the native method.
  define(proto, 'replaceAll', function (this: string, pattern: string | RegExp, replacement: string) {
    const re =
      pattern instanceof RegExp
        ? pattern
        : new RegExp(String(pattern).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
    return String(this).replace(re, replacement);
  });
}

/** Installs the polyfills the engine is missing; a no-op on a modern engine. */
export function installPolyfills(): void {
  installObject();
  installArray();
  installString();
}
