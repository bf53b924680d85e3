/**
 * The "Context Example" of one command run: its EntryContext as the incident context shows it,
 * with DT selectors dropped (`MSGraphCalendar.Event(val.ID === obj.ID)` → `MSGraphCalendar` →
 * `Event`) and single-item lists shown as the item, as XSOAR stores them.
 */
import { splitDtPath } from '../../host/incidentContext';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** XSOAR keeps a one-item list as the item itself. */
const unwrap = (value: unknown): unknown => (Array.isArray(value) && value.length === 1 ? value[0] : value);

/** Builds the nested context of one entry; a key that cannot nest stays as a flat dotted key. */
export function contextExample(entryContext: Readonly<Record<string, unknown>> | undefined): Json {
  const root: Json = {};
  // Only objects made here to hold deeper keys can take more keys; a value written at a key
  // (e.g. upstream update-event's root `MSGraphCalendar` event) is never changed.
  const containers = new Set<Json>([root]);
  for (const [key, value] of Object.entries(entryContext ?? {})) {
    const names = splitDtPath(key).map((segment) => segment.key);
    let parent: Json | undefined = root;
    for (const name of names.slice(0, -1)) {
      if (parent[name] === undefined) {
        const container: Json = {};
        containers.add(container);
        parent[name] = container;
      }
      const child: unknown = parent[name];
      parent = isRecord(child) && containers.has(child) ? child : undefined;
      if (!parent) break;
    }
    const copy = unwrap(JSON.parse(JSON.stringify(value ?? null)));
    if (parent) parent[names[names.length - 1]] = copy;
    else root[names.join('.')] = copy;
  }
  return root;
}
