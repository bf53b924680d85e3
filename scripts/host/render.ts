/** Renders integration entries for a terminal, War Room style, or as JSON. */
import { isErrorEntry, type Entry } from '../../Packs/Base/Scripts/CommonServer/entries';

/** Text for stdout and stderr. */
export interface RenderedOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** The text a War Room shows for one entry: its HumanReadable, else its Contents as text. */
export function entryText(entry: Entry): string {
  if (typeof entry.HumanReadable === 'string' && entry.HumanReadable !== '') return entry.HumanReadable;
  if (typeof entry.Contents === 'string') return entry.Contents;
  if (entry.Contents === undefined || entry.Contents === null) return '';
  return JSON.stringify(entry.Contents, null, 2);
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

/** War Room style: one block per entry, blank-line separated; error entries go to stderr, one line each. */
export function renderEntries(entries: readonly Entry[]): RenderedOutput {
  const out: string[] = [];
  const err: string[] = [];
  for (const entry of entries) {
    if (isErrorEntry(entry)) err.push(errorLine(entry));
    else out.push(entryText(entry));
  }
  const join = (blocks: string[], separator: string) =>
    blocks.length === 0 ? '' : `${blocks.join(separator)}\n`;
  return { stdout: join(out, '\n\n'), stderr: join(err, '\n') };
}

/** The entries as a JSON array of {Type, Contents, ContentsFormat, HumanReadable, EntryContext}. */
export function entriesToJson(entries: readonly Entry[]): string {
  const plain = entries.map((e) => ({
    Type: e.Type,
    Contents: e.Contents,
    ContentsFormat: e.ContentsFormat,
    HumanReadable: e.HumanReadable,
    EntryContext: e.EntryContext,
  }));
  return `${JSON.stringify(plain, null, 2)}\n`;
}

/** Exit status for a run: 1 when any entry is an error entry, else 0. */
export function exitStatusFor(entries: readonly Entry[]): 0 | 1 {
  return entries.some(isErrorEntry) ? 1 : 0;
}
