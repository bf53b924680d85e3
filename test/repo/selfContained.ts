/**
 * Finds references that make the repository depend on something outside it: a sibling folder of
 * the checkout, an absolute path of some machine, a section of a document that is not in the
 * repository, or a markdown file that does not exist. Used by selfContained.test.ts.
 *
 * The patterns are assembled from pieces so that this file and its test do not match themselves.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as ts from 'typescript';

/** One offending reference. */
export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly kind: 'sibling folder' | 'machine path' | 'section citation' | 'missing document';
  readonly text: string;
}

/** A tracked text file: its path relative to the repository root, and its content. */
export interface RepoFile {
  readonly path: string;
  readonly text: string;
}

const SEP = '/';
const SIBLING = 'sha' + 'red';
const SIBLING_RE = new RegExp(
  [`\\.\\.[\\\\${SEP}]${SIBLING}\\b`, `['"]\\.\\.['"]\\s*,\\s*['"]${SIBLING}['"]`].join('|'),
  'g',
);
// One of the three machine folders starting a path: not after a word, a dot, a dash or `}`
// (which would make it a relative path, a URL path or a template path).
const MACHINE_RE = new RegExp(
  `(?<![\\w.}~-])${SEP}(?:${['wo' + 'rk', 't' + 'mp', 'ho' + 'me'].join('|')})${SEP}`,
  'g',
);
const SECTION_SIGN = '\u00a7';
// Public standards may be cited by section: "RFC 7515", "ES5.1", "ECMA-262", "ISO 8601" or
// "FIPS 180-4", then the sign and a number.
const PUBLIC_STANDARD_BEFORE =
  /(?:RFC \d+|ES\d+(?:\.\d+)?|ECMA-\d+|ISO(?:\/IEC)? \d+(?:-\d+)?|FIPS \d+(?:-\d+)?)\s*$/;
const MD = '\\.' + 'md';
// A file name ending in the markdown extension, not glued to a word, URL path or template before it.
// It starts with a letter or digit (`_description.md` is a suffix) and is not followed by `.name`
// (`forge.md.sha256` is code).
const MD_MENTION_RE = new RegExp(
  `(?<![\\w$}/.-])((?:\\.{1,2}/)*[A-Za-z\\d][\\w./-]*${MD})(?!\\.?[\\w-])`,
  'g',
);
const LINK_RE = /\[[^\]\n]*\]\(([^)\s]+)\)/g;
const URL_SCHEME = /^[a-z][a-z\d+.-]*:/i;
const MD_TARGET = new RegExp(`${MD}(?:[#?]|$)`);

/** Line number (1-based) of a character index. */
function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function lineText(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? undefined : end).trim();
}

/** Whether a repository-relative path names a tracked file or a folder holding one. */
type Exists = (repoPath: string) => boolean;

function inRepo(candidate: string, exists: Exists): boolean {
  return !candidate.startsWith('..') && exists(candidate);
}

/** A link works as a browser or a markdown viewer follows it: from the linking file's folder. */
function linkResolves(from: string, target: string, exists: Exists): boolean {
  const clean = target.replace(/[#?].*$/, '');
  if (clean === '') return true;
  const joined = clean.startsWith('/') ? clean.slice(1) : path.posix.join(path.posix.dirname(from), clean);
  return inRepo(path.posix.normalize(joined), exists);
}

/**
 * A mention in prose names a document of the repository: by its path from the mentioning file or
 * from the root, or by a file name that exists somewhere in it (`README.md`, an example path).
 */
function mentionResolves(
  from: string,
  name: string,
  exists: Exists,
  basenames: ReadonlySet<string>,
): boolean {
  const candidates = [path.posix.join(path.posix.dirname(from), name), path.posix.normalize(name)];
  return candidates.some((c) => inRepo(c, exists)) || basenames.has(path.posix.basename(name));
}

function isCheckedLink(file: string, target: string): boolean {
  if (URL_SCHEME.test(target) || target.startsWith('#') || /[{}$<>]/.test(target)) return false;
  // Outside markdown, `a[b](c)` is code; only path-like targets are links there.
  return file.endsWith('.md') || target.includes('/') || MD_TARGET.test(target);
}

const CODE_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
};

/**
 * The prose of a file, where documents are cited: for code, its comments only (the rest blanked,
 * line breaks kept, so indexes still match); other files whole. File names in code are data (test
 * fixtures, generated names), not references.
 */
function proseOf(file: RepoFile): string {
  const kind = CODE_KINDS[path.posix.extname(file.path)];
  if (kind === undefined) return file.text;
  if (!file.text.includes('.md') && !file.text.includes('](')) return '';
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, kind);
  const chars = file.text.replace(/[^\n]/g, ' ').split('');
  const keep = (ranges: readonly ts.CommentRange[] | undefined): void => {
    for (const r of ranges ?? []) for (let i = r.pos; i < r.end; i++) chars[i] = file.text[i];
  };
  const visit = (node: ts.Node): void => {
    keep(ts.getLeadingCommentRanges(file.text, node.getFullStart()));
    keep(ts.getTrailingCommentRanges(file.text, node.getEnd()));
    node.forEachChild(visit);
  };
  visit(source);
  return chars.join('');
}

function scanFile(file: RepoFile, exists: Exists, basenames: ReadonlySet<string>): Finding[] {
  const found: Finding[] = [];
  const add = (kind: Finding['kind'], index: number): void => {
    found.push({ file: file.path, line: lineOf(file.text, index), kind, text: lineText(file.text, index) });
  };
  for (const m of file.text.matchAll(SIBLING_RE)) add('sibling folder', m.index);
  for (const m of file.text.matchAll(MACHINE_RE)) add('machine path', m.index);
  for (let i = file.text.indexOf(SECTION_SIGN); i !== -1; i = file.text.indexOf(SECTION_SIGN, i + 1)) {
    const before = file.text.slice(file.text.lastIndexOf('\n', i) + 1, i);
    if (!PUBLIC_STANDARD_BEFORE.test(before)) add('section citation', i);
  }
  const prose = proseOf(file);
  for (const m of prose.matchAll(MD_MENTION_RE)) {
    // A link target (`](name.md)`) is checked as a link below, more strictly.
    const isLinkTarget = prose.slice(Math.max(0, m.index - 2), m.index) === '](';
    if (!isLinkTarget && !mentionResolves(file.path, m[1], exists, basenames)) {
      add('missing document', m.index);
    }
  }
  for (const m of prose.matchAll(LINK_RE)) {
    if (isCheckedLink(file.path, m[1]) && !linkResolves(file.path, m[1], exists)) {
      add('missing document', m.index);
    }
  }
  return found;
}

/**
 * Every reference in `files` to something outside the repository. `tracked` lists the repository's
 * files (relative paths); a document reference must name one of them or a folder holding one.
 */
export function findOutsideReferences(files: readonly RepoFile[], tracked: readonly string[]): Finding[] {
  const known = new Set<string>();
  for (const p of tracked) {
    for (let d = p; d !== '.' && d !== ''; d = path.posix.dirname(d)) known.add(d);
  }
  const basenames = new Set(tracked.map((p) => path.posix.basename(p)));
  const exists: Exists = (p) => known.has(p.replace(/\/$/, ''));
  return files.flatMap((f) => scanFile(f, exists, basenames));
}

const SKIPPED = new Set(['node_modules', 'dist', 'coverage', '.git']);

function walk(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = dir === '' ? name : `${dir}/${name}`;
    if (SKIPPED.has(name)) return [];
    return statSync(path.join(root, rel)).isDirectory() ? walk(root, rel) : [rel];
  });
}

/** The repository's files (git's list; a plain walk when this is not a git checkout). */
export function trackedFiles(root: string): string[] {
  let files: string[];
  try {
    // Tracked files and new ones not yet added (but not ignored ones), so a check fails before a commit.
    const args = ['ls-files', '-z', '--cached', '--others', '--exclude-standard'];
    const out = execFileSync('git', args, { cwd: root, encoding: 'utf8' });
    files = out.split('\0').filter((p) => p !== '');
  } catch {
    files = walk(root);
  }
  return [...new Set(files)].filter(
    (p) => !p.split('/').some((part) => SKIPPED.has(part)) && existsSync(path.join(root, p)),
  );
}

/** Reads the text files among `files` (binary files, holding a NUL byte, are left out). */
export function readTextFiles(root: string, files: readonly string[]): RepoFile[] {
  return files.flatMap((p) => {
    const text = readFileSync(path.join(root, p), 'utf8');
    return text.includes('\0') ? [] : [{ path: p, text }];
  });
}
