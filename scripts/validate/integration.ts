/**
 * `validateIntegration`: every YAML-level check in one pass (pykwalify schema, strict-flow rules,
 * IN/BA/DS rules). File-level checks (image, description, pack metadata) live in the CLI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { checkBase } from './baseRules';
import { checkCommands } from './commandRules';
import { checkParams } from './paramRules';
import { checkSchema, compileSchema, type Schema } from './pykwalify';
import { checkSections, checkStrictKeys, checkSupportLevelHeader } from './strictRules';
import { asMap, violation, type ValidateOptions, type Violation } from './types';

/** The repository root (scripts/validate/../..). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The shared pykwalify schema, next to the project: `../shared/xsoar/integration-schema.yml`. */
export const DEFAULT_SCHEMA_PATH = path.resolve(REPO_ROOT, '..', 'shared', 'xsoar', 'integration-schema.yml');

const schemaCache = new Map<string, Schema>();

/** Loads and compiles a pykwalify schema (cached by text). Throws when it cannot be read. */
export function loadSchema(schemaText?: string): Schema {
  const text = schemaText ?? fs.readFileSync(DEFAULT_SCHEMA_PATH, 'utf8');
  let schema = schemaCache.get(text);
  if (!schema) {
    schema = compileSchema(yaml.load(text));
    schemaCache.set(text, schema);
  }
  return schema;
}

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
    ...checkSchema(doc, loadSchema(options.schemaText)),
    ...checkStrictKeys(doc),
    ...checkSections(doc),
    ...checkSupportLevelHeader(doc),
    ...checkBase(doc),
    ...checkParams(doc, { packSupport: options.packSupport }),
    ...checkCommands(doc),
  ];
}
