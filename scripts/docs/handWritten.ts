/**
 * Hand-written README sections. Their text lives in docs/integration-readme/*.md and is copied
 * verbatim under a heading the generator writes, so regenerating the README never loses it.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ToolingError, ToolingErrorCode } from './errors';

/** A hand-written section: its heading and its source file. */
export interface HandWrittenSection {
  readonly id: 'authentication' | 'differences' | 'troubleshooting';
  readonly title: string;
  /** Relative to the repository root. */
  readonly source: string;
}

/** Folder of the section sources, relative to the repository root. */
export const HAND_WRITTEN_DIR = 'docs/integration-readme';

/** Every hand-written section. */
export const HAND_WRITTEN_SECTIONS: readonly HandWrittenSection[] = [
  { id: 'authentication', title: 'Authentication', source: `${HAND_WRITTEN_DIR}/authentication.md` },
  {
    id: 'differences',
    title: 'Differences from the Python integration',
    source: `${HAND_WRITTEN_DIR}/differences.md`,
  },
  { id: 'troubleshooting', title: 'Troubleshooting', source: `${HAND_WRITTEN_DIR}/troubleshooting.md` },
];

/** Section text by id. */
export type HandWrittenTexts = Readonly<Record<HandWrittenSection['id'], string>>;

/**
 * Reads every section source.
 * @throws ToolingError (`TOOLING_INPUT_INVALID`) naming a missing or empty source file.
 */
export async function loadHandWritten(root: string): Promise<HandWrittenTexts> {
  const entries = await Promise.all(
    HAND_WRITTEN_SECTIONS.map(async (section) => {
      const text = await fs.readFile(path.join(root, section.source), 'utf8').catch((error: unknown) => {
        throw new ToolingError(ToolingErrorCode.input, `${section.source} is missing.`, { cause: error });
      });
      if (text.trim() === '') throw new ToolingError(ToolingErrorCode.input, `${section.source} is empty.`);
      return [section.id, text] as const;
    }),
  );
  return Object.fromEntries(entries) as unknown as HandWrittenTexts;
}

/** Renders one section: `## <title>`, a blank line, the source text without trailing blank lines. */
export function renderHandWritten(id: HandWrittenSection['id'], texts: HandWrittenTexts): string[] {
  const section = HAND_WRITTEN_SECTIONS.find((s) => s.id === id) as HandWrittenSection;
  return [`## ${section.title}`, '', texts[id].replace(/\s+$/, ''), ''];
}
