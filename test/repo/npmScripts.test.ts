/** Every file an npm script runs exists: `npm run gen` once pointed at a deleted generator. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const scripts = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

describe('the npm scripts', () => {
  it.each(Object.entries(scripts))('%s runs files that exist', (_name, command) => {
    const files = command
      .split(/\s+/)
      .filter((word) => /^(scripts|test|Integrations|Packs)\/.+\.(ts|js)$/.test(word));
    for (const file of files) expect([file, fs.existsSync(path.join(ROOT, file))]).toEqual([file, true]);
  });

  it('include gen, which regenerates the files derived from the YAML', () => {
    expect(scripts.gen).toBe('tsx scripts/gen.ts');
  });
});
