import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { load } from 'js-yaml';
import { GENERATED_DIR, generateIntegration, YAML_PATH } from '../../scripts/gen';
import { METADATA } from '../../Integrations/MicrosoftGraphCalendar/generated/metadata';
import {
  settingsRaw,
  settingsValues,
} from '../../Integrations/MicrosoftGraphCalendar/generated/settingsValidators';
import { INSTANCES } from './fixtures';

interface YamlParam {
  name: string;
  type: number;
  display?: string;
  displaypassword?: string;
  hidden?: boolean;
  required?: boolean;
  options?: string[];
}
const yamlParams = (load(fs.readFileSync(YAML_PATH, 'utf8')) as { configuration: YamlParam[] }).configuration;

describe('the files generated from the integration YAML', () => {
  it('are up to date (run `npm run gen` when this fails)', () => {
    const files = generateIntegration();
    expect(Object.keys(files).sort()).toStrictEqual(fs.readdirSync(GENERATED_DIR).sort());
    for (const [name, content] of Object.entries(files))
      expect([name, fs.readFileSync(path.join(GENERATED_DIR, name), 'utf8')]).toStrictEqual([name, content]);
  });

  it('are generated deterministically', () => {
    expect(generateIntegration()).toStrictEqual(generateIntegration());
  });

  it('use neither eval nor new Function, and require only the format modules', () => {
    for (const name of ['settingsValidators.js', 'argumentValidators.js']) {
      const js = fs.readFileSync(path.join(GENERATED_DIR, name), 'utf8');
      expect(js).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/);
      const required = [...js.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      for (const module of required)
        expect(module).toMatch(/\/(settings\/formats|CommonServer\/argumentRules)$/);
    }
  });

  it('bundle for a platform without Node built-ins', async () => {
    for (const name of ['settingsValidators.js', 'argumentValidators.js']) {
      const result = await build({
        entryPoints: [path.join(GENERATED_DIR, name)],
        bundle: true,
        write: false,
        platform: 'neutral',
        format: 'iife',
        logLevel: 'silent',
      });
      expect(result.errors).toStrictEqual([]);
      expect(result.outputFiles[0].text).not.toMatch(/\brequire\(|\b(Buffer|process|TextEncoder)\b/);
    }
  });

  it('describe every parameter of the YAML, in its order, with its label, type and legacy twin', () => {
    expect(METADATA.params.map((p) => [p.name, p.type, p.hidden, p.required])).toStrictEqual(
      yamlParams.map((p) => [p.name, p.type, p.hidden === true, p.required === true]),
    );
    for (const param of METADATA.params) {
      const yaml = yamlParams.find((p) => p.name === param.name);
      expect(param.label).toBe(param.type === 9 ? yaml?.displaypassword : yaml?.display);
    }
    const twins = METADATA.params.filter((p) => p.legacyTwin).map((p) => [p.name, p.legacyTwin]);
    expect(twins).toStrictEqual([
      ['credentials_auth_id', 'auth_id'],
      ['credentials_tenant_id', 'tenant_id'],
      ['credentials_enc_key', 'enc_key'],
      ['credentials_certificate_thumbprint', 'certificate_thumbprint'],
    ]);
    expect(METADATA.params.find((p) => p.name === 'azure_cloud')?.options).toStrictEqual(
      yamlParams.find((p) => p.name === 'azure_cloud')?.options,
    );
  });

  it('validate the shape of raw params and leave AJV errors for an invalid one', () => {
    expect(settingsRaw(INSTANCES.oproxy)).toBe(true);
    expect(settingsRaw({ ...INSTANCES.oproxy, proxy: 'maybe', credentials_enc_key: 'text' })).toBe(false);
    expect(settingsRaw.errors?.map((e) => [e.instancePath, e.keyword])).toStrictEqual([
      ['/credentials_enc_key', 'type'],
      ['/proxy', 'pattern'],
    ]);
  });

  it('require what the selected mode needs, in the values', () => {
    expect(settingsValues({ url: 'https://graph.microsoft.com', self_deployed: true })).toBe(false);
    const missing = settingsValues.errors
      ?.filter((e) => e.keyword === 'required')
      .map((e) => e.params.missingProperty);
    expect(missing).toStrictEqual(['credentials_auth_id', 'credentials_tenant_id', 'credentials_enc_key']);
  });
});
