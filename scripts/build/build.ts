/**
 * `npm run build`: writes dist/integration-MicrosoftGraphCalendar.yml, the unified integration YAML
 * holding ONE bundled ES5 script for the XSOAR server's JavaScript engine (see bundle.ts and
 * scripts/build/README.md). Deterministic: the same sources give the same bytes. Fails when the
 * script is not ES5 (checks.ts) or exceeds {@link SCRIPT_BUDGET_BYTES}.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleServerScript, DEFAULT_ENTRY } from './bundle';
import { checkServerScript } from './checks';
import { unifyIntegration, withPackVersion } from './unify';

/** Options for {@link buildIntegration}. */
export interface BuildOptions {
  /** Repository root; defaults to this checkout. */
  readonly root?: string;
  /** Output directory, relative to root or absolute; defaults to `dist`. */
  readonly outDir?: string;
  readonly entryPoint?: string;
  readonly minify?: boolean;
  /** X-Content-Branch of the oproxy call; defaults to `master`. */
  readonly branch?: string;
}

/** What a build produced. */
export interface BuildResult {
  readonly outputPath: string;
  /** The script as embedded in the YAML (with the pack version line). */
  readonly script: string;
  readonly yamlText: string;
  readonly scriptBytes: number;
  readonly scriptGzipBytes: number;
}

const NAME = 'MicrosoftGraphCalendar';

/** The largest script the build accepts, in bytes (with the pack version line). */
export const SCRIPT_BUDGET_BYTES = 330_000;
const DEFAULT_ROOT = path.resolve(__dirname, '..', '..');

async function packVersion(root: string): Promise<string> {
  const metadata = JSON.parse(await fs.readFile(path.join(root, 'pack_metadata.json'), 'utf8')) as {
    currentVersion?: unknown;
  };
  if (typeof metadata.currentVersion !== 'string' || !/^\d+\.\d+\.\d+$/.test(metadata.currentVersion)) {
    throw new Error('pack_metadata.json has no semantic-version currentVersion');
  }
  return metadata.currentVersion;
}

async function readOptional(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Bundles, checks and unifies the integration, and writes the YAML. */
export async function buildIntegration(options: BuildOptions = {}): Promise<BuildResult> {
  const root = options.root ?? DEFAULT_ROOT;
  const dir = path.join(root, 'Integrations', NAME);
  const version = await packVersion(root);
  const body = await bundleServerScript({
    root,
    entryPoint: options.entryPoint ?? DEFAULT_ENTRY,
    minify: options.minify,
    buildInfo: { contentVersion: version, branch: options.branch ?? 'master' },
  });
  const problems = checkServerScript(body);
  const bytes = Buffer.byteLength(withPackVersion(body, version));
  if (bytes > SCRIPT_BUDGET_BYTES)
    problems.push(`The server script is ${bytes} bytes, over the budget of ${SCRIPT_BUDGET_BYTES} bytes`);
  if (problems.length > 0) throw new Error(problems.join('\n'));

  const description = await readOptional(path.join(dir, `${NAME}_description.md`));
  const image = await readOptional(path.join(dir, `${NAME}_image.png`));
  const yamlText = unifyIntegration({
    yamlText: await fs.readFile(path.join(dir, `${NAME}.yml`), 'utf8'),
    script: body,
    packVersion: version,
    description: description?.toString('utf8'),
    imagePng: image,
  });
  const outputPath = path.resolve(root, options.outDir ?? 'dist', `integration-${NAME}.yml`);
  await fs.mkdir(path.dirname(outputPath), { recursive: true });
  await fs.writeFile(outputPath, yamlText);
  const script = withPackVersion(body, version);
  return {
    outputPath,
    script,
    yamlText,
    scriptBytes: bytes,
    scriptGzipBytes: gzipSync(script, { level: 9 }).length,
  };
}

if (require.main === module) {
  buildIntegration().then(
    (result) => {
      const where = path.relative(process.cwd(), result.outputPath);
      console.log(
        `${where}: ES5 script of ${result.scriptBytes} bytes (budget ${SCRIPT_BUDGET_BYTES}; gzip ${result.scriptGzipBytes})`,
      );
    },
    (error: unknown) => {
      console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
