/**
 * War Room entries: the shape XSOAR expects from an integration command.
 * Field names follow the server's JSON contract (PascalCase).
 */

/** Entry types used by this project (subset of the server's `entryTypes`). */
export const EntryType = { note: 1, error: 4 } as const;
export type EntryTypeValue = (typeof EntryType)[keyof typeof EntryType];

/** Content formats understood by the War Room. */
export const EntryFormat = { json: 'json', text: 'text', markdown: 'markdown' } as const;
export type EntryFormatValue = (typeof EntryFormat)[keyof typeof EntryFormat];

/** One War Room entry. */
export interface Entry {
  Type: EntryTypeValue;
  Contents: unknown;
  ContentsFormat: EntryFormatValue;
  HumanReadable?: string;
  ReadableContentsFormat?: EntryFormatValue;
  /** Context paths (optionally with DT merge keys) to the values written there. */
  EntryContext?: Record<string, unknown>;
}

/** A note entry holding raw JSON contents, a markdown readable and optional context. */
export function noteEntry(
  contents: unknown,
  humanReadable: string,
  entryContext?: Record<string, unknown>,
): Entry {
  const entry: Entry = {
    Type: EntryType.note,
    Contents: contents,
    ContentsFormat: typeof contents === 'string' ? EntryFormat.text : EntryFormat.json,
    HumanReadable: humanReadable,
    ReadableContentsFormat: EntryFormat.markdown,
  };
  if (entryContext !== undefined) entry.EntryContext = entryContext;
  return entry;
}

/** A plain-text entry (for example `ok` from test-module). */
export function textEntry(text: string): Entry {
  return { Type: EntryType.note, Contents: text, ContentsFormat: EntryFormat.text };
}

/** An error entry: one readable line, never a stack trace. */
export function errorEntry(message: string): Entry {
  return { Type: EntryType.error, Contents: message, ContentsFormat: EntryFormat.text };
}

/** True when the entry is an error entry. */
export function isErrorEntry(entry: Entry): boolean {
  return entry.Type === EntryType.error;
}
