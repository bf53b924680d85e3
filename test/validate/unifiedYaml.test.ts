import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { buildIntegration } from '../../scripts/build/build';
import { runValidate } from '../../scripts/validate';
import { ROOT } from './helpers';

function run(argv: string[]): { code: number; out: string[] } {
  const out: string[] = [];
  const code = runValidate(argv, { log: (l) => out.push(l), error: (l) => out.push(l) });
  return { code, out };
}

describe('npm run validate on the unified YAML that npm run build writes', () => {
  let dir: string;
  let built: string;
  beforeAll(async () => {
    // Inside the repo so that the validator finds pack_metadata.json above it, as for dist/.
    dir = fs.mkdtempSync(path.join(ROOT, '.tmp-unified-'));
    built = (await buildIntegration({ outDir: dir })).outputPath;
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes, checking the embedded image and description instead of neighbouring files', () => {
    const result = run([built]);
    expect(result.out).toEqual([expect.stringMatching(/^OK: .*integration-MicrosoftGraphCalendar\.yml/)]);
    expect(result.code).toBe(0);
  });

  it('flags a unified YAML whose embedded image and description were removed (IM100, DS104)', () => {
    const doc = yaml.load(fs.readFileSync(built, 'utf8')) as Record<string, unknown>;
    doc.image = 'data:image/png;base64,';
    doc.detaileddescription = ' ';
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'unified-')), 'integration-Broken.yml');
    fs.writeFileSync(broken, yaml.dump(doc));
    // Outside the repo: no pack_metadata.json above, which is reported too.
    const result = run([broken]);
    expect(result.code).toBe(1);
    expect(result.out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^IM\d{3} .*integration-Broken\.yml:image: /),
        expect.stringMatching(/^DS104 .*integration-Broken\.yml:detaileddescription: /),
      ]),
    );
    fs.rmSync(path.dirname(broken), { recursive: true, force: true });
  });
});
