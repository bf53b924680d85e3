/**
 * Assembles the pack ZIP that XSOAR uploads: one folder `MicrosoftGraphCalendar/` holding
 * pack_metadata.json, a pack README, the release notes and the unified integration YAML.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ToolingError, ToolingErrorCode } from '../docs/errors';
import { parsePackMetadata, renderPackReadme, summarizeIntegration } from './packReadme';
import { provideUnifiedYaml, UNIFIED_FILE } from './unifiedYaml';
import { createZip, verifyZip, type ZipInput } from './zip';

/** The pack folder at the root of the archive (the pack id). */
export const PACK_FOLDER = 'MicrosoftGraphCalendar';
/** The archive's default location, relative to the repository root. */
export const DEFAULT_ZIP = path.join('dist', `${PACK_FOLDER}.zip`);

/** Options of {@link buildPack}. */
export interface PackOptions {
  /** Repository root (holds pack_metadata.json and ReleaseNotes/). */
  readonly root: string;
  /** Output file; defaults to `<root>/dist/MicrosoftGraphCalendar.zip`. */
  readonly outFile?: string;
  /** The unified YAML to pack; when absent it comes from dist/ (built first if stale). */
  readonly unifiedYaml?: string;
  readonly forceBuild?: boolean;
  readonly onInfo?: (message: string) => void;
}

/** What {@link buildPack} wrote. */
export interface PackResult {
  readonly outFile: string;
  /** Archive paths, in archive order. */
  readonly entries: readonly string[];
  readonly bytes: number;
}

async function releaseNotes(root: string): Promise<ZipInput[]> {
  const dir = path.join(root, 'ReleaseNotes');
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const notes = names.filter((name) => /^\d+_\d+_\d+\.(md|json)$/.test(name));
  if (!notes.some((name) => name.endsWith('.md'))) {
    throw new ToolingError(
      ToolingErrorCode.input,
      'ReleaseNotes/ holds no release note (<major>_<minor>_<patch>.md).',
    );
  }
  return Promise.all(
    notes.map(async (name) => ({
      path: `${PACK_FOLDER}/ReleaseNotes/${name}`,
      data: await fs.readFile(path.join(dir, name)),
    })),
  );
}

/** The archive's files (unsorted; {@link createZip} sorts). */
export async function collectPackFiles(root: string, unifiedYaml: string): Promise<ZipInput[]> {
  const metadataBytes = await fs.readFile(path.join(root, 'pack_metadata.json')).catch((error: unknown) => {
    throw new ToolingError(ToolingErrorCode.input, 'pack_metadata.json is missing.', { cause: error });
  });
  const metadata = parsePackMetadata(metadataBytes.toString('utf8'));
  const readme = renderPackReadme(metadata, summarizeIntegration(unifiedYaml));
  return [
    { path: `${PACK_FOLDER}/pack_metadata.json`, data: metadataBytes },
    { path: `${PACK_FOLDER}/README.md`, data: Buffer.from(readme, 'utf8') },
    ...(await releaseNotes(root)),
    { path: `${PACK_FOLDER}/Integrations/${UNIFIED_FILE}`, data: Buffer.from(unifiedYaml, 'utf8') },
  ];
}

/**
 * Writes the pack ZIP after reading it back and comparing every entry with the packed file.
 * @throws ToolingError on a missing input, a failed build or an unreadable archive.
 */
export async function buildPack(options: PackOptions): Promise<PackResult> {
  const unifiedYaml = options.unifiedYaml ?? (await provideUnifiedYaml(options));
  const files = await collectPackFiles(options.root, unifiedYaml);
  const zip = createZip(files);
  const entries = verifyZip(zip, files).map((entry) => entry.path);
  const outFile = path.resolve(options.root, options.outFile ?? DEFAULT_ZIP);
  await fs.mkdir(path.dirname(outFile), { recursive: true });
  await fs.writeFile(outFile, zip);
  return { outFile, entries, bytes: zip.length };
}
