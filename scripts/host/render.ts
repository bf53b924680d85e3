/** Renders integration entries for a terminal, War Room style, or as JSON. */
import { isErrorEntry, type Entry } from '../../Packs/Base/Scripts/CommonServer/entries';

/** Text for stdout and stderr. */
export interface RenderedOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The deepest nesting printed. Graph data is a few levels deep, while JSON.stringify recurses once
 * per level and overflows the stack at a few thousand: a hostile or broken body must not lose the
 * whole output.
 */
export const MAX_RENDER_DEPTH = 100;
/** What stands in for a value nested deeper than {@link MAX_RENDER_DEPTH}. */
export const TOO_DEEP = '[nested too deep]';
const TOO_DEEP_NOTE = `Note: values nested deeper than ${MAX_RENDER_DEPTH} levels are not shown (replaced by "${TOO_DEEP}").\n`;

/** True when `value` nests deeper than `depth` levels (the walk itself stops at that depth). */
function deeperThan(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth === 0) return true;
  for (const child of Array.isArray(value) ? value : Object.values(value))
    if (deeperThan(child, depth - 1)) return true;
  return false;
}

/** A copy of `value` whose members below `depth` levels are replaced by {@link TOO_DEEP}. */
function cut(input: unknown, depth: number): unknown {
  // As JSON.stringify does: a Date (or anything with toJSON) prints as what toJSON returns.
  const toJSON = (input as { toJSON?: unknown } | null)?.toJSON;
  const value: unknown = typeof toJSON === 'function' ? (toJSON as () => unknown).call(input) : input;
  if (typeof value !== 'object' || value === null) return value;
  if (depth === 0) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((child) => cut(child, depth - 1));
  // fromEntries defines own members: a `__proto__` key stays data.
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, cut(child, depth - 1)]));
}

/** `JSON.stringify(value, null, 2)` with the depth capped; `cut` tells whether anything was left out. */
function toJson(value: unknown): { text: string; cut: boolean } {
  // The common case costs one bounded walk and prints exactly what JSON.stringify would.
  if (!deeperThan(value, MAX_RENDER_DEPTH)) return { text: JSON.stringify(value, null, 2), cut: false };
  return { text: JSON.stringify(cut(value, MAX_RENDER_DEPTH), null, 2), cut: true };
}

function contentsText(entry: Entry): { text: string; cut: boolean } {
  if (typeof entry.HumanReadable === 'string' && entry.HumanReadable !== '')
    return { text: entry.HumanReadable, cut: false };
  if (typeof entry.Contents === 'string') return { text: entry.Contents, cut: false };
  if (entry.Contents === undefined || entry.Contents === null) return { text: '', cut: false };
  return toJson(entry.Contents);
}

/** The text a War Room shows for one entry: its HumanReadable, else its Contents as text. */
export function entryText(entry: Entry): string {
  return contentsText(entry).text;
}

/**
 * An error entry as one terminal line. Upstream's messages embed line breaks (`"invalid_client.
 * \n<description>"`, one settings problem per line); a terminal reader and log scrapers expect one line.
 */
export function errorLine(entry: Entry): string {
  return entryText(entry)
    .split(/\s*\n\s*/)
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * War Room style: one block per entry, blank-line separated; error entries go to stderr, one line
 * each, followed by a note when a value was nested too deep to show in full.
 */
export function renderEntries(entries: readonly Entry[]): RenderedOutput {
  const out: string[] = [];
  const err: string[] = [];
  let wasCut = false;
  for (const entry of entries) {
    if (isErrorEntry(entry)) err.push(errorLine(entry));
    else {
      const shown = contentsText(entry);
      out.push(shown.text);
      wasCut ||= shown.cut;
    }
  }
  const join = (blocks: string[], separator: string) =>
    blocks.length === 0 ? '' : `${blocks.join(separator)}\n`;
  return { stdout: join(out, '\n\n'), stderr: join(err, '\n') + (wasCut ? TOO_DEEP_NOTE : '') };
}

/**
 * The entries as a JSON array of {Type, Contents, ContentsFormat, HumanReadable, EntryContext} on
 * stdout, values nested deeper than {@link MAX_RENDER_DEPTH} cut, and then a note on stderr.
 */
export function renderJson(entries: readonly Entry[]): RenderedOutput {
  const plain = entries.map((e) => ({
    Type: e.Type,
    Contents: e.Contents,
    ContentsFormat: e.ContentsFormat,
    HumanReadable: e.HumanReadable,
    EntryContext: e.EntryContext,
  }));
  const json = toJson(plain);
  return { stdout: `${json.text}\n`, stderr: json.cut ? TOO_DEEP_NOTE : '' };
}

/** The JSON text of {@link renderJson}. */
export function entriesToJson(entries: readonly Entry[]): string {
  return renderJson(entries).stdout;
}

/** Exit status for a run: 1 when any entry is an error entry, else 0. */
export function exitStatusFor(entries: readonly Entry[]): 0 | 1 {
  return entries.some(isErrorEntry) ? 1 : 0;
}
