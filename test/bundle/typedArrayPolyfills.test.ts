/**
 * The prelude's ArrayBuffer, Uint8Array, Uint32Array and DataView (used where the engine has no
 * typed arrays) against the engine's own: same values after conversion, shared memory between
 * views of one buffer, same copies and iteration.
 */
import fc from 'fast-check';
import {
  ArrayBufferPolyfill,
  DataViewPolyfill,
  Uint32ArrayPolyfill,
  Uint8ArrayPolyfill,
} from '../../scripts/build/prelude/typedArrays';

type Kit = {
  Buffer: new (n: number) => ArrayBuffer;
  U8: Uint8ArrayConstructor;
  U32: Uint32ArrayConstructor;
  View: DataViewConstructor;
  isView: (v: unknown) => boolean;
};
const NATIVE: Kit = {
  Buffer: ArrayBuffer,
  U8: Uint8Array,
  U32: Uint32Array,
  View: DataView,
  isView: ArrayBuffer.isView,
};
const OURS: Kit = {
  Buffer: ArrayBufferPolyfill as unknown as Kit['Buffer'],
  U8: Uint8ArrayPolyfill as unknown as Uint8ArrayConstructor,
  U32: Uint32ArrayPolyfill as unknown as Uint32ArrayConstructor,
  View: DataViewPolyfill as unknown as DataViewConstructor,
  isView: ArrayBufferPolyfill.isView,
};

/** Values that exercise ToUint8/ToUint32: negatives, fractions, overflow, NaN, non-numbers. */
const element = fc.oneof(
  fc.integer({ min: -300, max: 300 }),
  fc.constantFrom<unknown>(
    255.9,
    -0.5,
    256,
    2 ** 32 + 7,
    -(2 ** 31),
    2 ** 53,
    NaN,
    Infinity,
    '12',
    null,
    undefined,
    true,
  ),
  fc.double({ noNaN: false }),
);

describe('Uint8Array and Uint32Array polyfills', () => {
  it('convert written values like the native arrays (modulo 2^8 and 2^32, truncation, NaN to 0)', () => {
    fc.assert(
      fc.property(fc.array(element, { maxLength: 20 }), (values) => {
        for (const kind of ['U8', 'U32'] as const) {
          const native = new NATIVE[kind](values.length);
          const ours = new OURS[kind](values.length);
          values.forEach((v, i) => {
            native[i] = v as number;
            ours[i] = v as number;
          });
          expect(Array.from(ours)).toEqual(Array.from(native));
          expect(Array.from(new OURS[kind](values as number[]))).toEqual(
            Array.from(new NATIVE[kind](values as number[])),
          );
        }
      }),
    );
  });

  it('share memory between subarray views and the buffer, like the native arrays', () => {
    const run = (kit: Kit) => {
      const bytes = new kit.U8([1, 2, 3, 4, 5, 6, 7, 8]);
      const middle = bytes.subarray(2, -2);
      middle[0] = 300;
      middle.set([9, 9], 2);
      const words = new kit.U32(bytes.buffer as ArrayBuffer, 4, 1);
      words[0] = 0x01020304;
      return [
        Array.from(bytes),
        Array.from(middle),
        [middle.length, middle.byteOffset, middle.byteLength, bytes.buffer.byteLength],
        Array.from(bytes.subarray(-3)),
        Array.from(bytes.slice(1, 3)),
        kit.isView(bytes),
        kit.isView(bytes.buffer),
      ];
    };
    expect(run(OURS)).toEqual(run(NATIVE));
  });

  it('copy, fill, build from iterables and iterate like the native arrays', () => {
    const run = (kit: Kit) => {
      const a = kit.U8.from([1, 2, 3], (v) => (v as number) * 100);
      const b = kit.U8.of(7, 8, 256);
      const c = new kit.U8(new Set([5, 6]));
      const copy = a.slice();
      copy[0] = 0;
      const filled = new kit.U32(4).fill(-1, 1, 3);
      const seen: number[] = [];
      for (const v of b) seen.push(v);
      return [
        Array.from(a),
        Array.from(b),
        Array.from(c),
        Array.from(copy),
        Array.from(filled),
        seen,
        a instanceof kit.U8,
      ];
    };
    expect(run(OURS)).toEqual(run(NATIVE));
  });

  it('refuse an out-of-bounds set and an unaligned view, like the native arrays', () => {
    // By name: the native errors come from Node's realm, not the test's.
    const errorName = (fn: () => unknown): string => {
      try {
        fn();
        return 'no error';
      } catch (error) {
        return (error as Error).name;
      }
    };
    for (const kit of [NATIVE, OURS]) {
      expect(errorName(() => new kit.U8(2).set([1, 2, 3]))).toBe('RangeError');
      expect(errorName(() => new kit.U32(new kit.Buffer(8), 2))).toBe('RangeError');
      expect(errorName(() => new kit.U8(-1))).toBe('RangeError');
    }
  });
});

describe('DataView polyfill', () => {
  const methods = ['Uint8', 'Int8', 'Uint16', 'Int16', 'Uint32', 'Int32'] as const;

  it('reads and writes 8, 16 and 32-bit values in both byte orders like the native DataView', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 8, maxLength: 8 }),
        fc.constantFrom(...methods),
        fc.integer({ min: 0, max: 4 }),
        element,
        fc.boolean(),
        (bytes, method, offset, value, littleEndian) => {
          const run = (kit: Kit) => {
            const array = new kit.U8(bytes);
            const view = new kit.View(array.buffer as ArrayBuffer);
            const before = (view[`get${method}`] as (o: number, le: boolean) => number).call(
              view,
              offset,
              littleEndian,
            );
            (view[`set${method}`] as (o: number, v: unknown, le: boolean) => void).call(
              view,
              offset,
              value,
              littleEndian,
            );
            return [before, Array.from(array), view.getUint32(4), view.getUint32(0, true)];
          };
          expect(run(OURS)).toEqual(run(NATIVE));
        },
      ),
    );
  });

  it('covers a window of a buffer and refuses reads past its end, like the native DataView', () => {
    for (const kit of [NATIVE, OURS]) {
      const bytes = new kit.U8([1, 2, 3, 4, 5, 6]);
      const view = new kit.View(bytes.buffer as ArrayBuffer, 2, 3);
      expect([view.byteOffset, view.byteLength, view.getUint16(0), view.getUint8(2)]).toEqual([
        2, 3, 0x0304, 5,
      ]);
      expect(() => view.getUint32(0)).toThrow(RangeError);
    }
  });
});
