/**
 * A faithful port of CommonServerPython's `tableToMarkdown` (the parts integrations use): the
 * War Room renders the result, and drop-in output must look the same as the Python integration's.
 */
import { pythonJsonDumps, pythonStr } from './pythonFormat';

/** Options of {@link tableToMarkdown}, named after the Python keyword arguments. */
export interface TableOptions {
  /** Drop a column when it is empty (`''`, null, `[]`, `{}`) in every row. Python default: false. */
  readonly removeNull?: boolean;
  /** Formats each header; default: minimal markdown escaping. */
  readonly headerTransform?: (header: string) => string;
  /** Sort the headers when none are given. Python default: true. */
  readonly sortHeaders?: boolean;
  /** A line written between the title and the table. */
  readonly metadata?: string;
}

type Row = Record<string, unknown>;

function isRecord(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Python's emptiness test of removeNull: `value in ('', None, [], {})`. */
function isEmptyCell(value: unknown): boolean {
  if (value === '' || value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}

const SPECIAL_CHARACTER = /[\r\n|`]/;
const ESCAPED_SEQUENCE = /\r\n|[\r\n|`]/g;

/**
 * CommonServerPython `stringEscapeMD(st, minimal_escaping=True, escape_multiline=True)`:
 * line breaks become `<br>`, and `|` and `` ` `` are backslash-escaped so a cell cannot break the table.
 */
export function stringEscapeMD(text: string): string {
  // One pass instead of Python's three replaces (same result: `<br>` holds neither | nor `), and
  // none at all for the common cell without special characters.
  return SPECIAL_CHARACTER.test(text) ? text.replace(ESCAPED_SEQUENCE, escapeSequence) : text;
}

function escapeSequence(sequence: string): string {
  if (sequence === '|') return '\\|';
  return sequence === '`' ? '\\`' : '<br>';
}

/** CommonServerPython `flattenCell(data, is_pretty=False)`. */
function flattenCell(value: unknown): string {
  if (typeof value === 'string') return value;
  // Python joins list items with ",\n" (shown as ",<br>"), each rendered with str().
  if (Array.isArray(value)) return value.map(pythonStr).join(',\n');
  return pythonJsonDumps(value);
}

/** CommonServerPython `formatCell` with the default (flattening) JSON transformer. */
export function formatCell(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (isRecord(value)) {
    return Object.keys(value)
      .map((k) => `${k}: ${flattenCell(value[k])}`)
      .join('\n');
  }
  return flattenCell(value);
}

function normalizeRows(table: unknown, headers: string[] | undefined): { rows: Row[]; headers?: string[] } {
  let data = table;
  let hdrs = headers;
  if (!hdrs && isRecord(data) && Object.keys(data).length === 1) {
    // A single-key dict becomes a one-column table of its value, as in Python.
    hdrs = Object.keys(data);
    data = data[hdrs[0]];
  }
  const list = Array.isArray(data) ? data : [data];
  if (list.length > 0 && !isRecord(list[0])) {
    if (!hdrs || hdrs.length === 0) {
      throw new Error("Missing headers param for tableToMarkdown. Example: headers=['Some Header']");
    }
    const column = hdrs[0];
    return { rows: list.map((item) => ({ [column]: item })), headers: hdrs };
  }
  return { rows: list.map((item) => (isRecord(item) ? item : {})), headers: hdrs };
}

function isEmptyTable(table: unknown): boolean {
  if (table === null || table === undefined || table === '' || table === false || table === 0) return true;
  if (Array.isArray(table)) return table.length === 0;
  return isRecord(table) && Object.keys(table).length === 0;
}

/** One column of a table: its header and its value in each row. */
export interface TableColumn {
  readonly header: string;
  readonly values: readonly unknown[];
}

/**
 * Matches a row whose cells, joined by ' | ', need no escaping: no line break, no backtick, and
 * no pipe but the separators. One test per row instead of one per cell.
 */
function cleanRowPattern(columnCount: number): RegExp {
  return new RegExp(`^[^\\r\\n\`|]*(?:\\|[^\\r\\n\`|]*){${columnCount - 1}}$`);
}

/** The table lines after the title: header, separator, then one line per row. */
function tableBody(columns: readonly TableColumn[], rowCount: number, options: TableOptions): string {
  const transform = options.headerTransform ?? stringEscapeMD;
  const header = '|' + columns.map((c) => transform(c.header)).join('|') + '|\n';
  const rule = '|' + columns.map(() => '---').join('|') + '|\n';
  const clean = cleanRowPattern(columns.length);
  // Each row is joined once, and the rows once with the line ends and outer pipes between them:
  // few intermediate strings for a large table.
  const lines = new Array<string>(rowCount);
  const cells: string[] = [];
  for (let r = 0; r < rowCount; r += 1) {
    for (let i = 0; i < columns.length; i += 1) {
      const value = columns[i].values[r];
      cells[i] = typeof value === 'string' ? value : formatCell(value);
    }
    let line = cells.join(' | ');
    if (!clean.test(line)) {
      for (let i = 0; i < cells.length; i += 1) cells[i] = stringEscapeMD(cells[i]);
      line = cells.join(' | ');
    }
    lines[r] = line;
  }
  return header + rule + '| ' + lines.join(' |\n| ') + ' |\n';
}

function titleLines(title: string, options: TableOptions): string {
  const md = title ? `### ${title}\n` : '';
  return options.metadata ? `${md}${options.metadata}\n` : md;
}

/**
 * {@link tableToMarkdown} for a table given column by column, in display order: the same text as
 * rows holding each column's values under its header. For large tables: no row objects needed.
 * @param columns the columns; every one has a value for each row.
 */
export function columnsToMarkdown(
  title: string,
  columns: readonly TableColumn[],
  options: TableOptions = {},
): string {
  const md = titleLines(title, options);
  const rowCount = columns.length > 0 ? columns[0].values.length : 0;
  const shown = options.removeNull ? columns.filter((c) => !c.values.every(isEmptyCell)) : columns;
  if (rowCount === 0 || shown.length === 0) return md + '**No entries.**\n';
  return md + tableBody(shown, rowCount, options);
}

/**
 * Converts rows to a War Room markdown table exactly like XSOAR's `tableToMarkdown`:
 * `### <title>`, then the table with the given header order (or the sorted keys of the first
 * row), `**No entries.**` when there is nothing to show.
 * @param title the table name; omitted when empty.
 * @param table a list of rows, a single row, or a list of scalars (with one header).
 * @param headers the column order, or a single column name.
 */
export function tableToMarkdown(
  title: string,
  table: unknown,
  headers?: string | string[],
  options: TableOptions = {},
): string {
  if (isEmptyTable(table)) return titleLines(title, options) + '**No entries.**\n';
  const given =
    typeof headers === 'string' ? [headers] : headers && headers.length > 0 ? [...headers] : undefined;
  const { rows, headers: found } = normalizeRows(table, given);
  let names = found ?? Object.keys(rows[0] ?? {});
  if (!found && options.sortHeaders !== false) names = [...names].sort();
  const columns = names.map((header) => ({ header, values: rows.map((row) => row[header]) }));
  return columnsToMarkdown(title, columns, options);
}
