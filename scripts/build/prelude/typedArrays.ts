/**
 * `ArrayBuffer`, `Uint8Array`, `Uint32Array` and `DataView` for an engine without typed arrays
 * (ES2015), used only where the engine has none. These are what the bundle uses: bytes everywhere
 * in the crypto port and the encodings, 32-bit words and a big-endian DataView in the cache's
 * SHA-256.
 *
 * A buffer holds its bytes in a plain array; views read and write through it, so views of one buffer
 * (`subarray`, a DataView over `bytes.buffer`) share memory as the standard requires. Element `i`
 * of a view is an accessor property that converts on write like the standard (Uint8: modulo 2^8,
 * Uint32: modulo 2^32, little-endian). Differences, none of which the bundle relies on: a write past
 * the end adds an ordinary property instead of being ignored, and creating a view costs one
 * property definition per element (fine for the kilobyte-sized values the bundle handles).
 */
import { defineMethod, forEachItem, ITERATOR, makeIterator } from './symbol';

/** ArrayBuffer (see the file comment). */
export class ArrayBufferPolyfill {
  declare readonly byteLength: number;
  /** The bytes, shared by every view of this buffer. */
  declare readonly bytes: number[];
  constructor(length?: number) {
    const size = toLength(length);
    const bytes: number[] = new Array(size);
    for (let i = 0; i < size; i++) bytes[i] = 0;
    Object.defineProperty(this, 'bytes', { value: bytes });
    Object.defineProperty(this, 'byteLength', { value: size });
  }
  slice(begin?: number, end?: number): ArrayBufferPolyfill {
    const [from, to] = range(this.byteLength, begin, end);
    const copy = new ArrayBufferPolyfill(to - from);
    for (let i = from; i < to; i++) copy.bytes[i - from] = this.bytes[i];
    return copy;
  }
  static isView(value: unknown): boolean {
    return value instanceof TypedArrayPolyfill || value instanceof DataViewPolyfill;
  }
}

function toLength(value: unknown): number {
  const n = Math.floor(Number(value) || 0);
  if (n < 0 || n > 0x7fffffff) throw new RangeError('Invalid typed array length');
  return n;
}

/** [from, to) of `length` for slice-style begin/end (negative counts from the end). */
function range(length: number, begin?: number, end?: number): [number, number] {
  const clamp = (value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    const n = Math.floor(Number(value) || 0);
    return n < 0 ? Math.max(length + n, 0) : Math.min(n, length);
  };
  const from = clamp(begin, 0);
  return [from, Math.max(clamp(end, length), from)];
}

// One descriptor per index, shared by all views: the accessor reads its view's `read(i)`.
const accessors: PropertyDescriptor[] = [];
function accessor(i: number): PropertyDescriptor {
  accessors[i] ??= {
    get(this: TypedArrayPolyfill) {
      return this.read(i);
    },
    set(this: TypedArrayPolyfill, value: unknown) {
      this.write(i, value);
    },
    enumerable: true,
    configurable: false,
  };
  return accessors[i];
}

/** The shared base of the polyfilled views, like the standard's %TypedArray%. */
export abstract class TypedArrayPolyfill {
  declare readonly buffer: ArrayBufferPolyfill;
  declare readonly byteOffset: number;
  declare readonly byteLength: number;
  declare readonly length: number;
  constructor(source: unknown, byteOffset: number | undefined, length: number | undefined, size: number) {
    let buffer: ArrayBufferPolyfill;
    let offset = 0;
    let count: number;
    const items: unknown[] = [];
    if (source instanceof ArrayBufferPolyfill) {
      buffer = source;
      offset = toLength(byteOffset);
      count = length === undefined ? (buffer.byteLength - offset) / size : toLength(length);
      if (offset % size !== 0 || count % 1 !== 0 || offset + count * size > buffer.byteLength)
        throw new RangeError('Invalid typed array offset or length');
    } else {
      if (typeof source === 'object' && source !== null) forEachItem(source, (item) => items.push(item));
      count = typeof source === 'object' && source !== null ? items.length : toLength(source);
      buffer = new ArrayBufferPolyfill(count * size);
    }
    Object.defineProperty(this, 'buffer', { value: buffer });
    Object.defineProperty(this, 'byteOffset', { value: offset });
    Object.defineProperty(this, 'byteLength', { value: count * size });
    Object.defineProperty(this, 'length', { value: count });
    for (let i = 0; i < count; i++) Object.defineProperty(this, i, accessor(i));
    for (let i = 0; i < items.length; i++) this.write(i, items[i]);
  }
  abstract read(index: number): number;
  abstract write(index: number, value: unknown): void;
  /** A new view of the same kind over [begin, end) of the same memory. */
  subarray(begin?: number, end?: number): this {
    const [from, to] = range(this.length, begin, end);
    const View = this.constructor as { BYTES_PER_ELEMENT: number } & (new (
      b: ArrayBufferPolyfill,
      o: number,
      l: number,
    ) => this);
    return new View(this.buffer, this.byteOffset + from * View.BYTES_PER_ELEMENT, to - from);
  }
  /** A copy of [begin, end). */
  slice(begin?: number, end?: number): this {
    const [from, to] = range(this.length, begin, end);
    const View = this.constructor as new (items: unknown[]) => this;
    const items: number[] = [];
    for (let i = from; i < to; i++) items.push(this.read(i));
    return new View(items);
  }
  /** Copies `source` (an array or array-like) in, starting at `offset`. */
  set(source: ArrayLike<unknown>, offset = 0): void {
    const start = toLength(offset);
    if (start + source.length > this.length) throw new RangeError('offset is out of bounds');
    const copy: unknown[] = [];
    for (let i = 0; i < source.length; i++) copy.push(source[i]);
    for (let i = 0; i < copy.length; i++) this.write(start + i, copy[i]);
  }
  fill(value: unknown, begin?: number, end?: number): this {
    const [from, to] = range(this.length, begin, end);
    for (let i = from; i < to; i++) this.write(i, value);
    return this;
  }
  values(): IterableIterator<number> {
    let i = 0;
    return makeIterator<number>(() =>
      i < this.length ? { done: false, value: this.read(i++) } : { done: true, value: undefined },
    );
  }
}
defineMethod(TypedArrayPolyfill.prototype, ITERATOR, TypedArrayPolyfill.prototype.values);

/** Uint8Array (see the file comment). */
export class Uint8ArrayPolyfill extends TypedArrayPolyfill {
  static readonly BYTES_PER_ELEMENT = 1;
  constructor(source?: unknown, byteOffset?: number, length?: number) {
    super(source, byteOffset, length, 1);
  }
  read(index: number): number {
    return this.buffer.bytes[this.byteOffset + index];
  }
  write(index: number, value: unknown): void {
    this.buffer.bytes[this.byteOffset + index] = (value as number) & 0xff;
  }
  static from(items: unknown, map?: (value: unknown, index: number) => unknown): Uint8ArrayPolyfill {
    const values: unknown[] = [];
    forEachItem(items, (item) => values.push(map ? map(item, values.length) : item));
    return new Uint8ArrayPolyfill(values);
  }
  static of(...items: unknown[]): Uint8ArrayPolyfill {
    return new Uint8ArrayPolyfill(items);
  }
}

/** Uint32Array, little-endian like the platforms the standard's views run on (see the file comment). */
export class Uint32ArrayPolyfill extends TypedArrayPolyfill {
  static readonly BYTES_PER_ELEMENT = 4;
  constructor(source?: unknown, byteOffset?: number, length?: number) {
    super(source, byteOffset, length, 4);
  }
  read(index: number): number {
    return getUint(this.buffer.bytes, this.byteOffset + index * 4, 4, true);
  }
  write(index: number, value: unknown): void {
    setUint(this.buffer.bytes, this.byteOffset + index * 4, 4, value, true);
  }
}

function getUint(bytes: number[], at: number, size: number, littleEndian: boolean): number {
  let value = 0;
  for (let k = 0; k < size; k++) value = value * 256 + bytes[at + (littleEndian ? size - 1 - k : k)];
  return value;
}

function setUint(bytes: number[], at: number, size: number, value: unknown, littleEndian: boolean): void {
  // Truncate, then modulo 2^(8*size), as ToUint8/ToUint16/ToUint32 do.
  const limit = Math.pow(2, 8 * size);
  const n = Number(value);
  // `|| 0` turns -0 (from truncating -0.5) into 0, as the conversion does.
  let v = (isFinite(n) ? (n < 0 ? Math.ceil(n) : Math.floor(n)) % limit : 0) || 0;
  if (v < 0) v += limit;
  for (let k = 0; k < size; k++) {
    bytes[at + (littleEndian ? k : size - 1 - k)] = v % 256;
    v = Math.floor(v / 256);
  }
}

/** DataView with the unsigned and signed 8/16/32-bit accessors, defined below (see the file comment). */
export class DataViewPolyfill {
  declare readonly buffer: ArrayBufferPolyfill;
  declare readonly byteOffset: number;
  declare readonly byteLength: number;
  constructor(buffer: ArrayBufferPolyfill, byteOffset?: number, byteLength?: number) {
    if (!(buffer instanceof ArrayBufferPolyfill)) throw new TypeError('DataView needs an ArrayBuffer');
    const offset = toLength(byteOffset);
    const length = byteLength === undefined ? buffer.byteLength - offset : toLength(byteLength);
    if (offset + length > buffer.byteLength) throw new RangeError('Invalid DataView length');
    Object.defineProperty(this, 'buffer', { value: buffer });
    Object.defineProperty(this, 'byteOffset', { value: offset });
    Object.defineProperty(this, 'byteLength', { value: length });
  }
  private at(offset: number, size: number): number {
    const at = toLength(offset);
    if (at + size > this.byteLength) throw new RangeError('Offset is outside the bounds of the DataView');
    return this.byteOffset + at;
  }
  /** Reads `size` bytes at `offset` as an (un)signed integer, big-endian unless `littleEndian`. */
  read(offset: number, size: number, signed: boolean, littleEndian?: boolean): number {
    const value = getUint(this.buffer.bytes, this.at(offset, size), size, Boolean(littleEndian));
    const limit = Math.pow(2, 8 * size);
    return signed && value >= limit / 2 ? value - limit : value;
  }
  /** Writes `value` modulo 2^(8*size) at `offset` (signed and unsigned writes are the same bytes). */
  write(offset: number, size: number, value: unknown, littleEndian?: boolean): void {
    setUint(this.buffer.bytes, this.at(offset, size), size, value, Boolean(littleEndian));
  }
}

// getUint8 ... setInt32, as the standard names them, over read/write.
for (const [type, size] of [
  ['Int8', 1],
  ['Uint8', 1],
  ['Int16', 2],
  ['Uint16', 2],
  ['Int32', 4],
  ['Uint32', 4],
] as const) {
  const signed = type.charAt(0) === 'I';
  defineMethod(
    DataViewPolyfill.prototype,
    `get${type}`,
    function (this: DataViewPolyfill, o: number, le?: boolean) {
      return this.read(o, size, signed, le);
    },
  );
  defineMethod(
    DataViewPolyfill.prototype,
    `set${type}`,
    function (this: DataViewPolyfill, o: number, value: unknown, le?: boolean) {
      this.write(o, size, value, le);
    },
  );
}
