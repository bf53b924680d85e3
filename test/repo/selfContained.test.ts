/**
 * The repository stands alone: no tracked file refers to a folder beside the checkout, to an
 * absolute path of a machine, to a section of a document the repository does not hold, or to a
 * markdown file that does not exist. Bad references below are assembled from pieces so that this
 * file does not trip the check it runs.
 */
import path from 'node:path';
import { findOutsideReferences, readTextFiles, trackedFiles, type RepoFile } from './selfContained';

const ROOT = path.resolve(__dirname, '..', '..');
const LOCK_FILE = 'package-lock.json';

const S = '/';
const SIBLING_NAME = 'sha' + 'red';
const SIBLING = `..${S}${SIBLING_NAME}`;
const TMP = `${S}t` + `mp${S}`;
const WORK = `${S}wo` + `rk${S}`;
const HOME = `${S}ho` + `me${S}`;
const SIGN = '\u00a7';
const MD = '.' + 'md';

const TRACKED = ['docs/ARCHITECTURE.md', 'docs/guide.md', 'scripts/tool.ts', 'Packs/M/README.md'];

function check(text: string, file = 'scripts/tool.ts'): string[] {
  const files: RepoFile[] = [{ path: file, text }];
  return findOutsideReferences(files, TRACKED).map((f) => `${f.kind}@${f.line}`);
}

describe('the repository refers to nothing outside itself', () => {
  it('has no reference to a sibling folder, a machine path, an outside document or a missing file', () => {
    const files = trackedFiles(ROOT).filter((p) => p !== LOCK_FILE);
    const findings = findOutsideReferences(readTextFiles(ROOT, files), files);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.kind}: ${f.text}`)).toEqual([]);
  });

  it('scans the whole checkout, including docs, scripts and tests', () => {
    const files = trackedFiles(ROOT);
    expect(files).toEqual(
      expect.arrayContaining(['docs/ARCHITECTURE.md', 'test/repo/selfContained.test.ts']),
    );
    expect(files.some((p) => p.startsWith('node_modules/') || p.startsWith('dist/'))).toBe(false);
  });
});

describe('findOutsideReferences flags', () => {
  it.each([
    ['a sibling folder in a path', `const schema = '${SIBLING}/xsoar/schema.yml';`],
    ['a sibling folder in path segments', `path.join(root, '..', '${SIBLING_NAME}')`],
  ])('%s', (_name, text) => {
    expect(check(text)).toEqual(['sibling folder@1']);
  });

  it.each([
    ['a temporary folder in a string', `const out = '${TMP}out.json';`],
    ['a work folder in a comment', `// see ${WORK}main/x.ts:12`],
    ['a home folder in markdown', `Run it from \`${HOME}me/repo\`.`],
  ])('an absolute machine path: %s', (_name, text) => {
    expect(check(text)).toEqual(['machine path@1']);
  });

  it('a section citation of a document, on the right line', () => {
    expect(check(`/**\n * As spec ${SIGN}3.2 says.\n */`)).toEqual(['section citation@2']);
    expect(check(`// (${SIGN}9 case 4)`)).toEqual(['section citation@1']);
  });

  it('a markdown file that is not in the repository, mentioned or linked', () => {
    expect(check(`/** Written from upstream-notes${MD} (not ours). */`)).toEqual(['missing document@1']);
    expect(check(`See [notes](../notes/upstream${MD}).`, 'docs/guide.md')).toEqual(['missing document@1']);
    expect(check(`See [the guide](missing${MD}#top).`, 'docs/guide.md')).toEqual(['missing document@1']);
    // A link must work from the linking file, even when a file of that name exists elsewhere.
    expect(check(`See [readme](../README${MD}).`, 'docs/guide.md')).toEqual(['missing document@1']);
  });
});

describe('findOutsideReferences accepts', () => {
  it.each([
    ['the OS temporary folder', `const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'x-'));`],
    ['a relative folder named like a machine folder', `const p = 'build${TMP}x';`],
    ['a template path', 'const p = `${dir}' + `${TMP}x\`;`],
    ['a URL path', `const u = 'https://example.com${HOME}page';`],
    ['a section of an RFC', `// base64url as RFC 7515 ${SIGN}4.1.7 and RFC 4648 ${SIGN}5 define it`],
    ['a section of another public standard', `// as ES5.1 ${SIGN}15 and ISO 8601 ${SIGN}4.3 define them`],
    [
      'a document that exists, by its path from the root or by its file name',
      `// see docs/ARCHITECTURE${MD} and guide${MD}`,
    ],
    ['a bare file name that exists somewhere', `// as README${MD} explains`],
    ['an example path ending in a file name of the repository', `/** e.g. \`Pack/README${MD}\` */`],
    ['file names in code, outside comments', `fs.writeFileSync(path.join(dir, 'Notes_1_0_1${MD}'), '');`],
    ['a property access that looks like a file name', 'const md = forge.md.sha256.create();'],
    ['a template file name', 'const f = `${NAME}_description' + `${MD}\`;`],
    ['an indexed call in code', 'const r = handlers[name](args);'],
    ['web links and anchors', '[a](https://example.com/x.md) [b](#usage) [c](mailto:x@example.com)'],
  ])('%s', (_name, text) => {
    expect(check(text)).toEqual([]);
  });

  it('relative markdown links that resolve from the linking file', () => {
    const text = `[arch](ARCHITECTURE${MD}) [module](../Packs/M/README${MD}#keys) [folder](../scripts/)`;
    expect(check(text, 'docs/guide.md')).toEqual([]);
  });
});
