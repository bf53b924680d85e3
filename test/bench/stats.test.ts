import { median, ratio, roundTo, summarize } from '../../scripts/bench/stats';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([3, 3, 1, 100, 2])).toBe(3);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('ignores a single outlier that would drag a mean', () => {
    expect(median([10, 11, 12, 13, 1000])).toBe(12);
  });

  it('does not reorder the caller array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses no values and non-finite values', () => {
    expect(() => median([])).toThrow('No measurements');
    expect(() => median([1, Number.NaN])).toThrow('not a finite number');
    expect(() => median([Infinity])).toThrow('not a finite number');
  });
});

describe('summarize', () => {
  it('reports count, median, extremes and the samples in run order', () => {
    expect(summarize([7, 3, 5, 9, 1])).toEqual({ n: 5, median: 5, min: 1, max: 9, samples: [7, 3, 5, 9, 1] });
  });
});

describe('ratio', () => {
  it('divides', () => {
    expect(ratio(3, 2)).toBe(1.5);
  });

  it('is undefined against zero or a non-finite side', () => {
    expect(ratio(1, 0)).toBeUndefined();
    expect(ratio(Number.NaN, 1)).toBeUndefined();
    expect(ratio(1, Infinity)).toBeUndefined();
  });
});

describe('roundTo', () => {
  it('keeps three significant digits by default', () => {
    expect(roundTo(1.23456)).toBe(1.23);
    expect(roundTo(0.0123456)).toBe(0.0123);
  });

  it('never drops integer digits', () => {
    expect(roundTo(123456.7)).toBe(123457);
    expect(roundTo(1234.5, 2)).toBe(1235);
  });

  it('leaves zero and non-finite values alone', () => {
    expect(roundTo(0)).toBe(0);
    expect(roundTo(Infinity)).toBe(Infinity);
  });
});
