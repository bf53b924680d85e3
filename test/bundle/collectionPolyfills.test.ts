/**
 * The prelude's Map, Set, WeakMap and WeakSet (used where the engine has none) against the
 * engine's own: random operation sequences must give the same answers, sizes and iteration order.
 */
import fc from 'fast-check';
import {
  MapPolyfill,
  SetPolyfill,
  WeakMapPolyfill,
  WeakSetPolyfill,
} from '../../scripts/build/prelude/collections';

const objects = [{}, {}, [], () => 1];
/** Keys that exercise SameValueZero: NaN, 0 and -0, '1' and 1, null, undefined, objects. */
const key = fc.oneof(
  fc.constantFrom<unknown>(NaN, 0, -0, 1, '1', '', 'null', null, undefined, true, 'true', ...objects),
  fc.integer({ min: -3, max: 3 }),
  fc.string({ maxLength: 2 }),
);

type Op = { op: 'set' | 'get' | 'has' | 'delete' | 'clear'; key: unknown; value: number };
const op: fc.Arbitrary<Op> = fc.record({
  op: fc.constantFrom<Op['op']>('set', 'set', 'get', 'has', 'delete', 'delete', 'clear'),
  key,
  value: fc.integer(),
});

type MapLike = {
  set(k: unknown, v: unknown): unknown;
  get(k: unknown): unknown;
  has(k: unknown): boolean;
  delete(k: unknown): boolean;
  clear(): void;
  size: number;
  entries(): Iterable<[unknown, unknown]>;
  forEach(fn: (v: unknown, k: unknown) => void): void;
};

function replay(map: MapLike, ops: Op[]): unknown[] {
  const out: unknown[] = [];
  for (const { op: name, key: k, value } of ops) {
    if (name === 'set') out.push(map.set(k, value) === map);
    else if (name === 'clear') out.push(map.clear());
    else out.push(map[name](k));
    out.push(map.size);
  }
  const forEachOrder: unknown[] = [];
  map.forEach((v, k) => forEachOrder.push([k, v]));
  return [out, Array.from(map.entries()), forEachOrder];
}

describe('MapPolyfill', () => {
  it('answers every operation like the native Map (SameValueZero keys, insertion order)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        expect(replay(new MapPolyfill() as unknown as MapLike, ops)).toEqual(
          replay(new Map() as unknown as MapLike, ops),
        );
      }),
      {
        examples: [
          [[{ op: 'set', key: -0, value: 1 }]],
          [
            [
              { op: 'set', key: NaN, value: 1 },
              { op: 'get', key: NaN, value: 0 },
            ],
          ],
        ],
      },
    );
  });

  it('iterates like the native Map while entries are added and deleted during the iteration', () => {
    const visit = (map: Map<number, number>) => {
      const seen: number[] = [];
      for (const [k] of map) {
        seen.push(k);
        if (k === 1) map.delete(2);
        if (k < 4) map.set(k + 10, k);
      }
      return seen;
    };
    const native = new Map([1, 2, 3].map((k) => [k, k] as [number, number]));
    const ours = new MapPolyfill([1, 2, 3].map((k) => [k, k])) as unknown as Map<number, number>;
    expect(visit(ours)).toEqual(visit(native));
    expect([...ours.keys()]).toEqual([...native.keys()]);
    expect([...ours.values()]).toEqual([...native.values()]);
  });

  it('keeps order and lookups right through the compaction that follows many deletions', () => {
    const ours = new MapPolyfill() as unknown as Map<number, number>;
    const native = new Map<number, number>();
    for (const map of [ours, native]) {
      for (let i = 0; i < 300; i++) map.set(i, i);
      for (let i = 0; i < 300; i += 3) map.delete(i);
      map.set(0, -1);
    }
    expect([...ours]).toEqual([...native]);
    expect(ours.get(299)).toBe(299);
    expect(ours.size).toBe(native.size);
  });

  it('serializes and enumerates as an empty object, like the native Map', () => {
    const map = new MapPolyfill([['a', 1]]);
    expect(JSON.stringify(map)).toBe(JSON.stringify(new Map([['a', 1]])));
    expect(Object.keys(map)).toEqual([]);
  });
});

describe('SetPolyfill', () => {
  it('answers every operation like the native Set', () => {
    const replaySet = (set: Set<unknown>, ops: Op[]) => {
      const out = ops.map(({ op: name, key: k }) =>
        name === 'set'
          ? set.add(k) === set
          : name === 'get' || name === 'has'
            ? set.has(k)
            : name === 'delete'
              ? set.delete(k)
              : set.clear(),
      );
      const each: unknown[] = [];
      set.forEach((v, again) => each.push([v, again]));
      return [out, set.size, [...set], [...set.keys()], [...set.entries()], each];
    };
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        expect(replaySet(new SetPolyfill() as unknown as Set<unknown>, ops)).toEqual(
          replaySet(new Set(), ops),
        );
      }),
    );
  });

  it('is built from any iterable, like the native Set', () => {
    for (const source of [[1, 1, 2], new Set(['a', 'b']), 'abca', undefined, null]) {
      expect([...(new SetPolyfill(source) as unknown as Set<unknown>)]).toEqual([
        ...new Set(source as Iterable<unknown>),
      ]);
    }
  });
});

describe('WeakMapPolyfill and WeakSetPolyfill', () => {
  it('map and hold objects like the native ones', () => {
    const a = {};
    const b = [] as unknown[];
    for (const [WM, WS] of [
      [WeakMap, WeakSet],
      [WeakMapPolyfill, WeakSetPolyfill],
    ] as const) {
      const map = new (WM as WeakMapConstructor)([[a, 1]]);
      const set = new (WS as WeakSetConstructor)([a]);
      expect([map.get(a), map.has(b), map.set(b, 2) === map, map.get(b), map.delete(a), map.has(a)]).toEqual([
        1,
        false,
        true,
        2,
        true,
        false,
      ]);
      expect([set.has(a), set.has(b), set.add(b) === set, set.delete(a), set.has(a), set.has(b)]).toEqual([
        true,
        false,
        true,
        true,
        false,
        true,
      ]);
      expect(map.get({})).toBeUndefined();
    }
  });

  it('refuse primitive keys with a TypeError, like the native ones', () => {
    for (const bad of [1, 'a', null, undefined, true]) {
      expect(() => new WeakMap().set(bad as unknown as object, 1)).toThrow(TypeError);
      expect(() => new WeakMapPolyfill().set(bad, 1)).toThrow(TypeError);
      expect(() => new WeakSetPolyfill().add(bad)).toThrow(TypeError);
      expect([new WeakMapPolyfill().get(bad), new WeakSetPolyfill().has(bad)]).toEqual([undefined, false]);
    }
  });
});
