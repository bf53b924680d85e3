/**
 * The pack-level README shown on the pack's Marketplace page, generated from pack_metadata.json and
 * the unified integration YAML (the integration README documents the commands in detail).
 */
import * as yaml from 'js-yaml';
import { ToolingError, ToolingErrorCode } from '../docs/errors';

/** The pack_metadata.json fields the pack tooling reads. */
export interface PackMetadata {
  readonly name: string;
  readonly description: string;
  readonly currentVersion: string;
  readonly support?: string;
  readonly author?: string;
  readonly categories?: readonly string[];
}

/** What the pack README says about the integration. */
export interface IntegrationSummary {
  readonly display: string;
  readonly description: string;
  readonly commands: readonly string[];
}

function fail(file: string, why: string): never {
  throw new ToolingError(ToolingErrorCode.input, `${file}: ${why}.`);
}

/** Parses pack_metadata.json, checking the fields the pack needs. */
export function parsePackMetadata(jsonText: string): PackMetadata {
  let data: unknown;
  try {
    data = JSON.parse(jsonText);
  } catch (error) {
    throw new ToolingError(ToolingErrorCode.input, 'pack_metadata.json is not valid JSON.', { cause: error });
  }
  const meta = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  for (const key of ['name', 'description', 'currentVersion']) {
    if (typeof meta[key] !== 'string' || meta[key] === '')
      fail('pack_metadata.json', `"${key}" must be a non-empty string`);
  }
  if (!/^\d+\.\d+\.\d+$/.test(meta.currentVersion as string)) {
    fail('pack_metadata.json', '"currentVersion" must look like 1.2.3');
  }
  return meta as unknown as PackMetadata;
}

/** Reads the display name, description and visible commands from a unified integration YAML. */
export function summarizeIntegration(yamlText: string): IntegrationSummary {
  const doc = yaml.load(yamlText) as Record<string, unknown> | undefined;
  const script = (doc?.script ?? {}) as {
    commands?: { name?: unknown; hidden?: unknown; deprecated?: unknown }[];
  };
  if (typeof doc?.display !== 'string' || typeof doc.description !== 'string') {
    fail('unified integration YAML', 'it has no display or description');
  }
  const commands = (script.commands ?? [])
    .filter((c) => c.hidden !== true && c.deprecated !== true && typeof c.name === 'string')
    .map((c) => c.name as string);
  return { display: doc.display, description: doc.description, commands };
}

/** Renders the pack README (markdown, ending with a newline). */
export function renderPackReadme(meta: PackMetadata, integration: IntegrationSummary): string {
  const facts = [
    `- **Version:** ${meta.currentVersion} (see the release notes in \`ReleaseNotes/\`).`,
    ...(meta.support ? [`- **Support:** ${meta.support}.`] : []),
    ...(meta.author ? [`- **Author:** ${meta.author}.`] : []),
    ...(meta.categories?.length ? [`- **Categories:** ${meta.categories.join(', ')}.`] : []),
  ];
  return [
    `# ${meta.name}`,
    '',
    meta.description,
    '',
    '## What does this pack do?',
    '',
    `This pack holds the **${integration.display}** integration. ${integration.description}`,
    '',
    'Its commands:',
    '',
    ...integration.commands.map((name) => `- \`!${name}\``),
    '',
    'See the integration documentation for its setup (authentication modes, permissions) and every command.',
    '',
    '## Pack information',
    '',
    ...facts,
    '',
  ].join('\n');
}
