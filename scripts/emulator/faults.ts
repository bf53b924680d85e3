/**
 * Fault injection: queued by method and path pattern, consumed by matching requests (first match
 * first), each fault firing `times` times. Effects: a canned status (optionally with Retry-After
 * and a body), a delay, a connection reset, a malformed JSON body, a short token lifetime, or
 * "process the request, then drop the response".
 */
import { EmulatorInputError } from './errors';
import { guid } from './crypto';

/** One fault to inject. Exactly one effect, or only `delayMs`. */
export interface FaultSpec {
  /** HTTP method to match (any when omitted). */
  readonly method?: string;
  /** Pathname pattern: `*` matches any characters (including `/`); or a RegExp (API only). */
  readonly path: string | RegExp;
  /** How many matching requests it affects (default 1). */
  readonly times?: number;
  /** Wait this long before the effect (or before normal processing when there is no effect). */
  readonly delayMs?: number;
  /** Answer with this status without processing the request. */
  readonly status?: number;
  /** With `status`: a `Retry-After` header (seconds or HTTP date). */
  readonly retryAfter?: number | string;
  /** With `status`: the body (JSON-encoded unless a string). Default: a generic error of the endpoint family. */
  readonly body?: unknown;
  /** With `status`: extra headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Destroy the socket without answering (the request is not processed). */
  readonly reset?: boolean;
  /** Answer 200 with a truncated, unparsable JSON body (the request is not processed). */
  readonly malformedJson?: boolean;
  /** Token endpoints only: issue the token with this lifetime in seconds (0 = already expired). */
  readonly tokenLifetimeSeconds?: number;
  /** Process the request normally (state changes happen), then destroy the socket instead of answering. */
  readonly dropResponse?: boolean;
}

/** A queued fault with its remaining count. */
export interface PendingFault {
  readonly id: string;
  readonly spec: FaultSpec;
  readonly remaining: number;
}

interface Entry {
  id: string;
  spec: FaultSpec;
  remaining: number;
  matches: PathMatcher;
}

const EFFECTS = ['status', 'reset', 'malformedJson', 'tokenLifetimeSeconds', 'dropResponse'] as const;

/** Matches a path against a pattern: a RegExp (API only), or a glob. */
type PathMatcher = (path: string) => boolean;

/**
 * A glob where `*` is any run of characters, case-insensitive. Not compiled to a RegExp: `.*.*…Z`
 * backtracks exponentially, and the pattern comes from the HTTP control API. The literal parts
 * between stars are found left to right instead (the leftmost match of each part is never worse for
 * the parts after it), so a match costs a few linear scans whatever the number of stars.
 */
function globMatcher(glob: string): PathMatcher {
  const parts = glob.toLowerCase().split('*');
  const [first, last] = [parts[0], parts[parts.length - 1]];
  const middle = parts.slice(1, -1).filter((part) => part !== '');
  return (rawPath) => {
    const path = rawPath.toLowerCase();
    if (parts.length === 1) return path === first;
    if (path.length < first.length + last.length || !path.startsWith(first) || !path.endsWith(last)) {
      return false;
    }
    let at = first.length;
    const end = path.length - last.length;
    for (const part of middle) {
      const found = path.indexOf(part, at);
      if (found < 0 || found + part.length > end) return false;
      at = found + part.length;
    }
    return true;
  };
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function validate(spec: FaultSpec): void {
  if (typeof spec.path !== 'string' && !(spec.path instanceof RegExp)) {
    throw new EmulatorInputError(
      'path',
      'Fault "path" is required: a pathname pattern such as /v1.0/users/*/events.',
    );
  }
  if (spec.times !== undefined && (!isNonNegativeInteger(spec.times) || spec.times < 1)) {
    throw new EmulatorInputError('times', 'Fault "times" must be a positive integer.');
  }
  if (spec.delayMs !== undefined && !isNonNegativeInteger(spec.delayMs)) {
    throw new EmulatorInputError('delayMs', 'Fault "delayMs" must be a non-negative integer.');
  }
  const effects = EFFECTS.filter((key) => spec[key] !== undefined && spec[key] !== false);
  if (effects.length > 1) {
    throw new EmulatorInputError(
      effects[1],
      `Fault has more than one effect (${effects.join(', ')}); queue separate faults.`,
    );
  }
  if (effects.length === 0 && spec.delayMs === undefined) {
    throw new EmulatorInputError(
      'status',
      'Fault needs an effect: status, reset, malformedJson, tokenLifetimeSeconds, dropResponse or delayMs.',
    );
  }
  if (
    spec.status !== undefined &&
    !(Number.isInteger(spec.status) && spec.status >= 100 && spec.status <= 599)
  ) {
    throw new EmulatorInputError('status', 'Fault "status" must be an HTTP status between 100 and 599.');
  }
  if (spec.tokenLifetimeSeconds !== undefined && !isNonNegativeInteger(spec.tokenLifetimeSeconds)) {
    throw new EmulatorInputError(
      'tokenLifetimeSeconds',
      'Fault "tokenLifetimeSeconds" must be a non-negative integer.',
    );
  }
}

/** The queue of pending faults. */
export class FaultQueue {
  private entries: Entry[] = [];

  /** Validates and queues a fault; returns its id. Throws EmulatorInputError on a bad spec. */
  add(spec: FaultSpec): string {
    validate(spec);
    const id = guid();
    const { path } = spec;
    const matches = path instanceof RegExp ? (p: string) => path.test(p) : globMatcher(path);
    this.entries.push({ id, spec: { ...spec }, remaining: spec.times ?? 1, matches });
    return id;
  }

  /** Consumes one firing of the first fault matching this request, if any. */
  take(method: string, paths: readonly string[]): FaultSpec | undefined {
    if (this.entries.length === 0) return undefined;
    const index = this.entries.findIndex(
      (e) => (e.spec.method === undefined || e.spec.method.toUpperCase() === method) && paths.some(e.matches),
    );
    if (index < 0) return undefined;
    const entry = this.entries[index];
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.entries.splice(index, 1);
    return entry.spec;
  }

  /** The faults still pending. */
  list(): PendingFault[] {
    return this.entries.map((e) => ({ id: e.id, spec: e.spec, remaining: e.remaining }));
  }

  /** Removes one fault (by id) or all of them. */
  clear(id?: string): void {
    this.entries = id === undefined ? [] : this.entries.filter((e) => e.id !== id);
  }
}
