/**
 * In-process single flight: concurrent callers for the same context and key share one promise.
 * The entry is removed when it settles, so a failure is never cached.
 */
import type { IntegrationContextStore } from '../../../../Base/Scripts/CommonServer/runtime';

const inFlight = new WeakMap<IntegrationContextStore, Map<string, Promise<unknown>>>();

/** Runs `task` unless a task for the same store and key is already running; then joins it. */
export function singleFlight<T>(
  store: IntegrationContextStore,
  key: string,
  task: () => Promise<T>,
): Promise<T> {
  let tasks = inFlight.get(store);
  if (!tasks) {
    tasks = new Map();
    inFlight.set(store, tasks);
  }
  const running = tasks.get(key);
  if (running) return running as Promise<T>;
  const map = tasks;
  let settled = false;
  const promise = task().finally(() => {
    settled = true;
    map.delete(key);
  });
  // Why the flag: the server bundle's synchronous Promise may have settled already; a settled
  // promise left in the map would cache its result (or failure) forever.
  if (!settled) map.set(key, promise);
  return promise;
}
