import {
  countStatuses,
  formatGoal,
  formatMachine,
  formatTable,
  formatValue,
  meetsGoal,
  notMeasuredRow,
  resultsDocument,
  statusOf,
  type Row,
} from '../../scripts/bench/report';

const ratioRow: Row = {
  id: 'cold.ratio',
  label: 'Cold test-module ÷ node -e 0',
  value: 1.234,
  unit: 'x',
  goal: { comparison: 'atMost', target: 1.5 },
  note: 'CLI 61.7 ms, node 50 ms',
};

describe('meetsGoal', () => {
  it('compares each way, including the boundary', () => {
    expect(meetsGoal(1.5, { comparison: 'atMost', target: 1.5 })).toBe(true);
    expect(meetsGoal(1.51, { comparison: 'atMost', target: 1.5 })).toBe(false);
    expect(meetsGoal(20, { comparison: 'below', target: 20 })).toBe(false);
    expect(meetsGoal(19.9, { comparison: 'below', target: 20 })).toBe(true);
    expect(meetsGoal(0.8, { comparison: 'atLeast', target: 0.8 })).toBe(true);
    expect(meetsGoal(0.79, { comparison: 'atLeast', target: 0.8 })).toBe(false);
    expect(meetsGoal(1, { comparison: 'equals', target: 1 })).toBe(true);
    expect(meetsGoal(2, { comparison: 'equals', target: 1 })).toBe(false);
  });
});

describe('statusOf', () => {
  it('judges a measured row against its goal', () => {
    expect(statusOf(ratioRow)).toBe('met');
    expect(statusOf({ ...ratioRow, value: 2 })).toBe('not met');
  });

  it('reports a row without a goal as information', () => {
    expect(statusOf({ ...ratioRow, goal: undefined })).toBe('info');
  });

  it('reports a missing value or a reason as not measured, even with a goal', () => {
    expect(statusOf(notMeasuredRow('x', 'X', 'ms', 'no emulator', { comparison: 'atMost', target: 1 }))).toBe(
      'not measured',
    );
    expect(statusOf({ ...ratioRow, value: undefined })).toBe('not measured');
  });
});

describe('formatting', () => {
  it('prints values with their unit at four significant digits', () => {
    expect(formatValue(1.23456, 'x')).toBe('1.235x');
    expect(formatValue(45.678, 'ms')).toBe('45.68 ms');
    expect(formatValue(150.21, 'MB')).toBe('150.2 MB');
    expect(formatValue(1, 'calls')).toBe('1 call');
    expect(formatValue(16, 'calls')).toBe('16 calls');
    expect(formatValue(7, '')).toBe('7');
  });

  it('prints goals with their comparison, and a dash for information rows', () => {
    expect(formatGoal({ comparison: 'atMost', target: 1.5 }, 'x')).toBe('≤ 1.5x');
    expect(formatGoal({ comparison: 'below', target: 20 }, 'µs')).toBe('< 20 µs');
    expect(formatGoal({ comparison: 'atLeast', target: 0.8 }, 'x')).toBe('≥ 0.8x');
    expect(formatGoal({ comparison: 'equals', target: 1 }, 'calls')).toBe('= 1 call');
    expect(formatGoal(undefined, 'ms')).toBe('-');
  });
});

describe('formatTable', () => {
  const rows: Row[] = [
    ratioRow,
    { id: 'info', label: 'npm run cli', value: 812.4, unit: 'ms' },
    notMeasuredRow(
      'sandbox',
      'Sandbox cold run',
      'ms',
      'dist/integration-MicrosoftGraphCalendar.yml is missing',
    ),
  ];

  it('prints a header, a rule and one aligned line per row', () => {
    const lines = formatTable(rows).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^\| Measurement +\| Value +\| Goal +\| Status +\| Note +\|$/);
    expect(lines[1]).toMatch(/^\|-+\|-+\|-+\|-+\|-+\|$/);
    expect(new Set(lines.map((line) => [...line].length)).size).toBe(1);
  });

  it('shows value, goal, verdict and note of each row', () => {
    const table = formatTable(rows);
    expect(table).toContain('| 1.234x ');
    expect(table).toContain('| ≤ 1.5x ');
    expect(table).toContain('| met ');
    expect(table).toContain('CLI 61.7 ms, node 50 ms');
    expect(table).toMatch(/\| 812.4 ms +\| - +\| info /);
  });

  it('says why a row was not measured', () => {
    expect(formatTable(rows)).toMatch(
      /\| - +\| - +\| not measured \| not measured: dist\/integration-MicrosoftGraphCalendar\.yml is missing/,
    );
  });

  it('escapes pipes and newlines that would break the table', () => {
    const table = formatTable([{ ...ratioRow, note: 'a | b\nc' }]);
    expect(table).toContain('a \\| b c');
    expect(table.split('\n')).toHaveLength(3);
  });
});

describe('resultsDocument', () => {
  it('carries each row with its verdict, a rounded value and the status counts', () => {
    const machine = {
      cpus: 2,
      cpuModel: 'test',
      node: 'v20',
      platform: 'linux',
      loadAverage: { start: 0, end: 0 },
    };
    const doc = resultsDocument(
      [ratioRow, notMeasuredRow('s', 'S', 'ms', 'missing')],
      machine,
      new Date(0),
      12.3456,
    );
    expect(doc.startedAt).toBe('1970-01-01T00:00:00.000Z');
    expect(doc.durationSeconds).toBe(12.3);
    expect(doc.rows[0]).toMatchObject({ id: 'cold.ratio', value: 1.234, status: 'met' });
    expect(doc.rows[1]).toMatchObject({ id: 's', status: 'not measured', notMeasured: 'missing' });
    expect(doc.summary).toEqual(countStatuses([ratioRow, notMeasuredRow('s', 'S', 'ms', 'missing')]));
    expect(doc.summary).toEqual({ met: 1, 'not met': 0, info: 0, 'not measured': 1 });
  });
});

describe('formatMachine', () => {
  const machine = { cpus: 2, cpuModel: 'Xeon', node: 'v20.20.2', platform: 'linux' };

  it('describes a quiet machine without a warning', () => {
    expect(formatMachine({ ...machine, loadAverage: { start: 0.5, end: 1.25 } })).toBe(
      '2 CPUs (Xeon), Node v20.20.2, load average 0.5 → 1.3.',
    );
  });

  it('warns when the load exceeded the CPU count at either end', () => {
    const line = formatMachine({ ...machine, loadAverage: { start: 1, end: 9.87 } });
    expect(line).toContain('load average 1 → 9.9');
    expect(line).toContain('wall times are inflated');
  });
});
