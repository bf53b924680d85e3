/**
 * The parts of the integration YAML that the documentation reads, parsed into typed records.
 * Anything the README generator relies on is checked here, so a malformed YAML fails with a
 * message naming the key instead of producing a broken README.
 */
import * as yaml from 'js-yaml';
import { ToolingError, ToolingErrorCode } from './errors';

/** An instance parameter (`configuration[]`). */
export interface YamlParam {
  readonly name: string;
  readonly type: number;
  readonly display?: string;
  readonly displaypassword?: string;
  readonly additionalinfo?: string;
  readonly required: boolean;
  readonly hidden: boolean;
  readonly hiddenusername: boolean;
  readonly defaultvalue?: string;
  /** The choices of a single select (type 15). */
  readonly options: readonly string[];
}

/** A command argument. */
export interface YamlArgument {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  readonly hidden: boolean;
  readonly predefined: readonly string[];
  readonly defaultValue?: string;
  readonly isArray: boolean;
}

/** A context output of a command. */
export interface YamlOutput {
  readonly contextPath: string;
  readonly description: string;
  readonly type?: string;
}

/** A command; `arguments` is `undefined` when the key is absent (not an empty list). */
export interface YamlCommand {
  readonly name: string;
  readonly description: string;
  readonly deprecated: boolean;
  readonly hidden: boolean;
  readonly arguments?: readonly YamlArgument[];
  readonly outputs: readonly YamlOutput[];
}

/** The integration as the README sees it. */
export interface IntegrationDoc {
  readonly name: string;
  readonly display: string;
  readonly description: string;
  readonly configuration: readonly YamlParam[];
  readonly commands: readonly YamlCommand[];
}

type Map = Record<string, unknown>;
const isMap = (value: unknown): value is Map =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(where: string, what: string): never {
  throw new ToolingError(ToolingErrorCode.input, `Integration YAML: ${where} ${what}.`);
}

function text(map: Map, key: string, where: string): string {
  const value = map[key];
  if (typeof value !== 'string' || value === '') fail(`${where}.${key}`, 'must be a non-empty string');
  return value;
}

function optionalText(map: Map, key: string): string | undefined {
  const value = map[key];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/** `hidden` is a boolean or, per marketplace, a list; this README documents the XSOAR marketplace. */
function isHidden(value: unknown): boolean {
  return value === true || (Array.isArray(value) && value.includes('xsoar'));
}

function list(map: Map, key: string, where: string): Map[] | undefined {
  const value = map[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every(isMap)) fail(`${where}.${key}`, 'must be a list of mappings');
  return value;
}

function parseParam(raw: Map, index: number): YamlParam {
  const where = `configuration[${index}]`;
  if (typeof raw.type !== 'number') fail(`${where}.type`, 'must be a number');
  return {
    name: text(raw, 'name', where),
    type: raw.type,
    display: optionalText(raw, 'display'),
    displaypassword: optionalText(raw, 'displaypassword'),
    additionalinfo: optionalText(raw, 'additionalinfo'),
    required: raw.required === true,
    hidden: isHidden(raw.hidden),
    hiddenusername: raw.hiddenusername === true,
    defaultvalue: optionalText(raw, 'defaultvalue'),
    options: Array.isArray(raw.options) ? raw.options.map(String) : [],
  };
}

function parseArgument(raw: Map, where: string): YamlArgument {
  const predefined = Array.isArray(raw.predefined) ? raw.predefined.map(String) : [];
  return {
    name: text(raw, 'name', where),
    description: text(raw, 'description', where),
    required: raw.required === true,
    hidden: isHidden(raw.hidden),
    predefined,
    defaultValue: optionalText(raw, 'defaultValue'),
    isArray: raw.isArray === true,
  };
}

function parseOutput(raw: Map, where: string): YamlOutput {
  return {
    contextPath: text(raw, 'contextPath', where),
    description: text(raw, 'description', where),
    type: optionalText(raw, 'type'),
  };
}

function parseCommand(raw: Map, index: number): YamlCommand {
  const where = `script.commands[${index}]`;
  const name = text(raw, 'name', where);
  const at = `${where} (${name})`;
  const args = list(raw, 'arguments', at);
  return {
    name,
    description: optionalText(raw, 'description') ?? '',
    deprecated: raw.deprecated === true,
    hidden: isHidden(raw.hidden),
    arguments: args?.map((a, i) => parseArgument(a, `${at}.arguments[${i}]`)),
    outputs: (list(raw, 'outputs', at) ?? []).map((o, i) => parseOutput(o, `${at}.outputs[${i}]`)),
  };
}

/**
 * Parses integration YAML text.
 * @throws ToolingError (`TOOLING_INPUT_INVALID`) naming the first key that is missing or malformed.
 */
export function parseIntegrationYaml(yamlText: string): IntegrationDoc {
  let doc: unknown;
  try {
    doc = yaml.load(yamlText);
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.reason : 'unreadable';
    throw new ToolingError(ToolingErrorCode.input, `Integration YAML is not valid YAML: ${reason}.`, {
      cause: error,
    });
  }
  if (!isMap(doc)) fail('<root>', 'must be a mapping');
  const script = doc.script;
  if (!isMap(script)) fail('script', 'must be a mapping');
  return {
    name: text(doc, 'name', '<root>'),
    display: text(doc, 'display', '<root>'),
    description: text(doc, 'description', '<root>'),
    configuration: (list(doc, 'configuration', '<root>') ?? []).map(parseParam),
    commands: (list(script, 'commands', 'script') ?? []).map(parseCommand),
  };
}

/** The commands a README must document (RM110): neither deprecated nor hidden. */
export function documentedCommands(doc: IntegrationDoc): YamlCommand[] {
  return doc.commands.filter((c) => !c.deprecated && !c.hidden);
}
