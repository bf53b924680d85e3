import { readCheckbox, argToList, isIsoDateTime } from '../../Packs/Base/Scripts/CommonServer/args';
import { readArguments } from '../../Packs/Base/Scripts/CommonServer/commandArguments';
import { ArgumentError, ErrorCode } from '../../Packs/Base/Scripts/CommonServer/errors';
import {
  ARGUMENTS,
  argumentValidators,
  commandMetadata,
} from '../../Integrations/MicrosoftGraphCalendar/definition';

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

describe('the one checkbox reader', () => {
  it.each([
    [true, true],
    ['True', true],
    [' yes ', true],
    ['FALSE', false],
    ['no', false],
    [false, false],
    ['maybe', undefined],
    ['', undefined],
    [1, undefined],
  ])('reads %j as %j', (input, expected) => {
    expect(readCheckbox(input)).toBe(expected);
  });
});

describe('whole-number arguments (top, limit)', () => {
  const read = (args: Record<string, unknown>) => {
    const command = commandMetadata('msgraph-calendar-list-events');
    if (!command) throw new Error('list-events is not in the metadata');
    return readArguments(command, ARGUMENTS, argumentValidators[command.name], args).args;
  };

  it('reads decimal text and numbers', () => {
    expect(read({ top: '5' }).integer('top')).toBe(5);
    expect(read({ top: ' 1000 ' }).integer('top')).toBe(1000);
    expect(read({ top: 7 }).integer('top')).toBe(7);
    expect(read({ top: ['8'] }).integer('top')).toBe(8);
  });

  it.each(['0', '1001', 'abc', '1.5', '1e3', '0x10', true, 2.5])(
    'refuses %j for top with the range and the argument name',
    (v) => {
      const error = caught(() => read({ top: v }));
      expect(error.argument).toBe('top');
      expect(error.code).toBe(ErrorCode.argument);
      const shown = typeof v === 'string' ? v : JSON.stringify(v);
      expect(error.message).toBe(`The top argument must be an integer between 1 and 1000 (got "${shown}").`);
    },
  );
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
    const command = commandMetadata('msgraph-calendar-create-event');
    if (!command) throw new Error('create-event is not in the metadata');
    const read = (args: Record<string, unknown>) =>
      readArguments(command, ARGUMENTS, argumentValidators[command.name], args).args;
    expect(read({ start: ' 2017-05-28T12:00:00 ' }).text('start')).toBe('2017-05-28T12:00:00');
    const error = caught(() => read({ original_start: 'next monday' }));
    expect(error.argument).toBe('original_start');
    expect(error.message).toBe(
      'The original_start argument must be an ISO 8601 date-time such as 2017-05-28T12:00:00 (got "next monday").',
    );
  });
});
