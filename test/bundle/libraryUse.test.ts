/**
 * Every ES2015+ built-in the product code uses (found by TypeScript's type checker,
 * scripts/build/libraryUse.ts) must exist in an engine that has only the ES5 library once the
 * bundle's prelude has run: as one of the prelude's bindings (Map, Promise, Uint8Array, ...) or as a
 * method it installed. A new use of, say, `Object.values` fails here until the prelude provides it.
 */
import * as path from 'node:path';
import * as vm from 'node:vm';
import { bundlePrelude } from '../../scripts/build/bundle';
import { productLibraryUses } from '../../scripts/build/libraryUse';
import type { LibraryUse } from '../../scripts/build/libraryUse';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stripToEs5Source } = require('../../scripts/sandbox/es5Library') as {
  stripToEs5Source(keep: string[]): string;
};

/** Uses that need no polyfill, and why. */
const EXEMPT: Record<string, string> = {
  BigInt: 'feature-detected: RSA uses jsbn where the engine has no BigInt (crypto/bigMath.ts)',
  'BigInt.prototype.toString': 'only reached where BigInt exists',
  'Error.prototype.cause': 'an own property our error classes set themselves',
};

/** Runs in the ES5 context: is `name` (e.g. `Map.prototype.get`) there, as a binding or a built-in? */
function available(this: unknown, name: string): boolean {
  const global = this as Record<string, unknown>;
  const bindings = (global.__xsoarPrelude as { bindings: Record<string, unknown> }).bindings;
  const parts = name.split('.');
  const base = (bindings[parts[0]] || global[parts[0]]) as (new (n: number) => object) | undefined;
  if (!base) return false;
  if (parts.length === 1) return true;
  if (parts[1] !== 'prototype') return parts[1] in base;
  if (parts[2] in base.prototype) return true;
  // Polyfilled typed arrays keep `length`, `buffer`, ... on each instance.
  try {
    return parts[2] in new base(1);
  } catch {
    return false;
  }
}

let uses: LibraryUse[];
let missing: (name: string) => boolean;

beforeAll(async () => {
  uses = productLibraryUses();
  const context = vm.createContext({});
  vm.runInContext(stripToEs5Source([]), context);
  vm.runInContext(await bundlePrelude(path.resolve(__dirname, '..', '..')), context);
  const check = vm.runInContext(`(${available.toString()})`, context) as (name: string) => boolean;
  missing = (name) => !check.call(vm.runInContext('this', context), name);
}, 60_000);

describe('the ES2015+ library the product code uses', () => {
  it('is found (the checker sees the uses we know of)', () => {
    expect(uses.map((u) => u.name)).toEqual(
      expect.arrayContaining(['Map', 'Object.assign', 'String.prototype.startsWith']),
    );
  });

  it('is all provided by the prelude on an ES5 engine', () => {
    const unprovided = uses
      .filter((use) => !(use.name in EXEMPT) && missing(use.name))
      .map((use) => `${use.name} (${use.lib}) at ${use.places.slice(0, 3).join(', ')}`);
    expect(unprovided).toEqual([]);
  });

  it('would catch a method the prelude does not provide', () => {
    expect(missing('Object.values')).toBe(true);
    expect(missing('Array.prototype.flat')).toBe(true);
    expect(missing('Map.prototype.get')).toBe(false);
  });
});
