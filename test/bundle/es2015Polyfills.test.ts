/**
 * The bundled prelude in a V8 context reduced to the ES5 library (the sandbox's es5Library.js):
 * it must install every ES2015 method the bundle uses and hand out Symbol, Map, Set, typed arrays
 * and a subclassable Error, each behaving like the engine's own; and in a full context it must
 * hand out the engine's own constructors and leave the built-ins untouched.
 */
import * as path from 'node:path';
import * as vm from 'node:vm';
import { bundlePrelude } from '../../scripts/build/bundle';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stripToEs5Source } = require('../../scripts/sandbox/es5Library') as {
  stripToEs5Source(keep: string[]): string;
};

const root = path.resolve(__dirname, '..', '..');
let prelude: string;

beforeAll(async () => {
  prelude = await bundlePrelude(root);
});

/** Runs the prelude in a fresh context (reduced to ES5 first if asked); returns an evaluator. */
function engine(es5: boolean): (code: string) => unknown {
  const context = vm.createContext({});
  if (es5) vm.runInContext(stripToEs5Source([]), context);
  vm.runInContext(prelude, context);
  return (code) => JSON.parse(JSON.stringify(vm.runInContext(`(function () { ${code} })()`, context)));
}

/** ES5 code using the ES2015 members: results must equal the native methods' results. */
const USES = `
  var b = __xsoarPrelude.bindings;
  return {
    assign: Object.assign({ a: 1 }, null, { b: 2 }, 'xy'),
    setPrototypeOf: Object.setPrototypeOf({}, Array.prototype) instanceof Array,
    numbers: [Number.isFinite('1'), Number.isFinite(1), Number.isInteger(5), Number.isInteger(5.5),
      Number.isSafeInteger(Math.pow(2, 53)), Number.isSafeInteger(-7), Number.isNaN('x'), Number.isNaN(NaN)],
    truncated: [Math.trunc(-0.5), Math.trunc(4.7), Math.trunc(-4.7)].map(function (v) { return 1 / v; }),
    from: [Array.from('a\\ud83d\\ude00b'), Array.from({ length: 2, 0: 'x' }), Array.from([1, 2], function (v, i) { return v * 10 + i; }),
      Array.from(new b.Set([1, 2, 2])), Array.from(new b.Map([['k', 1]]))],
    find: [[1, 2, 3].find(function (x) { return x > 1; }), [1, 2, 3].find(function (x) { return x > 5; })],
    strings: ['abc'.startsWith('b', 1), 'abc'.startsWith('a', 1), 'abc'.endsWith('b', 2), 'abc'.endsWith('c'),
      'abc'.includes('c'), 'abc'.includes('a', 1), String.fromCodePoint(0x1f600, 65)],
    iterated: (function () { var it = 'a\\ud83d\\ude00'[b.Symbol.iterator](), out = [];
      for (var s = it.next(); !s.done; s = it.next()) out.push(s.value); return out; })()
  };`;

describe('the prelude on an engine with the ES5 library only', () => {
  it('installs the ES2015 methods the bundle uses, each giving the native result', () => {
    const es5 = engine(true);
    const native = engine(false);
    expect(es5('return typeof Object.assign + typeof Map + typeof Symbol')).toBe(
      'functionundefinedundefined',
    );
    expect(es5(USES)).toEqual(native(USES));
  });

  it('hands out polyfills for the missing constructors, and a string-keyed Symbol', () => {
    const es5 = engine(true);
    expect(
      es5(`var b = __xsoarPrelude.bindings, s = b.Symbol('x');
        var threw; try { new b.Symbol(); } catch (e) { threw = e.name; }
        return [typeof s, s !== b.Symbol('x'), b.Symbol.iterator, threw, new b.Map([[1, 2]]).get(1),
          new b.Uint8Array([256, 1])[0], b.Map === undefined, b.Promise.resolve(3) instanceof b.Promise];`),
    ).toEqual(['string', true, '@@iterator', 'TypeError', 2, 0, false, true]);
  });

  it("hands out the engine's own constructors on a full engine and leaves the built-ins alone", () => {
    const native = engine(false);
    expect(
      native(`var b = __xsoarPrelude.bindings;
        return [b.Map === Map, b.Set === Set, b.WeakMap === WeakMap, b.Symbol === Symbol, b.Uint8Array === Uint8Array,
          b.DataView === DataView, b.Error !== Error, b.Promise !== Promise,
          Object.getOwnPropertyNames(String.prototype).indexOf('@@iterator')];`),
    ).toEqual([true, true, true, true, true, true, true, true, -1]);
  });
});

/** What TypeScript's ES5 output does for `class Sub extends Error` with `super(m, { cause })`. */
const LOWERED_SUBCLASS = `
  function Sub(message) {
    var _this = Base.call(this, message, { cause: 'why' }) || this;
    _this.extra = 1;
    return _this;
  }
  Sub.prototype = Object.create(Base.prototype);
  Sub.prototype.constructor = Sub;
  Sub.prototype.name = 'Sub';
  Sub.prototype.hello = function () { return 'hi'; };
  var s = new Sub('msg');
  return [s instanceof Sub, s instanceof Error, s.message, s.cause, Object.keys(s), String(s),
    typeof s.stack === typeof new Error('q').stack, typeof s.hello, new Base('x') instanceof Error, Base('y').message,
    Object.prototype.toString.call(new Base('z')), new Base('c', { cause: 1 }).cause];`;

describe("the prelude's Error", () => {
  it('keeps the class of an ES5-compiled subclass instance, as a native class keeps it', () => {
    class Sub extends Error {
      extra = 1;
      constructor(message: string) {
        super(message, { cause: 'why' });
      }
      hello() {
        return 'hi';
      }
    }
    Sub.prototype.name = 'Sub';
    const s = new Sub('msg');
    const native = [s instanceof Sub, s instanceof Error, s.message, s.cause, Object.keys(s), String(s)];
    const lowered = engine(true)(
      `var Base = __xsoarPrelude.bindings.Error; ${LOWERED_SUBCLASS}`,
    ) as unknown[];
    expect(lowered.slice(0, 6)).toEqual(native);
    expect(lowered.slice(6)).toEqual([true, 'function', true, 'y', '[object Error]', 1]);
  });

  it("is needed: with the engine's own Error the lowered subclass loses its class", () => {
    const lowered = engine(false)(`var Base = Error; ${LOWERED_SUBCLASS}`) as unknown[];
    expect(lowered.slice(0, 2)).toEqual([false, true]);
  });
});
