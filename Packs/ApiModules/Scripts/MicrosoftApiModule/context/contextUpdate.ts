/**
 * Optimistic read-modify-write of the integration context. Commands of one instance run in
 * parallel against one context, so every write names the version it read and is retried on a
 * conflict, re-applying only the caller's own change to the fresh data (other keys survive).
 */
import type {
  IntegrationContextStore,
  VersionedContext,
} from '../../../../Base/Scripts/CommonServer/runtime';
import { ContextError } from '../core/errors';

/** The change to apply: returns the new data, or `undefined` to write nothing. */
export type ContextMutation = (
  data: Readonly<Record<string, unknown>>,
) => Record<string, unknown> | undefined;

/** Enough for any realistic number of parallel commands; a livelock would otherwise spin forever. */
const MAX_ATTEMPTS = 50;

/**
 * Applies `mutate` to the latest context and writes it with the version it was read at, retrying
 * on version conflicts.
 * @returns the snapshot written, or the one read when `mutate` chose to write nothing.
 * @throws ContextError when the context kept changing under us `MAX_ATTEMPTS` times.
 */
export async function updateContext(
  store: IntegrationContextStore,
  mutate: ContextMutation,
): Promise<VersionedContext> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await store.read();
    const next = mutate(current.data);
    if (next === undefined) return current;
    const written = await store.write(next, current.version);
    if (written) return written;
  }
  throw new ContextError(
    `The integration context changed concurrently ${MAX_ATTEMPTS} times in a row; the update was not saved. Try the command again.`,
  );
}

/** Returns a copy of `data` with `changes` merged in; keys whose change is `undefined` are removed. */
export function mergeKeys(
  data: Readonly<Record<string, unknown>>,
  changes: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}
