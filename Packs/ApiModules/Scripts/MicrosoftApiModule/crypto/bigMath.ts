/**
 * The big-integer arithmetic of the RSA private operation, over two implementations: the engine's
 * own `BigInt` (ES2020; native code, so fast even in an interpreter such as QuickJS) when it has
 * one, else node-forge's pure-JavaScript `jsbn` (what an ES5 engine can run). Values are opaque to
 * callers; numbers go in and out as big-endian hex.
 */
import forge from 'node-forge';

/** Arithmetic over one big-integer type `N` (non-negative values only). */
export interface BigMath<N> {
  readonly name: 'bigint' | 'jsbn';
  fromHex(hex: string): N;
  toHex(value: N): string;
  add(a: N, b: N): N;
  sub(a: N, b: N): N;
  mul(a: N, b: N): N;
  /** The non-negative remainder. */
  mod(a: N, m: N): N;
  modPow(base: N, exponent: N, m: N): N;
  /** The inverse modulo `m`. @throws Error when `a` is not invertible. */
  modInverse(a: N, m: N): N;
  equals(a: N, b: N): boolean;
}

type Jsbn = forge.jsbn.BigInteger;

/** node-forge's jsbn (pure JavaScript, ES5). */
export const jsbnMath: BigMath<Jsbn> = {
  name: 'jsbn',
  fromHex: (hex) => new forge.jsbn.BigInteger(hex, 16),
  toHex: (value) => value.toString(16),
  add: (a, b) => a.add(b),
  sub: (a, b) => a.subtract(b),
  mul: (a, b) => a.multiply(b),
  mod: (a, m) => a.mod(m),
  modPow: (base, exponent, m) => base.modPow(exponent, m),
  modInverse: (a, m) => {
    const inverse = a.modInverse(m);
    if (inverse.signum() === 0) throw new Error('not invertible');
    return inverse;
  },
  equals: (a, b) => a.compareTo(b) === 0,
};

// Built without BigInt literals (ES2020 syntax, which the ES5 bundle cannot contain).
function createBigIntMath(): BigMath<bigint> {
  const ZERO = BigInt(0);
  const ONE = BigInt(1);
  const mod = (a: bigint, m: bigint): bigint => {
    const r = a % m;
    return r < ZERO ? r + m : r;
  };
  return {
    name: 'bigint',
    fromHex: (hex) => BigInt(`0x${hex || '0'}`),
    toHex: (value) => value.toString(16),
    add: (a, b) => a + b,
    sub: (a, b) => a - b,
    mul: (a, b) => a * b,
    mod,
    modPow(base, exponent, m) {
      // Right-to-left square and multiply; every step is one native multiplication and remainder.
      let result = ONE;
      let b = mod(base, m);
      for (let e = exponent; e > ZERO; e >>= ONE) {
        if ((e & ONE) === ONE) result = (result * b) % m;
        b = (b * b) % m;
      }
      return result;
    },
    modInverse(a, m) {
      // Extended Euclid on (a mod m, m).
      let [r0, r1] = [mod(a, m), m];
      let [s0, s1] = [ONE, ZERO];
      while (r1 !== ZERO) {
        const q = r0 / r1;
        [r0, r1] = [r1, r0 - q * r1];
        [s0, s1] = [s1, s0 - q * s1];
      }
      if (r0 !== ONE) throw new Error('not invertible');
      return mod(s0, m);
    },
    equals: (a, b) => a === b,
  };
}

/** The engine's BigInt arithmetic when it has BigInt, else jsbn. */
export function engineMath(): BigMath<unknown> {
  return (typeof BigInt === 'function' ? createBigIntMath() : jsbnMath) as BigMath<unknown>;
}
