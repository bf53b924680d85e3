/**
 * A local stand-in for the incident (investigation) context: entries' EntryContext is merged in
 * the way the XSOAR server does it (DT selectors pick the item to replace), and commands can look
 * values up by DT path, e.g. `MSGraphCalendar.Event(val.ID === "abc")`.
 */
import { compileDt, UNSAFE_KEYS, type DtPredicate } from './dt';

/** One path segment: a key and an optional DT selector applied to the value at that key. */
interface Segment {
  key: string;
  selector?: string;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The own member `key` of `record`: never an inherited one (`toString`), nor {@link UNSAFE_KEYS}. */
export function ownMember(record: Json, key: string): unknown {
  return !UNSAFE_KEYS.has(key) && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Sets an own data member; an assignment to `__proto__` would replace the prototype instead. */
function setOwn(record: Json, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Splits `A.B(val.x === "a.b").C` on dots outside selectors and quotes. */
export function splitDtPath(path: string): Segment[] {
  const segments: Segment[] = [];
  let key = '';
  let selector: string | undefined;
  let depth = 0;
  let quote: string | undefined;
  for (const ch of path) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (depth > 0 && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === '(' && depth++ === 0) {
      selector = '';
      continue;
    } else if (ch === ')' && --depth === 0) continue;
    else if (ch === '.' && depth === 0) {
      segments.push({ key, selector });
      [key, selector] = ['', undefined];
      continue;
    }
    if (depth > 0) selector += ch;
    else key += ch;
  }
  segments.push({ key, selector });
  return segments;
}

function compileOrUndefined(selector: string | undefined): DtPredicate | undefined {
  if (selector === undefined) return undefined;
  try {
    return compileDt(selector);
  } catch {
    // Upstream writes some selectors that are not valid JavaScript (an unquoted id); XSOAR then
    // falls back to treating the key as a plain path, and so do we.
    return undefined;
  }
}

/** XSOAR's dt() result shape: nothing, the single match, or the list of matches. */
const unwrap = (items: unknown[]): unknown =>
  items.length === 0 ? undefined : items.length === 1 ? items[0] : items;

/** Looks up `path` in `root` the way XSOAR's `dt()` does; property access maps over lists. */
export function lookupDt(root: unknown, path: string): unknown {
  const member = (item: unknown, key: string) => (isRecord(item) ? ownMember(item, key) : undefined);
  let current: unknown = root;
  for (const segment of splitDtPath(path)) {
    current = Array.isArray(current)
      ? current.flatMap((item) => asList(member(item, segment.key)))
      : member(current, segment.key);
    const predicate = compileOrUndefined(segment.selector);
    if (predicate) current = unwrap(asList(current).filter((item) => predicate(item, undefined)));
  }
  return current;
}

function mergeWithSelector(existing: unknown, incoming: unknown, predicate: DtPredicate): unknown[] {
  const merged = asList(existing).slice();
  for (const item of asList(incoming)) {
    const at = merged.findIndex((old) => predicate(old, item));
    if (at >= 0) merged[at] = item;
    else merged.push(item);
  }
  return merged;
}

function mergePlain(existing: unknown, incoming: unknown): unknown {
  if (existing === undefined) return incoming;
  if (isRecord(existing) && isRecord(incoming)) return { ...existing, ...incoming };
  // A single object written over a group of keys (update-event's root `MSGraphCalendar` key) is
  // merged into it, so `MSGraphCalendar.ID` resolves while `.Event` and `.Calendar` survive.
  if (isRecord(existing) && Array.isArray(incoming) && incoming.length === 1 && isRecord(incoming[0])) {
    return { ...existing, ...incoming[0] };
  }
  return [...asList(existing), ...asList(incoming)];
}

/** Merges one EntryContext key/value into `root` (mutated) with XSOAR semantics. */
export function mergeEntryContextKey(root: Json, key: string, value: unknown): void {
  const segments = splitDtPath(key);
  // A path that cannot be nested safely is kept under its literal key so nothing is lost: one through
  // a prototype member, a list or a scalar (e.g. `...Event(val.ID === obj.ID).NextLink`).
  if (segments.some((segment) => UNSAFE_KEYS.has(segment.key))) return setOwn(root, key, value);
  const last = segments[segments.length - 1];
  const predicate = compileOrUndefined(last.selector);
  let parent: Json = root;
  for (const segment of segments.slice(0, -1)) {
    let child = ownMember(parent, segment.key);
    if (child === undefined || child === null) setOwn(parent, segment.key, (child = {}));
    if (!isRecord(child)) return setOwn(root, key, value);
    parent = child;
  }
  const existing = ownMember(parent, last.key);
  setOwn(
    parent,
    last.key,
    predicate ? mergeWithSelector(existing, value, predicate) : mergePlain(existing, value),
  );
}

/** A mutable incident context for a host session (a playbook run, or the CLI's `--incident-context`). */
export class IncidentContext {
  constructor(readonly data: Json = {}) {}

  /** The value at a DT path, or `undefined`. */
  get(path: string): unknown {
    return lookupDt(this.data, path);
  }

  /** Merges every key of an entry's EntryContext. */
  merge(entryContext: Readonly<Record<string, unknown>> | undefined): void {
    for (const [key, value] of Object.entries(entryContext ?? {}))
      mergeEntryContextKey(this.data, key, value);
  }
}
