import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../../scripts/host/buildCli';
import { leanBundlePlugin } from '../../scripts/host/leanBundle';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'lean-bundle-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Bundles `source` (resolved from the repository root) with the plugin and runs it with node. */
async function bundleAndRun(source: string): Promise<string> {
  const outfile = join(dir, 'entry.js');
  await build({
    stdin: { contents: source, resolveDir: repoRoot, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
    plugins: [leanBundlePlugin()],
  });
  const run = spawnSync(process.execPath, [outfile], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout.trim();
}

describe('leanBundlePlugin', () => {
  it('keeps form-data working behind its lazy proxy (axios builds a real multipart form)', async () => {
    const out = await bundleAndRun(
      [
        "import axios from 'axios';",
        "const form = axios.toFormData({ a: '1' }) as unknown as { getBoundary(): string; getBuffer(): Buffer };",
        'console.log(JSON.stringify({ boundary: form.getBoundary().length > 0, body: form.getBuffer().toString() }));',
      ].join('\n'),
    );
    const { boundary, body } = JSON.parse(out) as { boundary: boolean; body: string };
    expect(boundary).toBe(true);
    expect(body).toContain('Content-Disposition: form-data; name="a"\r\n\r\n1\r\n');
  });

  it('lets axios load without reading FormData (no undici), while the real global object keeps it', async () => {
    const out = await bundleAndRun(
      [
        "import axios from 'axios';",
        "import * as vm from 'node:vm';",
        "const undici = () => process.moduleLoadList.some((m) => m.includes('undici'));",
        'const loadedWithAxios = undici();',
        'globalThis.leanProbe = 1;',
        'console.log(JSON.stringify({',
        '  axios: typeof axios.get,',
        '  loadedWithAxios,',
        '  inBundle: typeof globalThis.FormData,',
        "  realGlobal: vm.runInThisContext('typeof globalThis.FormData + \\' \\' + globalThis.leanProbe'),",
        '}));',
      ].join('\n'),
    );
    expect(JSON.parse(out)).toEqual({
      axios: 'function',
      loadedWithAxios: false,
      inBundle: 'undefined',
      realGlobal: 'function 1',
    });
  });

  it('forwards a lazily loaded builtin to the real module (CommonJS importer: follow-redirects)', async () => {
    const out = await bundleAndRun(
      [
        "import * as realHttps from 'node:https';",
        "import followRedirects from 'follow-redirects';",
        'const wrapped = (followRedirects as unknown as { https: typeof realHttps }).https;',
        'console.log(JSON.stringify({',
        '  agent: new wrapped.Agent({ keepAlive: true }) instanceof realHttps.Agent,',
        '  globalAgent: wrapped.globalAgent === realHttps.globalAgent,',
        '}));',
      ].join('\n'),
    );
    expect(JSON.parse(out)).toEqual({ agent: true, globalAgent: true });
  });
});
