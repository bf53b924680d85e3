/**
 * `Symbol` for an engine without one: each symbol is a unique string key (`@@name@n`), and the
 * well-known ones the bundle uses are fixed strings (`@@iterator`, `@@toStringTag`). That is all the bundle needs from symbols: distinct property keys, and one
 * agreed key for the iteration protocol, which TypeScript's lowered for-of, spread and
 * destructuring (`__values`, `__read`) and the prelude's Map and Set look up.
 *
 * Differences from real symbols, none of which the bundle relies on: `typeof` is `'string'`, and a
 * property keyed by one is an ordinary string-keyed property (enumerable when simply assigned).
 * Used only when the engine has no `Symbol` of its own.
 */

/** The subset of the Symbol API the bundle uses. */
export interface SymbolApi {
  (description?: unknown): symbol;
  readonly iterator: symbol;
  readonly toStringTag: symbol;
}

/** Creates the string-keyed Symbol stand-in (exported for tests; the bundle uses {@link SymbolBinding}). */
export function createSymbolPolyfill(): SymbolApi {
  let counter = 0;
  const make = function Symbol(this: unknown, description?: unknown): string {
    if (this instanceof make) throw new TypeError('Symbol is not a constructor');
    counter += 1;
    return `@@${description === undefined ? '' : String(description)}@${counter}`;
  };
  const api = make as unknown as { [key: string]: unknown };
  api.iterator = '@@iterator';
  api.toStringTag = '@@toStringTag';
  return make as unknown as SymbolApi;
}

/** The engine's Symbol, or the stand-in. */
export const SymbolBinding: SymbolApi =
  typeof Symbol === 'function' ? (Symbol as unknown as SymbolApi) : createSymbolPolyfill();

/** True when {@link SymbolBinding} is the stand-in (the engine has no Symbol). */
export const symbolIsPolyfilled = typeof Symbol !== 'function';

/** The iteration protocol's key: `Symbol.iterator`, or `@@iterator` with the stand-in. */
export const ITERATOR = SymbolBinding.iterator as unknown as string;

/** Defines a non-enumerable method, like a class method or a built-in's. */
export function defineMethod(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

/** An iterator over `next()` results, itself iterable (as built-in iterators are). */
export function makeIterator<T>(next: () => IteratorResult<T, unknown>): IterableIterator<T> {
  const iterator = { next } as IterableIterator<T>;
  defineMethod(iterator, ITERATOR, function (this: unknown) {
    return this;
  });
  return iterator;
}

/** Calls `visit` for each item of an array, an array-like or an iterable (by the protocol's key). */
export function forEachItem(items: unknown, visit: (item: unknown) => void): void {
  if (items === undefined || items === null) return;
  const method = (items as Record<string, unknown>)[ITERATOR];
  if (typeof method === 'function') {
    const iterator = method.call(items) as Iterator<unknown>;
    for (let step = iterator.next(); !step.done; step = iterator.next()) visit(step.value);
    return;
  }
  const list = Object(items) as ArrayLike<unknown>;
  for (let i = 0; i < list.length; i++) visit(list[i]);
}

/** Code points of a string, as `for (const ch of text)` yields them. */
export function codePoints(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const high = text.charCodeAt(i);
    const low = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      out.push(text.charAt(i) + text.charAt(i + 1));
      i += 1;
    } else out.push(text.charAt(i));
  }
  return out;
}
