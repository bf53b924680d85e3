import fc from 'fast-check';
import {
  columnsToMarkdown,
  formatCell,
  stringEscapeMD,
  tableToMarkdown,
  type TableOptions,
} from '../../Packs/Base/Scripts/CommonServer/tableToMarkdown';

/** CommonServerPython's stringEscapeMD as written there: three replaces, in this order. */
const pythonEscape = (text: string): string =>
  text
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`');

/** Python's row loop: `'| ' + ' | '.join(escaped cells) + ' |\n'` per row, after the header lines. */
function pythonRows(rows: Record<string, unknown>[], columns: string[]): string {
  return rows
    .map((row) => '| ' + columns.map((h) => pythonEscape(formatCell(row[h]))).join(' | ') + ' |\n')
    .join('');
}

/** The Python tableToMarkdown for a list of rows and given headers, written plainly. */
function pythonTable(
  title: string,
  rows: Record<string, unknown>[],
  headers: string[],
  options: TableOptions,
) {
  let md = title ? `### ${title}\n` : '';
  if (options.metadata) md += `${options.metadata}\n`;
  const isEmpty = (v: unknown) =>
    v === '' ||
    v === null ||
    v === undefined ||
    (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && Object.keys(v).length === 0);
  const columns = options.removeNull ? headers.filter((h) => !rows.every((row) => isEmpty(row[h]))) : headers;
  if (rows.length === 0 || columns.length === 0) return md + '**No entries.**\n';
  const header = '|' + columns.map(pythonEscape).join('|') + '|\n';
  return md + header + '|' + columns.map(() => '---').join('|') + '|\n' + pythonRows(rows, columns);
}

// Text heavy in the characters the escaping handles, around ordinary and non-ASCII text.
const cellText = fc.string({
  unit: fc.constantFrom('a', ' ', '|', '`', '\r', '\n', '\\', '<', 'é', '😀'),
  maxLength: 12,
});
const cellValue: fc.Arbitrary<unknown> = fc.oneof(
  cellText,
  fc.constantFrom(null, undefined, true, 0, 2.5),
  fc.array(fc.oneof(cellText, fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(cellText, cellText, { maxKeys: 2 }),
);

// Expected strings below were produced by CommonServerPython's tableToMarkdown for the same input.
describe('tableToMarkdown', () => {
  it('writes the title, the given header order, and drops columns empty in every row (removeNull)', () => {
    const rows = [
      {
        Subject: 'a|b',
        ID: '1',
        Organizer: null,
        Attendees: ['x', 'y', null, true, 1, { a: "it's" }],
        Start: 's',
        End: null,
      },
    ];
    const md = tableToMarkdown('Events:', rows, ['Subject', 'Organizer', 'Attendees', 'Start', 'End', 'ID'], {
      removeNull: true,
    });
    expect(md).toBe(
      '### Events:\n|Subject|Attendees|Start|ID|\n|---|---|---|---|\n' +
        `| a\\|b | x,<br>y,<br>None,<br>True,<br>1,<br>{'a': "it's"} | s | 1 |\n`,
    );
  });

  it('renders zero rows as the title followed by **No entries.**', () => {
    expect(tableToMarkdown('Calendar:', [], ['Name'], { removeNull: true })).toBe(
      '### Calendar:\n**No entries.**\n',
    );
  });

  it('renders **No entries.** when removeNull leaves no column', () => {
    const rows = [
      { a: null, b: '' },
      { a: [], b: {} },
    ];
    expect(tableToMarkdown('T', rows, ['a', 'b'], { removeNull: true })).toBe('### T\n**No entries.**\n');
  });

  it('keeps empty columns without removeNull (the Python default)', () => {
    expect(tableToMarkdown('T', [{ a: null, b: 'x' }], ['a', 'b'])).toBe(
      '### T\n|a|b|\n|---|---|\n|  | x |\n',
    );
  });

  it('sorts the keys of the first row when no headers are given, and formats dicts, booleans, numbers and line breaks', () => {
    const rows = [{ e: 1.5, a: 1, b: { k: [1, 2], z: { q: 'w' } }, c: false, d: 'line1\nline2`x`' }];
    expect(tableToMarkdown('T', rows)).toBe(
      '### T\n|a|b|c|d|e|\n|---|---|---|---|---|\n' +
        '| 1 | k: 1,<br>2<br>z: {"q": "w"} | false | line1<br>line2\\`x\\` | 1.5 |\n',
    );
  });

  it('turns a single-key dict into a one-column table of its values', () => {
    expect(tableToMarkdown('', { only: ['x', 'y'] })).toBe('|only|\n|---|\n| x |\n| y |\n');
  });

  it('puts a list of scalars under the single header given as a string', () => {
    expect(tableToMarkdown('S', ['p', 'q'], 'Col')).toBe('### S\n|Col|\n|---|\n| p |\n| q |\n');
  });

  it('escapes pipes in headers but not in the title', () => {
    expect(tableToMarkdown('H|x', [{ 'h|1': 'v' }])).toBe('### H|x\n|h\\|1|\n|---|\n| v |\n');
  });

  it('shows a one-item list as the plain item', () => {
    expect(tableToMarkdown('One', [{ Attendees: ['Single'] }], ['Attendees'], { removeNull: true })).toBe(
      '### One\n|Attendees|\n|---|\n| Single |\n',
    );
  });

  it('refuses a list of scalars without headers, like Python', () => {
    expect(() => tableToMarkdown('S', ['p'])).toThrow('Missing headers param for tableToMarkdown');
  });

  it('writes metadata between the title and the table', () => {
    expect(tableToMarkdown('T', [{ a: 'b' }], ['a'], { metadata: 'Some note' })).toBe(
      '### T\nSome note\n|a|\n|---|\n| b |\n',
    );
  });
});

describe('tableToMarkdown against the Python algorithm', () => {
  it('escapes in one pass exactly like the three Python replaces', () => {
    fc.assert(
      fc.property(cellText, (text) => expect(stringEscapeMD(text)).toBe(pythonEscape(text))),
      {
        numRuns: 500,
      },
    );
  });

  it('writes every row like the Python row loop, whatever the cells hold', () => {
    const columns = ['A', 'B|x', 'C'];
    const row = fc.record({ A: cellValue, 'B|x': cellValue, C: cellValue });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), (rows) => {
        const header = '### T\n|A|B\\|x|C|\n|---|---|---|\n';
        expect(tableToMarkdown('T', rows, columns)).toBe(header + pythonRows(rows, columns));
      }),
      { numRuns: 300 },
    );
  });
});

describe('columnsToMarkdown', () => {
  const HEADERS = ['Subject', 'Owner|Name', 'Attendees'];
  const rowArb: fc.Arbitrary<Record<string, unknown>> = fc.record({
    Subject: cellValue,
    'Owner|Name': cellValue,
    Attendees: cellValue,
  });
  const optionsArb: fc.Arbitrary<TableOptions> = fc.record(
    { removeNull: fc.boolean(), metadata: fc.constantFrom('', 'Note|x') },
    { requiredKeys: [] },
  );

  it('writes the Python table of the same rows, given column by column, as tableToMarkdown does', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 6 }), optionsArb, (rows, options) => {
        const expected = pythonTable('T', rows, HEADERS, options);
        const columns = HEADERS.map((header) => ({ header, values: rows.map((row) => row[header]) }));
        expect(columnsToMarkdown('T', columns, options)).toBe(expected);
        expect(tableToMarkdown('T', rows, HEADERS, options)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('drops the columns empty in every row and says **No entries.** when none is left', () => {
    const empty = { header: 'Attendees', values: [[], null] };
    const ids = { header: 'ID', values: ['a', 'b'] };
    expect(columnsToMarkdown('T', [empty, ids], { removeNull: true })).toBe(
      '### T\n|ID|\n|---|\n| a |\n| b |\n',
    );
    expect(columnsToMarkdown('T', [empty], { removeNull: true })).toBe('### T\n**No entries.**\n');
    expect(columnsToMarkdown('T', [{ header: 'ID', values: [] }])).toBe('### T\n**No entries.**\n');
  });
});

describe('cell helpers', () => {
  it('escapes | and ` and turns every line ending into <br>', () => {
    expect(stringEscapeMD('a|b`c\r\nd\re\nf')).toBe('a\\|b\\`c<br>d<br>e<br>f');
  });

  it('formats null as an empty cell and strings unchanged', () => {
    expect(formatCell(null)).toBe('');
    expect(formatCell('x y')).toBe('x y');
  });
});
