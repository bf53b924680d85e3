/**
 * ES2015 library members the bundle calls (our code, axios, node-forge, AJV's runtime), installed
 * only where the engine lacks them. Constructors (Map, typed arrays, ...) are not installed on the
 * engine: the bundle sees them as function-scoped bindings (see index.ts); these are static and
 * prototype methods, which can only live on the built-ins themselves. Each one follows the
 * standard's algorithm for the arguments the bundle passes; a test compares each with the engine's
 * own method.
 */
import { codePoints, defineMethod, forEachItem, ITERATOR, makeIterator, symbolIsPolyfilled } from './symbol';

/** Defines `value` as `target[name]` unless the engine already has it. */
export function install(target: object, name: PropertyKey, value: unknown): void {
  if (name in target) return;
  defineMethod(target, name, value);
}

function toInteger(value: unknown): number {
  const n = Number(value);
  if (n !== n) return 0;
  return n < 0 ? Math.ceil(n) : Math.floor(n);
}

const supportsProtoAssignment = (() => {
  const probe = {} as { __proto__?: unknown };
  probe.__proto__ = Array.prototype;
  return probe instanceof Array;
})();

function installObject(): void {
  install(Object, 'assign', function assign(target: object, ...sources: unknown[]) {
    if (target === undefined || target === null)
      throw new TypeError('Cannot convert undefined or null to object');
    const to = Object(target) as Record<string, unknown>;
    for (const source of sources) {
      if (source === undefined || source === null) continue;
      const from = Object(source) as Record<string, unknown>;
      for (const key of Object.keys(from)) to[key] = from[key];
    }
    return to;
  });
  // Only through `__proto__`, which ES5 engines have but ES5 does not define; where it is missing,
  // only a no-op call (prototype already right, as the prelude's Error base makes it) succeeds.
  install(Object, 'setPrototypeOf', function setPrototypeOf(target: object, proto: object | null) {
    if (Object.getPrototypeOf(target) === proto) return target;
    if (!supportsProtoAssignment)
      throw new TypeError('Object.setPrototypeOf is not supported by this engine');
    (target as { __proto__: unknown }).__proto__ = proto;
    return target;
  });
}

function installNumber(): void {
  install(Number, 'isFinite', (v: unknown) => typeof v === 'number' && isFinite(v));
  install(Number, 'isNaN', (v: unknown) => typeof v === 'number' && v !== v);
  install(Number, 'isInteger', (v: unknown) => typeof v === 'number' && isFinite(v) && toInteger(v) === v);
  install(
    Number,
    'isSafeInteger',
    (v: unknown) =>
      typeof v === 'number' && isFinite(v) && toInteger(v) === v && Math.abs(v) <= 9007199254740991,
  );
  install(Math, 'trunc', (v: unknown) => {
    const n = Number(v);
    return isFinite(n) && n !== 0 ? (n < 0 ? Math.ceil(n) : Math.floor(n)) : n;
  });
}

function installArray(): void {
  install(
    Array,
    'from',
    function from(items: unknown, map?: (v: unknown, i: number) => unknown, self?: unknown) {
      const out: unknown[] = [];
      const source = typeof items === 'string' ? codePoints(items) : items;
      forEachItem(source, (item) => out.push(map ? map.call(self, item, out.length) : item));
      return out;
    },
  );
  install(
    Array.prototype,
    'find',
    function find(this: unknown[], test: (v: unknown, i: number, a: unknown[]) => unknown, self?: unknown) {
      for (let i = 0; i < this.length; i++) if (test.call(self, this[i], i, this)) return this[i];
      return undefined;
    },
  );
}

function installString(): void {
  const proto = String.prototype;
  install(proto, 'startsWith', function startsWith(this: string, search: string, position?: number) {
    const start = Math.min(Math.max(toInteger(position), 0), String(this).length);
    return String(this).substr(start, String(search).length) === String(search);
  });
  install(proto, 'endsWith', function endsWith(this: string, search: string, position?: number) {
    const text = String(this);
    const end =
      position === undefined ? text.length : Math.min(Math.max(toInteger(position), 0), text.length);
    const target = String(search);
    return end >= target.length && text.substring(end - target.length, end) === target;
  });
  install(proto, 'includes', function includes(this: string, search: string, position?: number) {
    if ((search as unknown) instanceof RegExp)
      throw new TypeError('First argument must not be a regular expression');
    return String(this).indexOf(String(search), toInteger(position)) >= 0;
  });
  install(String, 'fromCodePoint', function fromCodePoint(...points: number[]) {
    let out = '';
    for (const point of points) {
      const cp = Number(point);
      if (toInteger(cp) !== cp || cp < 0 || cp > 0x10ffff)
        throw new RangeError(`Invalid code point ${point}`);
      if (cp < 0x10000) out += String.fromCharCode(cp);
      else out += String.fromCharCode(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    }
    return out;
  });
}

/**
 * With the stand-in Symbol, strings and arrays get the `@@iterator` method that the engine would
 * have under `Symbol.iterator`: lowered for-of over a string then yields code points, not UTF-16
 * halves, and axios's "is iterable" check sees arrays as iterable, as in a modern engine.
 */
function installIterators(): void {
  if (!symbolIsPolyfilled) return;
  install(String.prototype, ITERATOR, function (this: string) {
    const points = codePoints(String(this));
    let i = 0;
    return makeIterator(() =>
      i < points.length ? { done: false, value: points[i++] } : { done: true, value: undefined },
    );
  });
  install(Array.prototype, ITERATOR, function (this: unknown[]) {
    let i = 0;
    return makeIterator(() =>
      i < this.length ? { done: false, value: this[i++] } : { done: true, value: undefined },
    );
  });
}

/** Installs the ES2015 members the engine is missing; a no-op on a modern engine. */
export function installEs2015(): void {
  installObject();
  installNumber();
  installArray();
  installString();
  installIterators();
}
