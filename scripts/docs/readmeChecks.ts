/**
 * README checks after demisto-sdk's RM110 (every visible command is documented) and RM102 (each
 * command's Context Output table matches the YAML outputs: paths, types and descriptions).
 * The README is parsed back from markdown, independently of how the generator escapes it.
 */
import { NO_OUTPUT_TEXT } from './commandSection';
import { documentedCommands, type IntegrationDoc, type YamlCommand } from './integrationYaml';

/** One mismatch between the README and the YAML. */
export interface ReadmeViolation {
  readonly code: 'RM110' | 'RM102';
  readonly command: string;
  readonly message: string;
}

interface OutputRow {
  readonly path: string;
  readonly type: string;
  readonly description: string;
}

/** The lines of the `### <name>` section, up to the next `##`/`###` heading; undefined if absent. */
function commandSection(lines: readonly string[], name: string): string[] | undefined {
  const start = lines.indexOf(`### ${name}`);
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && /^#{2,3} /.test(line));
  return lines.slice(start + 1, end < 0 ? lines.length : end);
}

/** Reverses markdown escaping: `<br/>` line breaks, HTML entities, backslash escapes. */
function unescapeCell(cell: string): string {
  return cell
    .replace(/<br\/?>/g, '\n')
    .replace(/\\(.)/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** The Context Output rows of a section; `undefined` when the section has no such subsection. */
function outputRows(section: readonly string[]): OutputRow[] | undefined {
  const start = section.indexOf('#### Context Output');
  if (start < 0) return undefined;
  const rows: OutputRow[] = [];
  for (const line of section.slice(start + 1)) {
    if (line.startsWith('#### ')) break;
    if (!line.startsWith('|') || /^\|\s*(\*\*Path\*\*|---)/.test(line)) continue;
    const [path = '', type = '', description = ''] = tableCells(line);
    rows.push({ path: unescapeCell(path), type: unescapeCell(type), description: unescapeCell(description) });
  }
  return rows;
}

function compareOutputs(command: YamlCommand, rows: readonly OutputRow[]): string[] {
  const problems: string[] = [];
  const byPath = new Map(rows.map((row) => [row.path, row]));
  for (const output of command.outputs) {
    const row = byPath.get(output.contextPath);
    const type = output.type ?? 'unknown';
    if (!row) problems.push(`${output.contextPath} is a YAML output missing from the README context table`);
    else if (row.type !== type)
      problems.push(`${output.contextPath} has type ${row.type} in the README, ${type} in the YAML`);
    else if (row.description !== output.description)
      problems.push(`${output.contextPath} has a different description in the README`);
  }
  const declared = new Set(command.outputs.map((o) => o.contextPath));
  for (const row of rows) {
    if (!declared.has(row.path))
      problems.push(`${row.path} is in the README context table but not a YAML output`);
  }
  return problems;
}

/** Checks the README text against the integration YAML; an empty list means it matches. */
export function checkReadme(doc: IntegrationDoc, readme: string): ReadmeViolation[] {
  const lines = readme.split(/\r?\n/);
  const violations: ReadmeViolation[] = [];
  for (const command of documentedCommands(doc)) {
    const section = commandSection(lines, command.name);
    if (!section) {
      violations.push({
        code: 'RM110',
        command: command.name,
        message: 'the command is not documented in the README',
      });
      continue;
    }
    const rows = outputRows(section);
    if (!rows) {
      violations.push({ code: 'RM102', command: command.name, message: 'the section has no Context Output' });
      continue;
    }
    if (rows.length === 0 && command.outputs.length === 0 && !section.includes(NO_OUTPUT_TEXT)) {
      violations.push({ code: 'RM102', command: command.name, message: `expected "${NO_OUTPUT_TEXT}"` });
    }
    for (const message of compareOutputs(command, rows))
      violations.push({ code: 'RM102', command: command.name, message });
  }
  return violations;
}
