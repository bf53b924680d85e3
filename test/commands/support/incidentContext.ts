/**
 * A small simulation of the XSOAR incident context, enough to run a playbook across commands:
 * merging an entry's EntryContext (with `(val.X === obj.X)` merge keys) and resolving `${path}`
 * references and `path(val.X === "v")` lookups.
 *
 * Simplification: how the server merges a LIST written at a key whose current value is an
 * OBJECT (upstream update-event's `MSGraphCalendar(obj.ID === <id>)`) is not documented; it is
 * modelled here by assigning the items' fields onto the object, which is what makes
 * `${MSGraphCalendar.ID}` resolve to the updated event's ID as the upstream test playbook expects.
 */

type Json = Record<string, unknown>;
interface Segment {
  readonly name: string;
  readonly dt?: string;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits `A.B(val.ID === obj.ID).C` into segments, dots inside parentheses included. */
export function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  let depth = 0;
  let token = '';
  const push = (): void => {
    const open = token.indexOf('(');
    segments.push(open < 0 ? { name: token } : { name: token.slice(0, open), dt: token.slice(open + 1, -1) });
    token = '';
  };
  for (const ch of path) {
    if (ch === '.' && depth === 0) push();
    else {
      if (ch === '(') depth += 1;
      if (ch === ')') depth -= 1;
      token += ch;
    }
  }
  push();
  return segments;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function mergeByKey(existing: unknown, value: unknown, valKey: string, objKey: string): unknown[] {
  const list = asList(existing).slice();
  for (const item of asList(value)) {
    const index = isObject(item) ? list.findIndex((v) => isObject(v) && v[valKey] === item[objKey]) : -1;
    if (index >= 0) list[index] = item;
    else list.push(item);
  }
  return list;
}

function mergeValue(existing: unknown, value: unknown, dt: string | undefined): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(value));
  if (existing === undefined) return copy;
  const byKey = dt ? /^val\.(\w+) === obj\.(\w+)$/.exec(dt) : null;
  if (byKey) return mergeByKey(existing, copy, byKey[1], byKey[2]);
  if (isObject(existing)) {
    for (const item of asList(copy)) if (isObject(item)) Object.assign(existing, item);
    return existing;
  }
  return Array.isArray(existing) ? existing.concat(asList(copy)) : copy;
}

/** Merges one entry's EntryContext into the incident context, as the server does after a command. */
export function mergeEntryContext(context: Json, entryContext: Record<string, unknown> | undefined): void {
  for (const [key, value] of Object.entries(entryContext ?? {})) {
    const segments = parsePath(key);
    let parent = context;
    for (const segment of segments.slice(0, -1)) {
      const next = parent[segment.name];
      if (next === undefined) parent[segment.name] = {};
      else if (!isObject(next)) throw new Error(`simulation: cannot write under the list at ${segment.name}`);
      parent = parent[segment.name] as Json;
    }
    const last = segments[segments.length - 1];
    parent[last.name] = mergeValue(parent[last.name], value, last.dt);
  }
}

function matches(item: unknown, dt: string): boolean {
  const m = /^val\.(\w+) === "(.*)"$/.exec(dt);
  if (!m) throw new Error(`simulation: unsupported filter ${dt}`);
  return isObject(item) && item[m[1]] === JSON.parse(`"${m[2]}"`);
}

/** Resolves a context path like `${...}`: lists are flattened; one value is returned unwrapped. */
export function resolvePath(context: Json, path: string): unknown {
  let values: unknown[] = [context];
  for (const segment of parsePath(path)) {
    values = values.flatMap((v) => (isObject(v) ? asList(v[segment.name]) : []));
    if (segment.dt) values = values.filter((v) => matches(v, segment.dt as string));
  }
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}
