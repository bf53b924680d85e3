import * as path from 'node:path';
import * as vm from 'node:vm';
import { bundlePrelude } from '../../scripts/build/bundle';

const root = path.resolve(__dirname, '..', '..');

const REMOVED = [
  'Object.entries',
  'Object.values',
  'Object.fromEntries',
  'Object.hasOwn',
  'Array.prototype.includes',
  'Array.prototype.flat',
  'Array.prototype.flatMap',
  'Array.prototype.at',
  'String.prototype.padStart',
  'String.prototype.padEnd',
  'String.prototype.trimStart',
  'String.prototype.trimEnd',
  'String.prototype.replaceAll',
];

/** A context whose engine lacks the ES2016+ methods, with the prelude run in it. */
async function oldEngine(): Promise<(code: string) => unknown> {
  const context = vm.createContext({});
  const run = (code: string): unknown => vm.runInContext(code, context);
  for (const name of REMOVED) run(`delete ${name}`);
  expect(run(`[${REMOVED.join(', ')}].filter(function (m) { return m !== undefined; }).length`)).toBe(0);
  run(await bundlePrelude(root));
  return (code) => JSON.parse(JSON.stringify(run(code)));
}

describe('prelude polyfills on an engine without ES2016+ library methods', () => {
  let run: (code: string) => unknown;
  beforeAll(async () => {
    run = await oldEngine();
  });

  it('installs every method', () => {
    expect(run(`[${REMOVED.join(', ')}].map(function (m) { return typeof m; })`)).toEqual(
      REMOVED.map(() => 'function'),
    );
  });

  it('behaves like the native Object methods', () => {
    expect(run('Object.entries({a: 1, b: [2]})')).toEqual([
      ['a', 1],
      ['b', [2]],
    ]);
    expect(run('Object.values({a: 1, b: 2})')).toEqual([1, 2]);
    expect(run("Object.fromEntries(new Map([['x', 1], ['y', 2]]))")).toEqual({ x: 1, y: 2 });
    expect(run("[Object.hasOwn({a: 1}, 'a'), Object.hasOwn({}, 'toString')]")).toEqual([true, false]);
    expect(run("Object.keys(Object).indexOf('entries')")).toBe(-1);
  });

  it('behaves like the native Array methods', () => {
    expect(run('[[1, 2, NaN].includes(NaN), [1, 2].includes(2, 2), [1, 2, 3].includes(3, -1)]')).toEqual([
      true,
      false,
      true,
    ]);
    expect(run('[1, [2, [3, [4]]]].flat()')).toEqual([1, 2, [3, [4]]]);
    expect(run('[1, [2, [3, [4]]]].flat(Infinity)')).toEqual([1, 2, 3, 4]);
    expect(run('[1, 2].flatMap(function (x) { return [x, x * 10]; })')).toEqual([1, 10, 2, 20]);
    expect(run('[[1, 2, 3].at(-1), [1, 2, 3].at(0), [1].at(5) === undefined]')).toEqual([3, 1, true]);
  });

  it('behaves like the native String methods', () => {
    expect(run("['5'.padStart(3, '0'), 'ab'.padEnd(5, 'xy'), 'abc'.padStart(2), 'a'.padStart(3)]")).toEqual([
      '005',
      'abxyx',
      'abc',
      '  a',
    ]);
    expect(run("['  a  '.trimStart(), '  a  '.trimEnd()]")).toEqual(['a  ', '  a']);
    expect(
      run(
        "['a.b.c'.replaceAll('.', '$&$&'), 'a+a'.replaceAll('+', function () { return '-'; }), 'aXa'.replaceAll(/a/g, 'b')]",
      ),
    ).toEqual(['a..b..c', 'a-a', 'bXb']);
  });
});
