import {
  describePhases,
  medianPhases,
  phasesOf,
  slowestRequires,
  type ProbeMarks,
} from '../../scripts/bench/phases';

const run = (offset: number, requireMs: Record<string, number>): ProbeMarks => ({
  bootstrap: 40 + offset,
  firstRequest: 60 + offset,
  lastResponse: 65 + offset,
  exit: 70 + offset,
  requireMs,
});

describe('phasesOf', () => {
  it('splits a run at its first request and last response', () => {
    expect(phasesOf(run(0, { 'node:crypto': 3, 'node:http': 2 }))).toEqual({
      bootstrap: 40,
      beforeRequest: 20,
      requests: 5,
      afterResponse: 5,
      total: 70,
      requireTotal: 5,
    });
  });

  it('refuses a run without an HTTP request (the probe could not place the phases)', () => {
    expect(() => phasesOf({ bootstrap: 40, exit: 50, requireMs: {} })).toThrow('no HTTP request');
  });
});

describe('medianPhases', () => {
  it('takes each phase median separately', () => {
    const runs = [run(0, {}), run(10, {}), run(2, {})].map(phasesOf);
    expect(medianPhases(runs)).toMatchObject({ bootstrap: 42, total: 72, beforeRequest: 20 });
  });
});

describe('slowestRequires', () => {
  it('ranks modules by median cost, counting a module missing from a run as 0', () => {
    const runs = [run(0, { a: 1, b: 5 }), run(0, { a: 2, b: 6 }), run(0, { a: 3, c: 9 })];
    expect(slowestRequires(runs, 2)).toEqual([
      ['b', 5],
      ['a', 2],
    ]);
  });
});

describe('describePhases', () => {
  it('names each phase with its duration and the slowest requires', () => {
    const text = describePhases(phasesOf(run(0, { 'node:crypto': 3 })), [['node:crypto', 3.04]]);
    expect(text).toBe(
      'Node bootstrap 40 ms, then before the 1st request 20 ms (built-in requires 3 ms: node:crypto 3 ms), ' +
        'HTTP 5 ms, after the last response 5 ms',
    );
  });
});
