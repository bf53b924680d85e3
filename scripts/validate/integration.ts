/**
 * `validateIntegration`: every YAML-level check in one pass (the structure in `integration.schema.json`,
 * strict-flow rules, IN/BA/DS rules). File-level checks (image, description, pack metadata) live in the CLI.
 */
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { checkBase } from './baseRules';
import { checkCommands } from './commandRules';
import { checkParams } from './paramRules';
import { checkIntegrationSchema } from './schemaCheck';
import { checkSections, checkStrictKeys, checkSupportLevelHeader } from './strictRules';
import { asMap, violation, type ValidateOptions, type Violation } from './types';

/** The repository root (scripts/validate/../..). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Validates integration YAML text; an empty list means it passes every rule. */
export function validateIntegration(yamlText: string, options: ValidateOptions = {}): Violation[] {
  let data: unknown;
  try {
    data = yaml.load(yamlText);
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.reason : String(error);
    return [violation('ST110', '<root>', `not valid YAML: ${reason}.`)];
  }
  const doc = asMap(data);
  if (!doc) return [violation('ST109', '<root>', 'the YAML document is not a mapping.')];
  return [
    ...checkIntegrationSchema(doc),
    ...checkStrictKeys(doc),
    ...checkSections(doc),
    ...checkSupportLevelHeader(doc),
    ...checkBase(doc),
    ...checkParams(doc, { packSupport: options.packSupport }),
    ...checkCommands(doc),
  ];
}
