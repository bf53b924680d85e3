/**
 * docs/upstream-behaviour.md proves each point with a test, cited as `test/<file> › <name>`. Tests
 * get renamed, moved and split; this suite fails when the document cites a file that does not exist
 * or a name that no `describe`/`it`/`test` title of the cited file has (titles are read from the
 * source, not by running the file).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkCitations, readCitations, type FileReader } from './docCitations';
import { hasTestNamed, readTitles } from './testTitles';

const ROOT = path.resolve(__dirname, '..', '..');
const DOC = 'docs/upstream-behaviour.md';

const readRepoFile: FileReader = (repoPath) => {
  const full = path.join(ROOT, repoPath);
  if (!fs.existsSync(full)) return undefined;
  return fs.statSync(full).isDirectory() ? '' : fs.readFileSync(full, 'utf8');
};

/** Checks `markdown` against in-memory test files. */
function problemsOf(markdown: string, files: Record<string, string>): string[] {
  const scan = readCitations(markdown);
  return [...scan.problems, ...checkCitations(scan.citations, (p) => files[p])];
}

const SAMPLE = `
describe('the calendar', () => {
  it('lists events', () => {});
  it.each([['China'], ['DoD']])('uses the %s login endpoint', () => {});
  describe.each(['oproxy'])('%s against the emulator', () => {
    test('passes every step', () => {});
  });
});
describe('settings', () => {
  it.each(rows)('%s', () => {});
  it(\`keeps \${count} keys\`, () => {});
  it.each([1])('shows 100%% of ' + 'the rows', () => {});
});
`;
const FILES = { 'test/a/sample.test.ts': SAMPLE, 'test/a/other.test.ts': "it('x', () => {});" };

describe('docs/upstream-behaviour.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, DOC), 'utf8');
  const scan = readCitations(doc);

  it('cites only test files that exist and test names those files have', () => {
    expect(scan.problems).toEqual([]);
    expect(checkCitations(scan.citations, readRepoFile)).toEqual([]);
  });

  it('gives every acceptance case (C1-C28, A1-A16) a row with at least one cited test', () => {
    const rows = doc.split('\n').filter((line) => /^\| [CA]\d+ \|/.test(line));
    const cases = rows.map((row) => row.split('|')[1].trim());
    const expected = [
      ...Array.from({ length: 28 }, (_, i) => `C${i + 1}`),
      ...Array.from({ length: 16 }, (_, i) => `A${i + 1}`),
    ];
    expect(cases).toEqual(expected);
    const uncited = rows.filter((row) => !readCitations(row).citations.some((c) => c.name !== undefined));
    expect(uncited).toEqual([]);
  });
});

describe('reading the titles of a test file', () => {
  const titles = readTitles(SAMPLE);

  it.each([
    'the calendar › lists events',
    'lists events',
    'uses the %s login endpoint',
    'uses the China login endpoint',
    'the calendar › oproxy against the emulator › passes every step',
    'the calendar › passes every step',
    'settings › keeps 12 keys',
    'settings › any row of the table',
    'shows 100% of the rows',
  ])('finds %j', (name) => {
    expect(hasTestNamed(titles, name)).toBe(true);
  });

  it.each([
    ['a title that is not there', 'lists all events'],
    ['a test under another describe', 'the calendar › keeps 12 keys'],
    ['describes in the wrong order', 'oproxy against the emulator › the calendar › passes every step'],
    ['a placeholder left empty', 'uses the  login endpoint'],
    ['a prefix of a title', 'uses the China'],
    ['a row of a placeholder-only title without its describe', 'any row of the table'],
  ])('refuses %s', (_why, name) => {
    expect(hasTestNamed(titles, name)).toBe(false);
  });

  it('ignores calls that only look like tests', () => {
    const source = "/x/.test('a'); helpers.it('b', () => {}); it.each([1])('real %i', () => {});";
    expect(readTitles(source).map((t) => t.text)).toEqual(['real %i']);
  });
});

describe('checking the citations of a document', () => {
  it('accepts citations, continuations in the same paragraph or row, and escaped pipes in tables', () => {
    const markdown = [
      'See `test/a/sample.test.ts › the calendar › lists events`,',
      '`› uses the DoD login endpoint` and the folder `test/a`.',
      '',
      '| C1 | `test/a/sample.test.ts › settings › %s`, `› keeps a\\|b keys` |',
    ].join('\n');
    expect(problemsOf(markdown, { ...FILES, 'test/a': '' })).toEqual([]);
  });

  it('reports a missing file, a missing name and a continuation without a file, with their lines', () => {
    const markdown = [
      'Text `test/a/gone.test.ts › lists events` and `test/a/sample.test.ts › lists all events`.',
      '',
      '`› lists events` starts this paragraph.',
      '',
      '| row | `test/a/other.test.ts › x` |',
      '| row | `› lists events` |',
      'A path `test/a/missing` alone.',
    ].join('\n');
    expect(problemsOf(markdown, FILES)).toEqual([
      'line 3: `› lists events` follows no cited test file in its paragraph or row',
      'line 6: `› lists events` follows no cited test file in its paragraph or row',
      'line 1: test/a/gone.test.ts does not exist',
      'line 1: test/a/sample.test.ts has no test named "lists all events"',
      'line 7: test/a/missing does not exist',
    ]);
  });

  it('reads a citation whose code span breaks across lines as one name', () => {
    const markdown = 'See `test/a/sample.test.ts › the calendar ›\nlists events`.';
    expect(readCitations(markdown).citations).toEqual([
      { line: 1, file: 'test/a/sample.test.ts', name: 'the calendar › lists events' },
    ]);
    expect(problemsOf(markdown, FILES)).toEqual([]);
  });

  it('continues with the file of a bare test path, and skips code spans that cite nothing', () => {
    const markdown = 'In `test/a/other.test.ts`, `› x` and `› y`; `%s` and `npm test` are not citations.';
    expect(problemsOf(markdown, FILES)).toEqual(['line 1: test/a/other.test.ts has no test named "y"']);
  });
});
