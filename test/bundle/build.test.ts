import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as acorn from 'acorn';
import * as yaml from 'js-yaml';
import { buildIntegration, SCRIPT_BUDGET_BYTES } from '../../scripts/build/build';
import type { BuildResult } from '../../scripts/build/build';
import { escapeControlCharacters } from '../../scripts/build/bundle';
import { checkServerScript } from '../../scripts/build/checks';
import { unifyIntegration, withPackVersion } from '../../scripts/build/unify';

const root = path.resolve(__dirname, '..', '..');
const integrationDir = path.join(root, 'Integrations', 'MicrosoftGraphCalendar');
let tmp: string;
let first: BuildResult;
let second: BuildResult;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bundle-build-'));
  first = await buildIntegration({ outDir: path.join(tmp, 'a') });
  second = await buildIntegration({ outDir: path.join(tmp, 'b') });
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('is deterministic: two builds write identical bytes', async () => {
    const a = await fs.readFile(first.outputPath);
    const b = await fs.readFile(second.outputPath);
    expect(path.basename(first.outputPath)).toBe('integration-MicrosoftGraphCalendar.yml');
    expect(a.equals(b)).toBe(true);
  });

  it('embeds ONE script prefixed by the pack version, as a readable literal block', async () => {
    const metadata = JSON.parse(await fs.readFile(path.join(root, 'pack_metadata.json'), 'utf8')) as {
      currentVersion: string;
    };
    const doc = yaml.load(first.yamlText) as { script: { script: string; type: string } };
    expect(doc.script.type).toBe('javascript');
    expect(doc.script.script).toBe(first.script);
    expect(first.script.startsWith(`// pack version: ${metadata.currentVersion}\n`)).toBe(true);
    // Two statements: the prelude's var, and the return of the integration's function.
    const program = acorn.parse(first.script, { ecmaVersion: 5, allowReturnOutsideFunction: true });
    expect(program.body.map((node) => node.type)).toEqual(['VariableDeclaration', 'ReturnStatement']);
    expect(first.script).toMatch(/^[^\n]*\nvar __xsoarPrelude=/);
    expect(first.yamlText).toMatch(/\n {2}script: \|-?\n {4}\/\/ pack version: /);
    expect(first.script.match(/\/\/ pack version:/g)).toHaveLength(1);
  });

  it('keeps the split YAML and adds the description and the PNG image', async () => {
    const source = yaml.load(
      await fs.readFile(path.join(integrationDir, 'MicrosoftGraphCalendar.yml'), 'utf8'),
    ) as Record<string, unknown>;
    const doc = yaml.load(first.yamlText) as Record<string, unknown>;
    const png = await fs.readFile(path.join(integrationDir, 'MicrosoftGraphCalendar_image.png'));
    const description = await fs.readFile(
      path.join(integrationDir, 'MicrosoftGraphCalendar_description.md'),
      'utf8',
    );
    expect(doc.detaileddescription).toBe(description);
    expect(doc.image).toBe(`data:image/png;base64,${png.toString('base64')}`);
    const { script: _s, detaileddescription: _d, image: _i, ...rest } = doc;
    const { script: _s2, ...sourceRest } = source;
    expect(rest).toEqual(sourceRest);
    expect({ ...(doc.script as object), script: '-' }).toEqual({ ...(source.script as object), script: '-' });
  });

  it('produces an ES5 script within the size budget, without eval, new Function or unresolved requires', () => {
    expect(checkServerScript(first.script)).toEqual([]);
    expect(first.scriptBytes).toBe(Buffer.byteLength(first.script));
    expect(first.scriptBytes).toBeLessThanOrEqual(SCRIPT_BUDGET_BYTES);
    expect(first.script).not.toContain('new Function(');
    expect(first.script).not.toContain('eval(');
    expect(first.scriptGzipBytes).toBeLessThan(first.scriptBytes);
  });
});

describe('build checks', () => {
  it('flags runtime code generation, unresolved requires and syntax newer than ES5', () => {
    expect(checkServerScript('return eval("1");')).toEqual([expect.stringContaining('eval(')]);
    expect(checkServerScript('return new Function("return 1")();')).toEqual([
      expect.stringContaining('new Function('),
    ]);
    expect(checkServerScript('var x = __require("fs"); return x;')).toEqual([
      expect.stringContaining('require'),
    ]);
    for (const es2015 of [
      'let a = 1;',
      'const a = 1;',
      'var f = () => 1;',
      'class A {}',
      'var f = function* () { yield 1; };',
      'for (var x of []) {}',
      'var s = `template`;',
      'var [a] = [1];',
      'function f(a = 1) {}',
      'var o = { a };',
      'return (async function () {})();',
      'var a = { ...b };',
      'var r = /x/u;',
      'var r = /x/y;',
      'var r = /x/s;',
    ]) {
      expect([es2015, checkServerScript(es2015)]).toEqual([
        es2015,
        [expect.stringContaining('not valid ES5')],
      ]);
    }
    expect(checkServerScript('var f = function () { return [1].map(function (x) { return x; }); };')).toEqual(
      [],
    );
  });

  it('flags RegExp constructions an ES5 engine cannot build: flags beyond g, i, m and ES2018+ patterns', () => {
    expect(checkServerScript('var r = new RegExp("\\\\S", "u");')).toEqual([
      expect.stringContaining('RegExp("\\\\S", "u")'),
    ]);
    expect(checkServerScript('var r = RegExp("a", "gy");')).toEqual([
      expect.stringContaining('only the g, i and m'),
    ]);
    expect(checkServerScript('var r = new RegExp("(?<year>\\\\d+)");')).toEqual([
      expect.stringContaining('not an ES5 pattern'),
    ]);
    expect(checkServerScript('var r = new RegExp("(?<=a)b", "g");')).toEqual([
      expect.stringContaining('not an ES5 pattern'),
    ]);
    expect(
      checkServerScript('var r = new RegExp("a/b[/]", "gim"), s = RegExp(p, f), t = new RegExp("x\\n");'),
    ).toEqual([]);
  });

  it('escapes raw control characters and tabs, leaving line feeds', () => {
    expect(escapeControlCharacters('a\tb\x1c\n\r')).toBe('a\\x09b\\x1c\n\\x0d');
  });
});

describe('unifier', () => {
  const split =
    'commonfields:\n  id: X\nname: X\ndescription: D.\nscript:\n  script: "-"\n  type: javascript\ntests:\n- No tests\n';

  it('places the description and image after `description` and keeps the other keys in order', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]);
    const text = unifyIntegration({
      yamlText: split,
      script: 'return 1;',
      packVersion: '2.0.1',
      description: 'Guide',
      imagePng: png,
    });
    const doc = yaml.load(text) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'commonfields',
      'name',
      'description',
      'detaileddescription',
      'image',
      'script',
      'tests',
    ]);
    expect((doc.script as { script: string }).script).toBe('// pack version: 2.0.1\nreturn 1;');
  });

  it('refuses a non-PNG image and a non-JavaScript integration', () => {
    expect(() =>
      unifyIntegration({
        yamlText: split,
        script: '',
        packVersion: '1.0.0',
        imagePng: new Uint8Array([1, 2]),
      }),
    ).toThrow('not a PNG');
    expect(() =>
      unifyIntegration({ yamlText: split.replace('javascript', 'python'), script: '', packVersion: '1.0.0' }),
    ).toThrow('script.type must be javascript');
  });

  it('does not add a second pack version line', () => {
    expect(withPackVersion('// pack version: 1.0.0\nx', '2.0.0')).toBe('// pack version: 1.0.0\nx');
  });
});
