import { parseOptions } from '../../scripts/bench/bench';

describe('bench options', () => {
  it('runs every group by default, in report order, the QuickJS rows last', () => {
    expect(parseOptions([]).groups).toEqual(['cold', 'tokens', 'paging', 'settings', 'sandbox', 'quickjs']);
    expect(parseOptions([]).plan).toEqual({ warmups: 2, runs: 7 });
  });

  it('runs only the groups asked for, and refuses an unknown group or too few runs', () => {
    expect(parseOptions(['--only', 'quickjs', '--runs', '5', '--warmups', '0'])).toEqual({
      groups: ['quickjs'],
      plan: { warmups: 0, runs: 5 },
    });
    expect(() => parseOptions(['--only', 'quick'])).toThrow('bad option --only quick');
    expect(() => parseOptions(['--runs', '4'])).toThrow('--runs N (N ≥ 5)');
  });
});
