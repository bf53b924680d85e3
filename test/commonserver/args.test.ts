import {
  argToBoolean,
  argToInt,
  argToIsoDateTime,
  argToList,
  isIsoDateTime,
} from '../../Packs/Base/Scripts/CommonServer/args';
import { ArgumentError, ErrorCode } from '../../Packs/Base/Scripts/CommonServer/errors';

function caught(fn: () => unknown): ArgumentError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ArgumentError) return error;
    throw error;
  }
  throw new Error('expected an ArgumentError');
}

describe('argToList', () => {
  it('splits on commas and trims each item', () => {
    expect(argToList('a@x.com, b@x.com')).toEqual(['a@x.com', 'b@x.com']);
  });
  it('parses a JSON array text', () => {
    expect(argToList('["a","b,c"]')).toEqual(['a', 'b,c']);
  });
  it('splits a bracketed text that is not JSON', () => {
    expect(argToList('[a, b]')).toEqual(['[a', 'b]']);
  });
  it('returns arrays unchanged and wraps scalars', () => {
    expect(argToList(['x'])).toEqual(['x']);
    expect(argToList(5)).toEqual([5]);
  });
  it('gives an empty list for absent or empty values', () => {
    expect(argToList(undefined)).toEqual([]);
    expect(argToList(null)).toEqual([]);
    expect(argToList('')).toEqual([]);
  });
  it('uses a custom separator', () => {
    expect(argToList('a;b', ';')).toEqual(['a', 'b']);
  });
});

describe('argToBoolean', () => {
  it.each([
    [true, true],
    ['True', true],
    ['yes', true],
    ['FALSE', false],
    ['no', false],
    [false, false],
  ])('reads %j as %j', (input, expected) => {
    expect(argToBoolean(input, 'flag')).toBe(expected);
  });
  it('names the argument when the value is not boolean-like', () => {
    const error = caught(() => argToBoolean('maybe', 'flag'));
    expect(error.argument).toBe('flag');
    expect(error.code).toBe(ErrorCode.argument);
    expect(error.message).toBe('The flag argument must be true or false (got "maybe").');
  });
});

describe('argToInt', () => {
  it('parses decimal text and numbers', () => {
    expect(argToInt('5', 'top', { min: 1, max: 1000 })).toBe(5);
    expect(argToInt(' 1000 ', 'top', { min: 1, max: 1000 })).toBe(1000);
    expect(argToInt(7, 'top')).toBe(7);
  });
  it.each(['0', '1001', 'abc', '1.5', '', '1e3', '0x10'])(
    'rejects %j for top with the range and the argument name',
    (v) => {
      const error = caught(() => argToInt(v, 'top', { min: 1, max: 1000 }));
      expect(error.argument).toBe('top');
      expect(error.message).toBe(`The top argument must be an integer between 1 and 1000 (got "${v}").`);
    },
  );
  it('rejects a non-integer number', () => {
    expect(caught(() => argToInt(2.5, 'limit', { min: 1 })).message).toBe(
      'The limit argument must be an integer of at least 1 (got "2.5").',
    );
  });
});

describe('ISO 8601 date-time check', () => {
  it.each([
    '2017-05-28T12:00:00',
    '2014-01-01T00:00:00Z',
    '2019-11-25T15:00:00.0000000',
    '2024-02-29T23:59',
    '2022-12-11T17:00:00+02:00',
  ])('accepts %j', (v) => {
    expect(isIsoDateTime(v)).toBe(true);
  });
  it.each([
    'tomorrow',
    '2017-05-28',
    '2023-02-29T10:00:00',
    '2017-13-01T00:00:00',
    '2017-05-28T24:00:00',
    '2017-05-28 12:00:00',
    '2017-05-28T12:60:00',
    '2017-05-28T12:00:00+25:00',
  ])('rejects %j', (v) => {
    expect(isIsoDateTime(v)).toBe(false);
  });
  it('names the argument in the error and returns trimmed text otherwise', () => {
    expect(argToIsoDateTime(' 2017-05-28T12:00:00 ', 'start')).toBe('2017-05-28T12:00:00');
    const error = caught(() => argToIsoDateTime('next monday', 'original_start'));
    expect(error.argument).toBe('original_start');
    expect(error.message).toBe(
      'The original_start argument must be an ISO 8601 date-time such as 2017-05-28T12:00:00 (got "next monday").',
    );
  });
});
