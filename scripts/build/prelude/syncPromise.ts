/**
 * A synchronous Promise for the XSOAR server bundle.
 *
 * Why: the server runs the script body and takes its return value; nothing says its engine drains a
 * Promise job queue afterwards, and its `http()` is synchronous anyway. With this class as the
 * bundle's `Promise` (and async/await lowered to generators by esbuild), an async call chain whose
 * I/O is synchronous settles before the call that started it returns.
 *
 * Semantics: reactions are queued as jobs in FIFO order like standard promises, but the queue is
 * drained synchronously by the outermost promise operation (`then`, resolve, reject) instead of
 * later by the engine. Draining in a loop (not by recursion) keeps the stack flat however many
 * `await`s run. Only code that waits for something truly asynchronous (which the server bundle
 * never does) leaves a promise pending.
 *
 * This file is bundled into the server script: no Node built-ins, no timers.
 */

import { forEachItem } from './symbol';

type Job = () => void;
type Settled = { status: 'fulfilled'; value: unknown } | { status: 'rejected'; reason: unknown };
type Reaction = (state: Settled) => void;

const queue: Job[] = [];
let draining = false;
// Drop finished jobs in batches so a long chain of awaits does not keep every closure alive.
const COMPACT_AFTER = 1024;

/** Runs `job` now if no drain is in progress, else after the jobs queued before it. */
function enqueue(job: Job): void {
  queue.push(job);
  if (draining) return;
  draining = true;
  let head = 0;
  try {
    while (head < queue.length) {
      queue[head]();
      head += 1;
      if (head >= COMPACT_AFTER) {
        queue.splice(0, head);
        head = 0;
      }
    }
  } finally {
    queue.length = 0;
    draining = false;
  }
}

function isObjectLike(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** Executor callbacks, as for the standard constructor. */
export type Executor<T> = (
  resolve: (value: T | PromiseLike<T>) => void,
  reject: (reason?: unknown) => void,
) => void;

/** The synchronous Promise (see the file comment). Same public API as the standard Promise. */
export class SyncPromise<T> implements PromiseLike<T> {
  private state: Settled | undefined;
  private reactions: Reaction[] | undefined = [];

  constructor(executor: Executor<T>) {
    let done = false;
    const resolve = (value: unknown): void => {
      if (done) return;
      done = true;
      this.resolveWith(value);
    };
    const reject = (reason: unknown): void => {
      if (done) return;
      done = true;
      this.settle({ status: 'rejected', reason });
    };
    try {
      executor(resolve, reject);
    } catch (error) {
      reject(error);
    }
  }

  private resolveWith(value: unknown): void {
    if (value === this) {
      this.settle({ status: 'rejected', reason: new TypeError('A promise cannot be resolved with itself') });
      return;
    }
    if (!isObjectLike(value)) {
      this.settle({ status: 'fulfilled', value });
      return;
    }
    let then: unknown;
    try {
      then = value.then;
    } catch (error) {
      this.settle({ status: 'rejected', reason: error });
      return;
    }
    if (typeof then !== 'function') {
      this.settle({ status: 'fulfilled', value });
      return;
    }
    // Adopt the thenable's state in a job, as the standard does (NewPromiseResolveThenableJob).
    enqueue(() => {
      let called = false;
      try {
        then.call(
          value,
          (inner: unknown) => {
            if (called) return;
            called = true;
            this.resolveWith(inner);
          },
          (reason: unknown) => {
            if (called) return;
            called = true;
            this.settle({ status: 'rejected', reason });
          },
        );
      } catch (error) {
        if (!called) {
          called = true;
          this.settle({ status: 'rejected', reason: error });
        }
      }
    });
  }

  private settle(state: Settled): void {
    if (this.state) return;
    this.state = state;
    const reactions = this.reactions ?? [];
    this.reactions = undefined;
    for (const reaction of reactions) enqueue(() => reaction(state));
  }

  private react(reaction: Reaction): void {
    const state = this.state;
    if (state) enqueue(() => reaction(state));
    else this.reactions?.push(reaction);
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): SyncPromise<R1 | R2> {
    return new SyncPromise<R1 | R2>((resolve, reject) => {
      this.react((state) => {
        const handler = state.status === 'fulfilled' ? onFulfilled : onRejected;
        if (typeof handler !== 'function') {
          if (state.status === 'fulfilled') resolve(state.value as R1);
          else reject(state.reason);
          return;
        }
        try {
          resolve(
            (handler as (v: unknown) => R1 | R2)(state.status === 'fulfilled' ? state.value : state.reason),
          );
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): SyncPromise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): SyncPromise<T> {
    if (typeof onFinally !== 'function') return this.then();
    return this.then(
      (value) => SyncPromise.resolve(onFinally()).then(() => value),
      (reason) =>
        SyncPromise.resolve(onFinally()).then(() => {
          throw reason;
        }),
    );
  }

  /**
   * The current state without waiting: how the bundle entry reads the result of `main()` after
   * the synchronous drain. `pending` means something waited for a truly asynchronous event.
   */
  static inspect(promise: unknown): Settled | { status: 'pending' } {
    if (promise instanceof SyncPromise) return promise.state ?? { status: 'pending' };
    return { status: 'fulfilled', value: promise };
  }

  static resolve<U>(value: U | PromiseLike<U>): SyncPromise<U>;
  static resolve(): SyncPromise<void>;
  static resolve<U>(value?: U | PromiseLike<U>): SyncPromise<U> {
    if (value instanceof SyncPromise) return value as SyncPromise<U>;
    return new SyncPromise<U>((resolve) => resolve(value as U));
  }

  static reject<U = never>(reason?: unknown): SyncPromise<U> {
    return new SyncPromise<U>((_, reject) => reject(reason));
  }

  static all<U>(values: Iterable<U | PromiseLike<U>>): SyncPromise<Awaited<U>[]> {
    return new SyncPromise<Awaited<U>[]>((resolve, reject) => {
      const items = Array.from(values);
      const results: Awaited<U>[] = new Array(items.length);
      let remaining = items.length;
      if (remaining === 0) resolve(results);
      items.forEach((item, index) => {
        SyncPromise.resolve(item).then((value) => {
          results[index] = value as Awaited<U>;
          remaining -= 1;
          if (remaining === 0) resolve(results);
        }, reject);
      });
    });
  }

  static allSettled<U>(
    values: Iterable<U | PromiseLike<U>>,
  ): SyncPromise<PromiseSettledResult<Awaited<U>>[]> {
    return SyncPromise.all(
      Array.from(values).map((item) =>
        SyncPromise.resolve(item).then(
          (value): PromiseSettledResult<Awaited<U>> => ({ status: 'fulfilled', value: value as Awaited<U> }),
          (reason): PromiseSettledResult<Awaited<U>> => ({ status: 'rejected', reason }),
        ),
      ),
    );
  }

  static race<U>(values: Iterable<U | PromiseLike<U>>): SyncPromise<Awaited<U>> {
    return new SyncPromise<Awaited<U>>((resolve, reject) => {
      // Not for-of: in the prelude that needs the engine's own Symbol (see symbol.ts).
      forEachItem(values, (item) => SyncPromise.resolve(item).then((v) => resolve(v as Awaited<U>), reject));
    });
  }
}
