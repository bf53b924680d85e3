/**
 * `npm run docs [-- --check]`: regenerates Integrations/MicrosoftGraphCalendar/README.md from the
 * integration YAML, the command examples (run against the embedded emulator) and the hand-written
 * sections in docs/integration-readme/. With --check, writes nothing and fails when it is stale.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DOCS_PATHS, generateReadme, REPO_ROOT } from './docs/generate';

async function run(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(`Unknown argument "${unknown[0]}". Usage: npm run docs [-- --check]`);
    return 2;
  }
  const readmePath = path.join(REPO_ROOT, DOCS_PATHS.readme);
  const { text, commandsWithoutExample } = await generateReadme(REPO_ROOT);
  for (const name of commandsWithoutExample)
    console.warn(`Warning: ${name} has no line in ${DOCS_PATHS.examples}.`);
  const current = await fs.readFile(readmePath, 'utf8').catch(() => undefined);
  if (argv.includes('--check')) {
    if (current === text) return 0;
    console.error(`${DOCS_PATHS.readme} is out of date: run npm run docs.`);
    return 1;
  }
  if (current !== text) await fs.writeFile(readmePath, text);
  console.log(`${DOCS_PATHS.readme}: ${current === text ? 'unchanged' : 'written'}.`);
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Docs failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
