import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { GENERATED_DTS, GENERATED_JS, generateValidators } from '../../scripts/gen-validators';
import { validateParams } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/validateParams.generated';
import { INSTANCES } from './fixtures';

describe('the generated params validator', () => {
  it('is up to date with the schema (run `npm run gen` when this fails)', () => {
    const { js, dts } = generateValidators();
    expect(fs.readFileSync(GENERATED_JS, 'utf8')).toBe(js);
    expect(fs.readFileSync(GENERATED_DTS, 'utf8')).toBe(dts);
  });

  it('is generated deterministically', () => {
    expect(generateValidators()).toStrictEqual(generateValidators());
  });

  it('uses neither eval nor new Function, and requires only AJV runtime helpers', () => {
    const js = fs.readFileSync(GENERATED_JS, 'utf8');
    expect(js).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/);
    const required = [...js.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    for (const name of required) expect(name).toMatch(/^ajv\/dist\/runtime\//);
  });

  it('bundles for a platform without Node built-ins', async () => {
    const result = await build({
      entryPoints: [GENERATED_JS],
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'iife',
      logLevel: 'silent',
    });
    expect(result.errors).toStrictEqual([]);
    expect(result.outputFiles[0].text).not.toMatch(/\brequire\(/);
  });

  it('bundles with parseSettings for the server engine, with no Node built-in referenced', async () => {
    const result = await build({
      entryPoints: [
        path.resolve(__dirname, '../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/index.ts'),
      ],
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'iife',
      globalName: 'settings',
      logLevel: 'silent',
    });
    expect(result.errors).toStrictEqual([]);
    expect(result.outputFiles[0].text).not.toMatch(
      /\brequire\(|\b(Buffer|process|TextEncoder|setTimeout)\b|new URL\(/,
    );
  });

  it('accepts a valid instance and leaves AJV errors for an invalid one', () => {
    expect(validateParams(INSTANCES.oproxy)).toBe(true);
    expect(validateParams({ ...INSTANCES.oproxy, url: 'x', proxy: 'maybe' })).toBe(false);
    expect(validateParams.errors?.map((e) => [e.instancePath, e.keyword])).toStrictEqual([
      ['/proxy', 'pattern'],
    ]);
  });
});
