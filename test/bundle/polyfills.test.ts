import * as path from 'node:path';
import * as vm from 'node:vm';
import { bundlePrelude } from '../../scripts/build/bundle';

const root = path.resolve(__dirname, '..', '..');

const REMOVED = [
  'Object.entries',
  'Object.fromEntries',
  'Object.getOwnPropertyDescriptors',
  'Array.prototype.includes',
  'String.prototype.padStart',
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
    expect(run("Object.fromEntries(new Map([['x', 1], ['y', 2]]))")).toEqual({ x: 1, y: 2 });
    expect(run("Object.fromEntries([['x', 1]])")).toEqual({ x: 1 });
    expect(
      run(
        'var d = Object.getOwnPropertyDescriptors({a: 1, get g() { return 2; }}); [d.a.value, d.a.writable, typeof d.g.get, d.g.enumerable]',
      ),
    ).toEqual([1, true, 'function', true]);
    expect(run("Object.keys(Object).indexOf('entries')")).toBe(-1);
  });

  it('behaves like the native Array and String methods', () => {
    expect(
      run('[[1, 2, NaN].includes(NaN), [1, 2].includes(2, 2), [1, 2, 3].includes(3, -1), [0].includes(-0)]'),
    ).toEqual([true, false, true, true]);
    expect(
      run(
        "['5'.padStart(3, '0'), 'ab'.padStart(5, 'xy'), 'abc'.padStart(2), 'a'.padStart(3), 'a'.padStart(3, '')]",
      ),
    ).toEqual(['005', 'xyxab', 'abc', '  a', 'a']);
  });
});
