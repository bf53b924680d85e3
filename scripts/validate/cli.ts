/**
 * The `npm run validate [path-to-yml]` entry: validates the integration YAML, its
 * image and description, and the pack_metadata.json found above it. One line per violation.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { validateImage } from './image';
import { validateIntegration, REPO_ROOT } from './integration';
import { parsePackMetadata, validatePackMetadata } from './packMetadata';
import { violation, type Violation } from './types';

/** Where the CLI writes; tests pass a collector. */
export interface ValidateIo {
  log(line: string): void;
  error(line: string): void;
}

/** The integration YAML checked when no path is given. */
export const DEFAULT_YML = path.join(
  REPO_ROOT,
  'Integrations',
  'MicrosoftGraphCalendar',
  'MicrosoftGraphCalendar.yml',
);

/** A violation tied to the file it was found in. */
interface FileViolation extends Violation {
  readonly file: string;
}

function findPackMetadata(startDir: string): string | undefined {
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'pack_metadata.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function tag(file: string, found: Violation[]): FileViolation[] {
  const rel = path.relative(process.cwd(), file) || file;
  return found.map((v) => ({ ...v, file: rel }));
}

const PNG_DATA_URL = 'data:image/png;base64,';

/**
 * The image and description embedded in a unified YAML (what `npm run build` writes), or
 * undefined for the split form, whose related files sit next to it.
 */
function embedded(yamlText: string): { image?: string; description?: string } | undefined {
  let doc: unknown;
  try {
    doc = yaml.load(yamlText);
  } catch {
    return undefined; // validateIntegration reports the parse error.
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const { image, detaileddescription } = doc as Record<string, unknown>;
  if (typeof image !== 'string' && typeof detaileddescription !== 'string') return undefined;
  return {
    image: typeof image === 'string' ? image : undefined,
    description: typeof detaileddescription === 'string' ? detaileddescription : undefined,
  };
}

function checkEmbedded(ymlPath: string, unified: { image?: string; description?: string }): FileViolation[] {
  const out: FileViolation[] = [];
  if (unified.image?.startsWith(PNG_DATA_URL)) {
    const bytes = Buffer.from(unified.image.slice(PNG_DATA_URL.length), 'base64');
    out.push(...tag(ymlPath, validateImage(bytes, 'image')));
  } else {
    out.push(...tag(ymlPath, [violation('IM100', 'image', 'the integration image is missing.')]));
  }
  if (!unified.description?.trim()) {
    out.push(
      ...tag(ymlPath, [
        violation('DS104', 'detaileddescription', 'the detailed description is missing or empty.'),
      ]),
    );
  }
  return out;
}

/** Related files are named after the package folder, as demisto-sdk looks them up. */
function relatedFiles(ymlPath: string, yamlText: string): FileViolation[] {
  const unified = embedded(yamlText);
  if (unified) return checkEmbedded(ymlPath, unified);
  const dir = path.dirname(ymlPath);
  const base = path.join(dir, path.basename(dir));
  const image = `${base}_image.png`;
  const description = `${base}_description.md`;
  const out: FileViolation[] = [];
  if (fs.existsSync(image)) out.push(...tag(image, validateImage(fs.readFileSync(image), '')));
  else out.push(...tag(image, [violation('IM100', '', 'the integration image is missing.')]));
  if (!fs.existsSync(description) || fs.readFileSync(description, 'utf8').trim() === '') {
    out.push(...tag(description, [violation('DS104', '', 'the detailed description is missing or empty.')]));
  }
  return out;
}

function collect(ymlPath: string): { found: FileViolation[]; files: number } {
  const found: FileViolation[] = [];
  const metaPath = findPackMetadata(path.dirname(ymlPath));
  let packSupport: string | undefined;
  if (metaPath) {
    const metaText = fs.readFileSync(metaPath, 'utf8');
    const support = parsePackMetadata(metaText)?.support;
    packSupport = typeof support === 'string' ? support : undefined;
    found.push(...tag(metaPath, validatePackMetadata(metaText, '')));
  } else {
    found.push(...tag(ymlPath, [violation('PM100', '', 'no pack_metadata.json found above the YAML.')]));
  }
  const yamlText = fs.readFileSync(ymlPath, 'utf8');
  found.push(
    ...tag(ymlPath, validateIntegration(yamlText, { packSupport })),
    ...relatedFiles(ymlPath, yamlText),
  );
  return { found, files: metaPath ? 4 : 3 };
}

function parseArgs(argv: string[]): string {
  if (argv.length > 1) throw new Error('usage: validate [path-to-yml]');
  const yml = path.resolve(argv[0] ?? DEFAULT_YML);
  if (!fs.existsSync(yml)) throw new Error(`cannot read ${yml}: no such file.`);
  return yml;
}

/** Runs the validator; returns the exit code (0 = clean, 1 = violations or an unreadable input). */
export function runValidate(argv: string[], io: ValidateIo = console): number {
  try {
    const yml = parseArgs(argv);
    const { found, files } = collect(yml);
    for (const v of found)
      io.log(`${v.code} ${v.location ? `${v.file}:${v.location}` : v.file}: ${v.message}`);
    if (found.length > 0) {
      io.error(`validate: ${found.length} violation(s).`);
      return 1;
    }
    io.log(
      `OK: ${path.relative(process.cwd(), yml) || yml} and ${files - 1} related file(s) pass every rule.`,
    );
    return 0;
  } catch (error) {
    // Only the message: a stack trace is no help to someone fixing a YAML file.
    io.error(`validate: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
