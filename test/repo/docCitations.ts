/**
 * Test citations in a markdown document and their check against the cited test files.
 *
 * A citation is an inline code span `test/<file>.test.ts › <name>`; a span `› <name>` cites a test
 * of the last file cited in the same block (paragraph, list item or table row). A span that is a
 * bare `test/...` path must name an existing file or folder. The name is matched against the
 * file's `describe`/`it`/`test` titles by {@link hasTestNamed}.
 */
import { hasTestNamed, readTitles, type TitleNode } from './testTitles';

/** One cited test: where it is cited, the file and (unless only a path is cited) the test name. */
export interface Citation {
  readonly line: number;
  readonly file: string;
  readonly name?: string;
}

/** What a document cites, and the spans that cannot be read as citations. */
export interface CitationScan {
  readonly citations: Citation[];
  readonly problems: string[];
}

/** The text of a repository file, `''` for a folder, undefined when the path does not exist. */
export type FileReader = (repoPath: string) => string | undefined;

interface Block {
  readonly line: number;
  readonly text: string;
  readonly tableRow: boolean;
}

const NEW_ITEM = /^\s*(?:[-*+]|\d+\.)\s/;

/** Paragraphs, list items and table rows, with the line each starts on. */
function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  let current: { line: number; lines: string[]; tableRow: boolean } | undefined;
  const close = (): void => {
    if (current)
      blocks.push({ line: current.line, text: current.lines.join('\n'), tableRow: current.tableRow });
    current = undefined;
  };
  markdown.split('\n').forEach((text, index) => {
    const tableRow = text.trimStart().startsWith('|');
    if (text.trim() === '' || tableRow || NEW_ITEM.test(text) || current?.tableRow) close();
    if (text.trim() === '') return;
    if (!current) current = { line: index + 1, lines: [], tableRow };
    current.lines.push(text);
  });
  close();
  return blocks;
}

const CITED_TEST = /^(test\/\S+\.test\.ts) › (.+)$/;
const CITED_PATH = /^test\/\S+$/;
const CONTINUATION = /^› (.+)$/;

/** Every citation of `markdown`, and the `› name` spans that follow no cited file. */
export function readCitations(markdown: string): CitationScan {
  const citations: Citation[] = [];
  const problems: string[] = [];
  for (const block of blocksOf(markdown)) {
    let file: string | undefined;
    for (const match of block.text.matchAll(/`([^`]+)`/g)) {
      const line = block.line + block.text.slice(0, match.index).split('\n').length - 1;
      // A code span shows its line breaks as spaces; in a table, `\|` shows as `|`.
      let span = match[1].replace(/\s+/g, ' ').trim();
      if (block.tableRow) span = span.replace(/\\\|/g, '|');
      const test = CITED_TEST.exec(span);
      const next = CONTINUATION.exec(span);
      if (test) {
        file = test[1];
        citations.push({ line, file, name: test[2] });
      } else if (CITED_PATH.test(span)) {
        if (span.endsWith('.test.ts')) file = span;
        citations.push({ line, file: span });
      } else if (next && file === undefined) {
        problems.push(`line ${line}: \`${span}\` follows no cited test file in its paragraph or row`);
      } else if (next && file !== undefined) {
        citations.push({ line, file, name: next[1] });
      }
    }
  }
  return { citations, problems };
}

/** The problems of each citation: a file that does not exist, a name no title of the file has. */
export function checkCitations(citations: readonly Citation[], read: FileReader): string[] {
  const titles = new Map<string, TitleNode[] | undefined>();
  const titlesOf = (file: string): TitleNode[] | undefined => {
    if (!titles.has(file)) {
      const source = read(file);
      titles.set(file, source === undefined ? undefined : readTitles(source, file));
    }
    return titles.get(file);
  };
  const problems: string[] = [];
  for (const { line, file, name } of citations) {
    if (name === undefined) {
      if (read(file) === undefined) problems.push(`line ${line}: ${file} does not exist`);
      continue;
    }
    const tree = titlesOf(file);
    if (tree === undefined) problems.push(`line ${line}: ${file} does not exist`);
    else if (!hasTestNamed(tree, name)) problems.push(`line ${line}: ${file} has no test named "${name}"`);
  }
  return problems;
}
