/**
 * The committed integration README against its sources: regenerated in memory (examples run
 * against a fresh emulator) it must be identical, and it must document every visible command with
 * context tables that match the YAML outputs (RM110, RM102).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOCS_PATHS, generateReadme, REPO_ROOT, type GeneratedReadme } from '../../scripts/docs/generate';
import { documentedCommands, parseIntegrationYaml } from '../../scripts/docs/integrationYaml';
import { checkReadme } from '../../scripts/docs/readmeChecks';
import { HAND_WRITTEN_SECTIONS } from '../../scripts/docs/handWritten';

const committed = fs.readFileSync(path.join(REPO_ROOT, DOCS_PATHS.readme), 'utf8');
const doc = parseIntegrationYaml(fs.readFileSync(path.join(REPO_ROOT, DOCS_PATHS.yaml), 'utf8'));

describe('the committed README', () => {
  let generated: GeneratedReadme;
  beforeAll(async () => {
    generated = await generateReadme(REPO_ROOT);
  });

  it('is what npm run docs generates now (otherwise run npm run docs and commit it)', () => {
    // Compared line by line so a failure shows where it differs.
    expect(committed.split('\n')).toEqual(generated.text.split('\n'));
  });

  it('has a captured example for every documented command', () => {
    expect(generated.commandsWithoutExample).toEqual([]);
    for (const command of documentedCommands(doc)) {
      const section = committed.split(`### ${command.name}\n`)[1]?.split(/\n### /)[0] ?? '';
      expect({ command: command.name, hasExample: section.includes('#### Command example\n```!') }).toEqual({
        command: command.name,
        hasExample: true,
      });
    }
  });
});

describe('README checks on the committed README', () => {
  it('documents every non-hidden, non-deprecated command of the YAML (RM110) with matching context tables (RM102)', () => {
    expect(documentedCommands(doc).length).toBeGreaterThanOrEqual(8);
    expect(checkReadme(doc, committed)).toEqual([]);
  });

  it('keeps the hand-written sections verbatim from docs/integration-readme/', () => {
    for (const section of HAND_WRITTEN_SECTIONS) {
      const source = fs.readFileSync(path.join(REPO_ROOT, section.source), 'utf8').trimEnd();
      expect(committed).toContain(`## ${section.title}\n\n${source}\n`);
    }
  });

  it('shows no loopback address, no random-looking Graph id and the public Graph URL instead', () => {
    expect(committed).not.toMatch(/127\.0\.0\.1|localhost:\d/);
    expect(committed).not.toMatch(/AAMkAD[\w-]{20,}/);
    expect(committed).toContain('"@Odata.Context": "https://graph.microsoft.com/v1.0/');
  });
});
