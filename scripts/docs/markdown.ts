/**
 * Markdown helpers matching demisto-sdk generate-docs (`string_escape_md`, `generate_table_section`,
 * `disable_md_autolinks`), so the README reads like every other XSOAR integration README.
 */

/** Python's `html.escape(s, quote=False)`. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Options of {@link escapeMd}. */
export interface EscapeOptions {
  /** Escape only `|` (table cells) instead of every markdown special character. */
  readonly minimal?: boolean;
}

/**
 * demisto-sdk `string_escape_md(st, minimal_escaping, escape_multiline=True)`: HTML-escapes, turns
 * line breaks into `<br/>`, then escapes `|` (minimal) or every markdown special character.
 */
export function escapeMd(text: string, options: EscapeOptions = {}): string {
  const escaped = escapeHtml(text).replace(/\r\n|\r|\n/g, '<br/>');
  if (options.minimal) return escaped.replace(/\|/g, '\\|');
  return (
    escaped
      // demisto-sdk leaves `|` out of this set, which breaks a table row; we escape it too.
      .replace(/[\\`*{}[\]()#+!|]/g, (c) => `\\${c}`)
      // A leading dash would start a list item.
      .replace(/^-/, '\\-')
      // `_word_` would render as emphasis.
      .replace(/([\s.,()])(_\S*)(_[\s.,()])/g, (_m, before: string, word: string, after: string) => {
        return `${before}\\${word}\\${after}`;
      })
  );
}

/**
 * demisto-sdk `disable_md_autolinks`: `https://host.tld` becomes `https:<span>//</span>host.tld`
 * so documentation sites do not turn example output into live links.
 */
export function disableAutolinks(markdown: string): string {
  // demisto-sdk only spares the reversed `(text)[url]` form; a real `[text](url)` link is spared too.
  return markdown.replace(/\b(?<!\)\[)(?<!\]\()(https?):\/\/(\w+?\.\w+?)\b/gi, '$1:<span>//</span>$2');
}

/**
 * A table with bold headers, in demisto-sdk's layout. Cells are written as given: escape them
 * first. Returns the lines (no trailing blank line).
 */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const cells = (values: readonly string[]) => `| ${values.join(' | ')} |`;
  return [
    cells(headers.map((h) => `**${h}**`)),
    `|${headers.map(() => ' --- |').join('')}`,
    ...rows.map(cells),
  ];
}
