/**
 * Provides the unified integration YAML for the pack: reuses dist/ when it is newer than every
 * build input, otherwise runs the build (scripts/build/build.ts) first, then checks the result.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { buildIntegration } from '../build/build';
import { ToolingError, ToolingErrorCode } from '../docs/errors';

/** The unified YAML's file name, as `demisto-sdk prepare-content` names it. */
export const UNIFIED_FILE = 'integration-MicrosoftGraphCalendar.yml';

/** Build inputs, relative to the repository root (folders are walked). */
const BUILD_INPUTS = ['Integrations', 'Packs', 'scripts/build', 'pack_metadata.json', 'package-lock.json'];
/** Files in the input folders that the build never reads. */
const NOT_BUILD_INPUT = /(^|\/)(README\.md|command_examples)$|\.test\.ts$/;

async function newestMtime(file: string): Promise<number> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) return 0;
  if (!stat.isDirectory()) return NOT_BUILD_INPUT.test(file.split(path.sep).join('/')) ? 0 : stat.mtimeMs;
  const names = await fs.readdir(file);
  const times = await Promise.all(names.map((name) => newestMtime(path.join(file, name))));
  return Math.max(0, ...times);
}

/** Why the unified YAML in `outDir` must be rebuilt, or `undefined` when it is up to date. */
export async function staleReason(root: string, outDir: string): Promise<string | undefined> {
  const output = await fs.stat(path.join(outDir, UNIFIED_FILE)).catch(() => undefined);
  if (!output) return `${UNIFIED_FILE} is missing`;
  const inputs = await Promise.all(BUILD_INPUTS.map((input) => newestMtime(path.join(root, input))));
  return Math.max(...inputs) > output.mtimeMs ? `${UNIFIED_FILE} is older than its sources` : undefined;
}

/**
 * Checks that a unified YAML is uploadable: the bundled JavaScript is embedded (not the split
 * form's `-`) and the id is set.
 * @throws ToolingError (`TOOLING_BUILD_FAILED`) naming what is wrong.
 */
export function checkUnifiedYaml(yamlText: string): void {
  let doc: Record<string, unknown> | undefined;
  try {
    doc = yaml.load(yamlText) as Record<string, unknown> | undefined;
  } catch (error) {
    throw new ToolingError(ToolingErrorCode.build, `${UNIFIED_FILE} is not valid YAML.`, { cause: error });
  }
  const script = (doc?.script ?? {}) as Record<string, unknown>;
  const id = (doc?.commonfields as Record<string, unknown> | undefined)?.id;
  const problem =
    typeof id !== 'string' || id === ''
      ? 'commonfields.id is missing'
      : script.type !== 'javascript'
        ? 'script.type is not javascript'
        : typeof script.script !== 'string' || ['', '-'].includes(script.script.trim())
          ? 'script.script holds no bundled code'
          : undefined;
  if (problem) throw new ToolingError(ToolingErrorCode.build, `${UNIFIED_FILE}: ${problem}.`);
}

/** Options of {@link provideUnifiedYaml}. */
export interface ProvideOptions {
  readonly root: string;
  /** Where the build writes; defaults to `<root>/dist`. */
  readonly outDir?: string;
  /** Rebuild even when dist/ looks up to date. */
  readonly forceBuild?: boolean;
  /** Reports progress (e.g. "building: ... is missing"). */
  readonly onInfo?: (message: string) => void;
}

/** Returns the unified YAML text, building it first when missing or stale. */
export async function provideUnifiedYaml(options: ProvideOptions): Promise<string> {
  const outDir = options.outDir ?? path.join(options.root, 'dist');
  const reason = options.forceBuild ? 'a rebuild was requested' : await staleReason(options.root, outDir);
  if (reason) {
    options.onInfo?.(`Building the unified YAML: ${reason}.`);
    try {
      await buildIntegration({ root: options.root, outDir });
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0] : 'unknown error';
      throw new ToolingError(ToolingErrorCode.build, `The build failed: ${why}`, { cause: error });
    }
  }
  const yamlText = await fs.readFile(path.join(outDir, UNIFIED_FILE), 'utf8');
  checkUnifiedYaml(yamlText);
  return yamlText;
}
