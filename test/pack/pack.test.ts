import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { buildPack, PACK_FOLDER } from '../../scripts/pack/buildPack';
import { parsePackMetadata } from '../../scripts/pack/packReadme';
import {
  checkUnifiedYaml,
  provideUnifiedYaml,
  staleReason,
  UNIFIED_FILE,
} from '../../scripts/pack/unifiedYaml';
import { readZip } from '../../scripts/pack/zip';

const ROOT = path.resolve(__dirname, '..', '..');
const SPLIT_YAML = fs.readFileSync(
  path.join(ROOT, 'Integrations', 'MicrosoftGraphCalendar', 'MicrosoftGraphCalendar.yml'),
  'utf8',
);
/** The split YAML with a script embedded: enough of a unified YAML for the packing logic. */
const UNIFIED = SPLIT_YAML.replace("script: '-'", "script: '// pack version: 1.0.0\nvar x = 1;'");
const EXPECTED_ENTRIES = [
  `${PACK_FOLDER}/Integrations/${UNIFIED_FILE}`,
  `${PACK_FOLDER}/README.md`,
  `${PACK_FOLDER}/ReleaseNotes/1_0_0.md`,
  `${PACK_FOLDER}/ReleaseNotes/1_0_1.md`,
  `${PACK_FOLDER}/pack_metadata.json`,
];

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function fakeRepo(meta = fs.readFileSync(path.join(ROOT, 'pack_metadata.json'), 'utf8')): string {
  fs.writeFileSync(path.join(dir, 'pack_metadata.json'), meta);
  fs.mkdirSync(path.join(dir, 'ReleaseNotes'));
  fs.writeFileSync(path.join(dir, 'ReleaseNotes', '1_0_0.md'), 'First release.\n');
  fs.writeFileSync(path.join(dir, 'ReleaseNotes', '1_0_1.md'), 'A fix.\n');
  fs.writeFileSync(path.join(dir, 'ReleaseNotes', 'notes.txt'), 'not a release note\n');
  return dir;
}

describe('buildPack', () => {
  it('writes the XSOAR layout: one pack folder with metadata, README, release notes and the unified YAML', async () => {
    const root = fakeRepo();
    const result = await buildPack({ root, outFile: 'out/pack.zip', unifiedYaml: UNIFIED });
    expect(result.outFile).toBe(path.join(root, 'out', 'pack.zip'));
    const entries = readZip(fs.readFileSync(result.outFile));
    expect(entries.map((e) => e.path)).toEqual(EXPECTED_ENTRIES);
    const byPath = Object.fromEntries(entries.map((e) => [e.path, e.data.toString('utf8')]));
    expect(byPath[`${PACK_FOLDER}/Integrations/${UNIFIED_FILE}`]).toBe(UNIFIED);
    expect(byPath[`${PACK_FOLDER}/pack_metadata.json`]).toBe(
      fs.readFileSync(path.join(root, 'pack_metadata.json'), 'utf8'),
    );
    expect(byPath[`${PACK_FOLDER}/ReleaseNotes/1_0_1.md`]).toBe('A fix.\n');
  });

  it('generates the pack README from pack_metadata.json and the integration', async () => {
    const root = fakeRepo();
    const { outFile } = await buildPack({ root, outFile: 'p.zip', unifiedYaml: UNIFIED });
    const readme = readZip(fs.readFileSync(outFile))
      .find((e) => e.path.endsWith('/README.md'))
      ?.data.toString('utf8');
    const meta = parsePackMetadata(fs.readFileSync(path.join(root, 'pack_metadata.json'), 'utf8'));
    expect(readme).toMatch(new RegExp(`^# ${meta.name}\n\n`));
    expect(readme).toContain(meta.description);
    expect(readme).toContain(`**Version:** ${meta.currentVersion}`);
    expect(readme).toContain('**O365 Outlook Calendar**');
    expect(readme).toContain('- `!msgraph-calendar-create-event`');
    expect(readme).toContain('- `!msgraph-calendar-auth-reset`');
  });

  it('gives the same bytes on every run', async () => {
    const root = fakeRepo();
    const a = await buildPack({ root, outFile: 'a.zip', unifiedYaml: UNIFIED });
    const b = await buildPack({ root, outFile: 'b.zip', unifiedYaml: UNIFIED });
    expect(fs.readFileSync(b.outFile).equals(fs.readFileSync(a.outFile))).toBe(true);
  });

  it("is listed by Python's zipfile -l with the expected entries", async () => {
    const root = fakeRepo();
    const { outFile } = await buildPack({ root, outFile: 'p.zip', unifiedYaml: UNIFIED });
    const listing = execFileSync('python3', ['-m', 'zipfile', '-l', outFile], { encoding: 'utf8' });
    const names = listing
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s+\d{4}-\d\d-\d\d /)[0])
      .filter(Boolean);
    expect(names.sort()).toEqual(EXPECTED_ENTRIES);
  });

  it('fails with a clear message when pack_metadata.json lacks currentVersion, writing nothing', async () => {
    const root = fakeRepo(JSON.stringify({ name: 'X', description: 'Y' }));
    await expect(buildPack({ root, outFile: 'p.zip', unifiedYaml: UNIFIED })).rejects.toThrow(
      'pack_metadata.json: "currentVersion" must be a non-empty string.',
    );
    expect(fs.existsSync(path.join(root, 'p.zip'))).toBe(false);
  });

  it('fails when there is no release note', async () => {
    const root = fakeRepo();
    fs.rmSync(path.join(root, 'ReleaseNotes'), { recursive: true });
    await expect(buildPack({ root, outFile: 'p.zip', unifiedYaml: UNIFIED })).rejects.toThrow(
      /ReleaseNotes\/ holds no release note/,
    );
  });
});

describe('checkUnifiedYaml', () => {
  it('refuses the split YAML, whose script is still "-"', () => {
    expect(() => checkUnifiedYaml(SPLIT_YAML)).toThrow(
      `${UNIFIED_FILE}: script.script holds no bundled code.`,
    );
    expect(() => checkUnifiedYaml(UNIFIED)).not.toThrow();
    expect(() => checkUnifiedYaml(UNIFIED.replace('type: javascript', 'type: python'))).toThrow(
      'script.type is not javascript',
    );
  });
});

describe('staleReason', () => {
  function touch(file: string, seconds: number): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file)) fs.writeFileSync(file, 'x');
    fs.utimesSync(file, seconds, seconds);
  }

  it('says missing, then fresh, then stale when a source is newer, ignoring README and command_examples', async () => {
    const out = path.join(dir, 'dist');
    touch(path.join(dir, 'Integrations', 'X', 'X.ts'), 1000);
    expect(await staleReason(dir, out)).toBe(`${UNIFIED_FILE} is missing`);
    touch(path.join(out, UNIFIED_FILE), 2000);
    expect(await staleReason(dir, out)).toBeUndefined();
    touch(path.join(dir, 'Integrations', 'X', 'README.md'), 3000);
    touch(path.join(dir, 'Integrations', 'X', 'command_examples'), 3000);
    expect(await staleReason(dir, out)).toBeUndefined();
    touch(path.join(dir, 'Packs', 'M', 'deep', 'y.ts'), 3000);
    expect(await staleReason(dir, out)).toBe(`${UNIFIED_FILE} is older than its sources`);
  });
});

describe('provideUnifiedYaml on the real sources', () => {
  it('builds when the output folder is empty and returns an uploadable unified YAML', async () => {
    const messages: string[] = [];
    const text = await provideUnifiedYaml({ root: ROOT, outDir: dir, onInfo: (m) => messages.push(m) });
    expect(messages).toEqual([`Building the unified YAML: ${UNIFIED_FILE} is missing.`]);
    const doc = yaml.load(text) as { commonfields: { id: string }; script: { script: string } };
    expect(doc.commonfields.id).toBe('Microsoft Graph Calendar');
    expect(doc.script.script).toMatch(/^\/\/ pack version: \d+\.\d+\.\d+\n/);
    expect(fs.readFileSync(path.join(dir, UNIFIED_FILE), 'utf8')).toBe(text);
  });
});
