/**
 * Argument and parameter helpers in the spirit of CommonServerPython: `argToList`, the one
 * checkbox reader, the ISO 8601 date-time check, and how a value is quoted in a message.
 * Arguments themselves are read and validated by `commandArguments.ts`.
 */

/**
 * `argToList`: an array is returned as is; a JSON array text (`["a","b"]`) is parsed; any other
 * text is split on `separator` and each item trimmed; absent/empty → `[]`; a scalar → `[value]`.
 */
export function argToList(value: unknown, separator = ','): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return [value];
  const text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // Not JSON: fall through to splitting, like Python does.
    }
  }
  return value.split(separator).map((item) => item.trim());
}

/** The words a checkbox or boolean argument accepts, in any case (XSOAR's argToBoolean). */
export const CHECKBOX_WORDS = { true: ['true', 'yes'], false: ['false', 'no'] } as const;

/**
 * The one checkbox reader: a boolean, or one of {@link CHECKBOX_WORDS} in any case with spaces
 * around; `undefined` for anything else.
 */
export function readCheckbox(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if ((CHECKBOX_WORDS.true as readonly string[]).indexOf(word) >= 0) return true;
  if ((CHECKBOX_WORDS.false as readonly string[]).indexOf(word) >= 0) return false;
  return undefined;
}

/** True when a checkbox value reads as ticked; anything else (absent, empty, unknown) is unticked. */
export function isTicked(value: unknown): boolean {
  return readCheckbox(value) === true;
}

/** Inclusive bounds for {@link argToInt}. */
export interface IntRange {
  readonly min?: number;
  readonly max?: number;
}

export function rangeText(range: IntRange): string {
  if (range.min !== undefined && range.max !== undefined) return ` between ${range.min} and ${range.max}`;
  if (range.min !== undefined) return ` of at least ${range.min}`;
  if (range.max !== undefined) return ` of at most ${range.max}`;
  return '';
}

/** A short, quoted rendering of an argument value for error messages. */
export function describeValue(value: unknown): string {
  // JSON.stringify gives undefined for undefined and functions: say what it is instead.
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `"${text.slice(0, 57)}..."` : `"${text}"`;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].indexOf(month) >= 0 ? 30 : 31;
}

/**
 * True for an ISO 8601 date-time as Graph takes it: `YYYY-MM-DDTHH:MM[:SS[.fraction]]`, with an
 * optional `Z` or `±HH:MM` offset, and real calendar values (no 2023-02-30, no 24:00).
 */
export function isIsoDateTime(text: string): boolean {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const offsetOk = m[8] === undefined || (Number(m[8]) <= 23 && Number(m[9]) <= 59);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetOk
  );
}
