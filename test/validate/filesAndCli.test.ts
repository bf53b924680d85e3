import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pngSize, runValidate, validateImage, validatePackMetadata } from '../../scripts/validate';
import { found, REAL_YAML, ROOT } from './helpers';

const PACK_DIR = path.join(ROOT, 'Integrations', 'MicrosoftGraphCalendar');
const REAL_META = fs.readFileSync(path.join(ROOT, 'pack_metadata.json'), 'utf8');
const REAL_IMAGE = fs.readFileSync(path.join(PACK_DIR, 'MicrosoftGraphCalendar_image.png'));
/** A valid 10x10 transparent PNG (71 bytes): the wrong size for an integration image. */
const PNG_10X10 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAoAAAAKCAYAAACNMs+9AAAADklEQVR42mNgGAWDEwAAAZoAAQDqGN4AAAAASUVORK5CYII=',
  'base64',
);

function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runValidate(argv, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out, err };
}

describe('npm run validate, run in-process', () => {
  it('passes on the real integration YAML, image, description and pack_metadata.json', () => {
    const result = run([]);
    expect(result.out.filter((l) => !l.startsWith('OK:'))).toEqual([]);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out).toEqual([
      expect.stringMatching(/^OK: .*MicrosoftGraphCalendar\.yml and 3 related file\(s\) pass/),
    ]);
  });

  describe('on a broken copy of the package in a temp dir', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    function writePackage(yamlText: string, meta: string, image?: Buffer): string {
      const pkg = path.join(dir, 'Integrations', 'MicrosoftGraphCalendar');
      fs.mkdirSync(pkg, { recursive: true });
      fs.writeFileSync(path.join(dir, 'pack_metadata.json'), meta);
      const yml = path.join(pkg, 'MicrosoftGraphCalendar.yml');
      fs.writeFileSync(yml, yamlText);
      if (image) fs.writeFileSync(path.join(pkg, 'MicrosoftGraphCalendar_image.png'), image);
      return yml;
    }

    it('prints one "<CODE> <location>: <message>" line per violation and exits 1', () => {
      const meta = JSON.stringify({ ...JSON.parse(REAL_META), support: 'xsoar', currentVersion: 'one' });
      const yamlText = REAL_YAML.replace('  hidden: true\n', '');
      const result = run([writePackage(yamlText, meta, PNG_10X10)]);
      expect(result.code).toBe(1);
      expect(result.out).toEqual([
        expect.stringMatching(/^PM102 \S*pack_metadata\.json:currentVersion: currentVersion must be/),
        expect.stringMatching(/^IN145 \S*MicrosoftGraphCalendar\.yml:configuration\[auth_id\]\.type: /),
        expect.stringMatching(
          /^IM111 \S*MicrosoftGraphCalendar_image\.png: image is 10x10 pixels; it must be 120x50\.$/,
        ),
        expect.stringMatching(
          /^DS104 \S*MicrosoftGraphCalendar_description\.md: the detailed description is missing or empty\.$/,
        ),
      ]);
      expect(result.err).toEqual(['validate: 4 violation(s).']);
    });

    it('reports a missing image and a missing pack_metadata.json', () => {
      const pkg = path.join(dir, 'Pkg');
      fs.mkdirSync(pkg);
      fs.writeFileSync(path.join(pkg, 'Pkg.yml'), REAL_YAML);
      fs.writeFileSync(path.join(pkg, 'Pkg_description.md'), '## Setup\n');
      const result = run([path.join(pkg, 'Pkg.yml')]);
      expect(result.code).toBe(1);
      expect(result.out.map((l) => l.split(' ')[0])).toEqual(['PM100', 'IM100']);
    });
  });

  it('exits 1 with a one-line message, and no stack trace, when the YAML file does not exist', () => {
    const result = run([path.join(os.tmpdir(), 'no-such-dir-xyz', 'Missing.yml')]);
    expect(result.code).toBe(1);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^validate: cannot read .*Missing\.yml: no such file\.$/);
    expect(result.err[0]).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown extra argument with the usage line', () => {
    const result = run(['a.yml', 'b.yml']);
    expect(result.code).toBe(1);
    expect(result.err).toEqual(['validate: usage: validate [path-to-yml]']);
  });
});

describe('the integration image', () => {
  it('is a 120x50 PNG under 10 KB', () => {
    expect(pngSize(REAL_IMAGE)).toEqual({ width: 120, height: 50 });
    expect(REAL_IMAGE.length).toBeLessThanOrEqual(10 * 1024);
    expect(validateImage(REAL_IMAGE)).toEqual([]);
  });

  it('fails IM101 when larger than 10 KB and IM111 when not a PNG', () => {
    const big = Buffer.concat([REAL_IMAGE, Buffer.alloc(11 * 1024)]);
    expect(found(validateImage(big))).toEqual(['IM101 image']);
    expect(found(validateImage(Buffer.from('GIF89a not a png at all, sorry')))).toEqual(['IM111 image']);
  });
});

describe('pack_metadata.json', () => {
  it('has the agreed values and passes the checks', () => {
    expect(JSON.parse(REAL_META)).toMatchObject({
      name: 'Microsoft Graph Calendar',
      support: 'community',
      currentVersion: '1.0.0',
      author: 'Microsoft Graph Calendar TS maintainers',
      url: '',
      email: '',
      created: '2026-11-27T00:00:00Z',
      categories: ['Cloud Service Provider'],
      tags: [],
      useCases: [],
      keywords: ['calendar', 'outlook', 'o365', 'microsoft graph', 'events'],
      marketplaces: ['xsoar', 'marketplacev2'],
    });
    expect(validatePackMetadata(REAL_META)).toEqual([]);
  });

  it('flags missing required fields, a non-semver version and unknown values', () => {
    const meta = {
      ...JSON.parse(REAL_META),
      author: ' ',
      support: 'gold',
      currentVersion: '1.0',
      marketplaces: ['xsoar', 'moon'],
    };
    delete meta.categories;
    expect(found(validatePackMetadata(JSON.stringify(meta)))).toEqual([
      'PM101 pack_metadata.json.author',
      'PM101 pack_metadata.json.categories',
      'PM103 pack_metadata.json.support',
      'PM102 pack_metadata.json.currentVersion',
      'PM103 pack_metadata.json.marketplaces[1]',
    ]);
  });

  it('flags text that is not a JSON object', () => {
    expect(found(validatePackMetadata('{"name": '))).toEqual(['PM100 pack_metadata.json']);
    expect(found(validatePackMetadata('[]'))).toEqual(['PM100 pack_metadata.json']);
  });
});
