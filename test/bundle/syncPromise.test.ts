import * as esbuild from 'esbuild';
import { SyncPromise } from '../../scripts/build/prelude/syncPromise';

const state = (p: unknown) => SyncPromise.inspect(p);

/** A foreign thenable that fulfils synchronously with `value`. */
const thenable = (value: number): PromiseLike<number> =>
  ({ then: (ok: (v: number) => void) => ok(value) }) as unknown as PromiseLike<number>;

describe('SyncPromise', () => {
  it('runs then-callbacks before then() returns when the promise is already settled', () => {
    const seen: number[] = [];
    SyncPromise.resolve(1).then((v) => seen.push(v));
    expect(seen).toEqual([1]);
  });

  it('runs the reactions of a pending promise, in registration order, when it settles', () => {
    let resolve!: (v: string) => void;
    const p = new SyncPromise<string>((r) => (resolve = r));
    const seen: string[] = [];
    p.then((v) => seen.push(`a:${v}`));
    p.then((v) => seen.push(`b:${v}`));
    expect(seen).toEqual([]);
    expect(state(p)).toEqual({ status: 'pending' });
    resolve('x');
    expect(seen).toEqual(['a:x', 'b:x']);
  });

  it('orders the jobs queued during a drain first-in first-out, like the standard job queue', async () => {
    const program = (P: typeof SyncPromise | PromiseConstructor, seen: string[]) =>
      P.resolve().then(() => {
        const a = P.resolve();
        const b = P.resolve();
        a.then(() => seen.push('a1')).then(() => seen.push('a2'));
        b.then(() => seen.push('b1')).then(() => seen.push('b2'));
      });
    const native: string[] = [];
    await program(Promise, native);
    await new Promise((resolve) => setImmediate(resolve));
    const sync: string[] = [];
    program(SyncPromise, sync);
    expect(native).toEqual(['a1', 'b1', 'a2', 'b2']);
    expect(sync).toEqual(native);
  });

  it('turns a throwing handler into a rejection and passes rejections through missing handlers', () => {
    const p = SyncPromise.resolve(1)
      .then(() => {
        throw new Error('boom');
      })
      .then(() => 'skipped');
    expect(state(p)).toEqual({ status: 'rejected', reason: new Error('boom') });
    const recovered = p.catch((e: unknown) => `caught ${(e as Error).message}`);
    expect(state(recovered)).toEqual({ status: 'fulfilled', value: 'caught boom' });
  });

  it('rejects when the executor throws, and ignores later resolve/reject calls', () => {
    expect(
      state(
        new SyncPromise(() => {
          throw new Error('exec');
        }),
      ),
    ).toEqual({ status: 'rejected', reason: new Error('exec') });
    const once = new SyncPromise((resolve, reject) => {
      resolve('first');
      reject(new Error('late'));
      resolve('second');
    });
    expect(state(once)).toEqual({ status: 'fulfilled', value: 'first' });
  });

  it('adopts the state of thenables, including foreign ones, and refuses to resolve with itself', () => {
    const foreign = thenable(42);
    expect(state(SyncPromise.resolve(foreign))).toEqual({ status: 'fulfilled', value: 42 });
    expect(state(SyncPromise.resolve(SyncPromise.reject('no')))).toEqual({
      status: 'rejected',
      reason: 'no',
    });
    let resolveSelf!: (v: unknown) => void;
    const self = new SyncPromise<unknown>((resolve) => (resolveSelf = resolve));
    resolveSelf(self);
    expect((state(self) as { status: string; reason: Error }).status).toBe('rejected');
    expect((state(self) as { reason: Error }).reason).toBeInstanceOf(TypeError);
  });

  it('keeps the value through finally and rejects when the finally callback throws', () => {
    let ran = 0;
    expect(state(SyncPromise.resolve(5).finally(() => void (ran += 1)))).toEqual({
      status: 'fulfilled',
      value: 5,
    });
    expect(state(SyncPromise.reject('r').finally(() => void (ran += 1)))).toEqual({
      status: 'rejected',
      reason: 'r',
    });
    expect(ran).toBe(2);
    const failing = SyncPromise.resolve(5).finally(() => {
      throw new Error('f');
    });
    expect(state(failing)).toEqual({ status: 'rejected', reason: new Error('f') });
  });

  it('implements all, allSettled and race', () => {
    expect(state(SyncPromise.all([1, SyncPromise.resolve(2), thenable(3)]))).toEqual({
      status: 'fulfilled',
      value: [1, 2, 3],
    });
    expect(state(SyncPromise.all([]))).toEqual({ status: 'fulfilled', value: [] });
    expect(state(SyncPromise.all([1, SyncPromise.reject('bad')]))).toEqual({
      status: 'rejected',
      reason: 'bad',
    });
    expect(state(SyncPromise.allSettled([1, SyncPromise.reject('bad')]))).toEqual({
      status: 'fulfilled',
      value: [
        { status: 'fulfilled', value: 1 },
        { status: 'rejected', reason: 'bad' },
      ],
    });
    expect(state(SyncPromise.race([new SyncPromise(() => undefined), SyncPromise.resolve('won')]))).toEqual({
      status: 'fulfilled',
      value: 'won',
    });
  });

  it('keeps the stack flat over a chain of 100,000 reactions', () => {
    let p: SyncPromise<number> = SyncPromise.resolve(0);
    for (let i = 0; i < 100_000; i++) p = p.then((v) => v + 1);
    expect(state(p)).toEqual({ status: 'fulfilled', value: 100_000 });
  });

  it('settles async functions lowered by esbuild (its __async helper) before the call returns', () => {
    const source = `
      async function count(n) { let t = 0; for (let i = 0; i < n; i++) t += await i; return t; }
      async function fails() { await null; throw new Error('lowered'); }
      let out; let err;
      count(50000).then((v) => (out = v));
      fails().catch((e) => (err = e.message));
      result = [out, err];`;
    const { code } = esbuild.transformSync(`var result;\n${source}`, { target: 'es2015', loader: 'js' });
    expect(code).toContain('__async');
    expect(code).not.toMatch(/async function/);
    // The Promise parameter shadows the global one, as the bundle's function-scoped `var Promise` does.
    const lowered = new Function('Promise', `${code}\nreturn result;`) as (p: unknown) => unknown;
    expect(lowered(SyncPromise)).toEqual([1249975000, 'lowered']);
  });
});
