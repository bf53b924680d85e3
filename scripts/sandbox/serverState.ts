/**
 * The sandbox's server-side state that outlives one script run: the instance's integration
 * context with the server's versioning, and a minimal `dq` over the incident context.
 */

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** The text the server gives a stale versioned write (CommonServer.js checks `response.Error`). */
export const VERSION_MISMATCH = 'Integration context version mismatch';

/**
 * The integration context of one instance, kept across runs. From server 6.2 on,
 * `getIntegrationContext(sync)` answers `{context, version}` and `setIntegrationContext(obj,
 * version, sync)` refuses a version other than the current one (-1 means "do not check");
 * before 6.2 both calls carry the bare context and no version.
 */
export class SandboxIntegrationContext {
  private data: Record<string, unknown>;
  /** Number of successful writes so far (the current version). */
  version = 0;
  /** Writes refused for a stale version. */
  conflicts = 0;

  constructor(initial: Record<string, unknown> = {}) {
    this.data = clone(initial);
  }

  /** A copy of the stored context. */
  get value(): Record<string, unknown> {
    return clone(this.data);
  }

  /** Implements `getIntegrationContext(...)` for a server of the given generation. */
  get(versioned: boolean): unknown {
    return versioned ? { context: clone(this.data), version: this.version } : clone(this.data);
  }

  /** Implements `setIntegrationContext(context, version, sync)`. */
  set(versioned: boolean, args: readonly unknown[]): unknown {
    const [context, version] = args;
    if (versioned && version !== undefined && version !== -1 && version !== this.version) {
      this.conflicts += 1;
      return { Error: VERSION_MISMATCH };
    }
    this.data = clone((context ?? {}) as Record<string, unknown>);
    this.version += 1;
    return {};
  }
}

/** Splits a DT path on dots outside parentheses: `A.B(val.x === "a.b").C`. */
function splitPath(path: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of path) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === '.' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const FILTER = /^([^()]+)\(val\.([\w.]+)\s*===?\s*(.+)\)$/;

function select(value: unknown, part: string): unknown {
  const filter = FILTER.exec(part);
  const key = filter ? filter[1] : part;
  const next = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (!filter || next === undefined) return next;
  const wanted: unknown = JSON.parse(filter[3]);
  const field = filter[2];
  const items = Array.isArray(next) ? next : [next];
  const hits = items.filter(
    (item) => item && typeof item === 'object' && (item as Record<string, unknown>)[field] === wanted,
  );
  return hits.length === 0 ? undefined : hits.length === 1 ? hits[0] : hits;
}

/**
 * A minimal `dq(obj, path)`: dotted keys and `Key(val.Field === <JSON literal>)` filters, which is
 * what the integration asks for. The server's DT language is much richer.
 */
export function dq(obj: unknown, path: string): unknown {
  return splitPath(path).reduce<unknown>(
    (value, part) => (value === undefined ? undefined : select(value, part)),
    obj,
  );
}
