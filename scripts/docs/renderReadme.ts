/**
 * Assembles the integration README in demisto-sdk generate-docs order: the YAML description, the
 * hand-written Authentication section, the configuration table, every command (with captured
 * examples), then the hand-written Differences and Troubleshooting sections. Pure: same inputs,
 * same text.
 */
import { renderCommandsSection, type ExamplesByCommand } from './commandSection';
import { renderConfigureSection } from './configSection';
import { renderHandWritten, type HandWrittenTexts } from './handWritten';
import type { IntegrationDoc } from './integrationYaml';

/** Everything the README is made of. */
export interface ReadmeInputs {
  readonly doc: IntegrationDoc;
  readonly examples: ExamplesByCommand;
  readonly handWritten: HandWrittenTexts;
}

/** Renders the README text (ending with exactly one newline). */
export function renderReadme(inputs: ReadmeInputs): string {
  const lines = [
    inputs.doc.description,
    '',
    ...renderHandWritten('authentication', inputs.handWritten),
    ...renderConfigureSection(inputs.doc),
    ...renderCommandsSection(inputs.doc, inputs.examples),
    ...renderHandWritten('differences', inputs.handWritten),
    ...renderHandWritten('troubleshooting', inputs.handWritten),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
