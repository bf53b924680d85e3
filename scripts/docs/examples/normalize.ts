/**
 * Makes captured example output deterministic: ids, change keys and server timestamps (random on
 * every emulator run) become stable placeholders numbered in order of first appearance, and the
 * emulator's loopback URL becomes the public Graph URL. Values are found by their JSON key, then
 * replaced wherever they occur (context, War Room text, inside web links, URL-encoded or not).
 */

/** Placeholder label by normalized key (lowercase, letters and digits only). */
const ID_KEYS: Readonly<Record<string, string>> = {
  id: 'id',
  seriesmasterid: 'id',
  changekey: 'change-key',
  icaluid: 'ical-uid',
  uid: 'ical-uid',
  transactionid: 'transaction-id',
};
const TIMESTAMP_KEYS = new Set(['createddatetime', 'lastmodifieddatetime']);
/** `@odata.etag` is `W/"<changeKey>"`: the change key inside is what varies. */
const ETAG_KEY = 'odataetag';
/** The fixed instant every server timestamp becomes. */
const FIXED_TIME = '2026-01-01T00:00:00';
/** Shorter values could collide with ordinary text; real ids and keys are much longer. */
const MIN_VOLATILE_LENGTH = 8;

const normalizeKey = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');

function fixedTimestamp(value: string): string | undefined {
  const parts = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/.exec(value);
  if (!parts) return undefined;
  const fraction = parts[1] ? `.${'0'.repeat(parts[1].length - 1)}` : '';
  return `${FIXED_TIME}${fraction}${parts[2] ?? ''}`;
}

/** Collects volatile values and rewrites text; one instance per README so numbering is global. */
export class Normalizer {
  private readonly replacements = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  /** @param urlMap pairs of [emulator URL, public URL] to rewrite (e.g. the Graph base URL). */
  constructor(private readonly urlMap: readonly (readonly [string, string])[]) {}

  private placeholder(label: string, value: string): void {
    if (value.length < MIN_VOLATILE_LENGTH || this.replacements.has(value)) return;
    const n = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, n);
    this.replacements.set(value, `example-${label}-${n}`);
  }

  private visitEntry(key: string, value: unknown): void {
    const k = normalizeKey(key);
    if (typeof value === 'string') {
      if (ID_KEYS[k]) this.placeholder(ID_KEYS[k], value);
      else if (k === ETAG_KEY) this.placeholder('change-key', value.replace(/^W\/"(.*)"$/, '$1'));
      else if (TIMESTAMP_KEYS.has(k)) {
        const fixed = fixedTimestamp(value);
        if (fixed !== undefined && !this.replacements.has(value)) this.replacements.set(value, fixed);
      }
    }
    this.collect(value);
  }

  /** Registers the volatile values found anywhere in a JSON value, in document order. */
  collect(value: unknown): void {
    if (Array.isArray(value)) value.forEach((item) => this.collect(item));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) this.visitEntry(key, item);
    }
  }

  /** Rewrites every registered value (raw and URL-encoded) and the emulator URLs in `text`. */
  apply(text: string): string {
    let out = text;
    for (const [from, to] of this.urlMap) out = out.split(from).join(to);
    // Longest first, so a value that contains another is replaced whole.
    const values = [...this.replacements.keys()].sort((a, b) => b.length - a.length);
    for (const value of values) {
      const replacement = this.replacements.get(value) as string;
      out = out.split(value).join(replacement);
      const encoded = encodeURIComponent(value);
      if (encoded !== value) out = out.split(encoded).join(encodeURIComponent(replacement));
    }
    return out;
  }

  /** {@link apply} on every string (keys included) of a JSON value. */
  applyJson<T>(value: T): T {
    return JSON.parse(this.apply(JSON.stringify(value))) as T;
  }
}
