/**
 * `Map`, `Set`, `WeakMap` and `WeakSet` for an engine without them (ES2015), used only where the
 * engine has none. Same API and semantics as far as the bundle goes: SameValueZero keys, insertion
 * order, iteration that sees entries added during it and skips deleted ones, `forEach`, `keys`,
 * `values`, `entries` and the iteration protocol.
 *
 * Storage: entries in insertion order (a deleted entry leaves a hole); primitive keys are found
 * through a dictionary, object keys by a linear search (the bundle's object-keyed maps hold a
 * handful of entries, and nothing is written onto the key objects). Two documented differences:
 * the weak variants hold their keys strongly (a script run is short-lived), and `clear()` or a
 * compaction after many deletions starts new storage, which iterators created before no longer
 * follow.
 */
import { defineMethod, forEachItem, ITERATOR, makeIterator } from './symbol';

const HOLE = {};
const COMPACT_AFTER = 64;

function primitiveKey(key: unknown): string | undefined {
  const type = typeof key;
  if (key === null) return 'null';
  if (type === 'object' || type === 'function') return undefined;
  // String(-0) is '0' and String(NaN) is 'NaN': SameValueZero, as Map wants.
  return `${type}:${String(key)}`;
}

/** The shared storage of the polyfilled Map and Set. */
class Store {
  keys: unknown[] = [];
  values: unknown[] = [];
  index: Record<string, number> = Object.create(null) as Record<string, number>;
  holes = 0;

  find(key: unknown): number {
    const primitive = primitiveKey(key);
    if (primitive !== undefined) {
      const at = this.index[primitive];
      return at === undefined ? -1 : at;
    }
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] === key) return i;
    return -1;
  }

  add(rawKey: unknown, value: unknown): void {
    // The standard stores -0 as +0.
    const key = rawKey === 0 ? 0 : rawKey;
    const at = this.find(key);
    if (at >= 0) {
      this.values[at] = value;
      return;
    }
    const primitive = primitiveKey(key);
    if (primitive !== undefined) this.index[primitive] = this.keys.length;
    this.keys.push(key);
    this.values.push(value);
  }

  remove(key: unknown): boolean {
    const at = this.find(key);
    if (at < 0) return false;
    const primitive = primitiveKey(key);
    if (primitive !== undefined) delete this.index[primitive];
    this.keys[at] = HOLE;
    this.values[at] = undefined;
    this.holes += 1;
    if (this.holes > COMPACT_AFTER && this.holes * 2 > this.keys.length) this.compact();
    return true;
  }

  compact(): void {
    const keys = this.keys;
    const values = this.values;
    this.reset();
    for (let i = 0; i < keys.length; i++) if (keys[i] !== HOLE) this.add(keys[i], values[i]);
  }

  reset(): void {
    this.keys = [];
    this.values = [];
    this.index = Object.create(null) as Record<string, number>;
    this.holes = 0;
  }

  get size(): number {
    return this.keys.length - this.holes;
  }

  iterate<T>(pick: (key: unknown, value: unknown) => T): IterableIterator<T> {
    const keys = this.keys;
    const values = this.values;
    let i = 0;
    return makeIterator<T>(() => {
      while (i < keys.length) {
        const at = i++;
        if (keys[at] !== HOLE) return { done: false, value: pick(keys[at], values[at]) };
      }
      return { done: true, value: undefined };
    });
  }
}

/** Internal state as a non-enumerable own property: a Map serializes and enumerates as `{}`. */
function hide(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: false, configurable: false, enumerable: false });
}

function requireObject(key: unknown): void {
  if (primitiveKey(key) !== undefined) throw new TypeError('Invalid value used as weak collection key');
}

/** Map (see the file comment). */
export class MapPolyfill {
  declare private readonly store: Store;
  constructor(entries?: unknown) {
    hide(this, 'store', new Store());
    forEachItem(entries, (entry) => {
      const pair = entry as [unknown, unknown];
      this.set(pair[0], pair[1]);
    });
  }
  get size(): number {
    return this.store.size;
  }
  get(key: unknown): unknown {
    const at = this.store.find(key);
    return at < 0 ? undefined : this.store.values[at];
  }
  set(key: unknown, value: unknown): this {
    this.store.add(key, value);
    return this;
  }
  has(key: unknown): boolean {
    return this.store.find(key) >= 0;
  }
  delete(key: unknown): boolean {
    return this.store.remove(key);
  }
  clear(): void {
    this.store.reset();
  }
  forEach(callback: (value: unknown, key: unknown, map: this) => void, thisArg?: unknown): void {
    const iterator = this.store.iterate((key, value) => [key, value]);
    for (let step = iterator.next(); !step.done; step = iterator.next())
      callback.call(thisArg, step.value[1], step.value[0], this);
  }
  keys(): IterableIterator<unknown> {
    return this.store.iterate((key) => key);
  }
  values(): IterableIterator<unknown> {
    return this.store.iterate((_, value) => value);
  }
  entries(): IterableIterator<[unknown, unknown]> {
    return this.store.iterate((key, value) => [key, value] as [unknown, unknown]);
  }
}
defineMethod(MapPolyfill.prototype, ITERATOR, MapPolyfill.prototype.entries);

/** Set (see the file comment). */
export class SetPolyfill {
  declare private readonly store: Store;
  constructor(values?: unknown) {
    hide(this, 'store', new Store());
    forEachItem(values, (value) => this.add(value));
  }
  get size(): number {
    return this.store.size;
  }
  add(value: unknown): this {
    this.store.add(value, value);
    return this;
  }
  has(value: unknown): boolean {
    return this.store.find(value) >= 0;
  }
  delete(value: unknown): boolean {
    return this.store.remove(value);
  }
  clear(): void {
    this.store.reset();
  }
  forEach(callback: (value: unknown, again: unknown, set: this) => void, thisArg?: unknown): void {
    const iterator = this.store.iterate((key) => key);
    for (let step = iterator.next(); !step.done; step = iterator.next())
      callback.call(thisArg, step.value, step.value, this);
  }
  values(): IterableIterator<unknown> {
    return this.store.iterate((key) => key);
  }
  entries(): IterableIterator<[unknown, unknown]> {
    return this.store.iterate((key) => [key, key] as [unknown, unknown]);
  }
}
defineMethod(SetPolyfill.prototype, 'keys', SetPolyfill.prototype.values);
defineMethod(SetPolyfill.prototype, ITERATOR, SetPolyfill.prototype.values);

/** WeakMap: a Map restricted to object keys, without size or iteration (keys held strongly). */
export class WeakMapPolyfill {
  declare private readonly map: MapPolyfill;
  constructor(entries?: unknown) {
    hide(this, 'map', new MapPolyfill());
    forEachItem(entries, (entry) => {
      const pair = entry as [unknown, unknown];
      this.set(pair[0], pair[1]);
    });
  }
  get(key: unknown): unknown {
    return this.map.get(key);
  }
  set(key: unknown, value: unknown): this {
    requireObject(key);
    this.map.set(key, value);
    return this;
  }
  has(key: unknown): boolean {
    return this.map.has(key);
  }
  delete(key: unknown): boolean {
    return this.map.delete(key);
  }
}

/** WeakSet: a Set restricted to objects, without size or iteration (values held strongly). */
export class WeakSetPolyfill {
  declare private readonly set: SetPolyfill;
  constructor(values?: unknown) {
    hide(this, 'set', new SetPolyfill());
    forEachItem(values, (value) => this.add(value));
  }
  add(value: unknown): this {
    requireObject(value);
    this.set.add(value);
    return this;
  }
  has(value: unknown): boolean {
    return this.set.has(value);
  }
  delete(value: unknown): boolean {
    return this.set.delete(value);
  }
}
