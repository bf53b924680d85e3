/**
 * `generateReadme`: reads the integration YAML, the command examples and the hand-written section
 * sources, runs the examples against the emulator and renders the README text (nothing written).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { documentedCommands, parseIntegrationYaml } from './integrationYaml';
import { loadHandWritten } from './handWritten';
import { renderReadme } from './renderReadme';
import { ToolingError, ToolingErrorCode } from './errors';
import { captureExamples } from './examples/runExamples';
import { checkReadme } from './readmeChecks';

/** The repository root (scripts/docs/../..). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_DIR = 'Integrations/MicrosoftGraphCalendar';
/** Paths relative to the repository root. */
export const DOCS_PATHS = {
  yaml: `${PACKAGE_DIR}/MicrosoftGraphCalendar.yml`,
  readme: `${PACKAGE_DIR}/README.md`,
  examples: `${PACKAGE_DIR}/command_examples`,
} as const;

/** The README text and what the reader should know about it. */
export interface GeneratedReadme {
  readonly text: string;
  /** Documented commands that have no example line. */
  readonly commandsWithoutExample: readonly string[];
}

/**
 * demisto-sdk's reading of a command_examples file: one command per line, blank lines and `#`
 * comments skipped, a missing leading `!` added.
 */
export function parseExamplesFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => (line.startsWith('!') ? line : `!${line}`));
}

async function read(root: string, relative: string): Promise<string> {
  return fs.readFile(path.join(root, relative), 'utf8').catch((error: unknown) => {
    throw new ToolingError(ToolingErrorCode.input, `${relative} is missing.`, { cause: error });
  });
}

/**
 * Generates the README from the files under `root`.
 * @throws ToolingError when an input is missing or malformed, an example names a command the YAML
 * does not document, or an example fails.
 */
export async function generateReadme(root: string = REPO_ROOT): Promise<GeneratedReadme> {
  const doc = parseIntegrationYaml(await read(root, DOCS_PATHS.yaml));
  const lines = parseExamplesFile(await read(root, DOCS_PATHS.examples));
  const documented = new Set(documentedCommands(doc).map((c) => c.name));
  for (const line of lines) {
    const name = line.slice(1).split(/\s/)[0];
    if (!documented.has(name)) {
      throw new ToolingError(
        ToolingErrorCode.example,
        `${DOCS_PATHS.examples}: "${name}" is not a documented command of the integration YAML.`,
      );
    }
  }
  const handWritten = await loadHandWritten(root);
  const examples = await captureExamples(lines);
  const text = renderReadme({ doc, examples, handWritten });
  // The generator checks its own output as the validator would (RM110, RM102).
  const violations = checkReadme(doc, text);
  if (violations.length > 0) {
    const first = violations[0];
    throw new ToolingError(
      ToolingErrorCode.input,
      `Generated README fails ${first.code} for ${first.command}: ${first.message}.`,
    );
  }
  return { text, commandsWithoutExample: [...documented].filter((name) => !examples.has(name)) };
}
