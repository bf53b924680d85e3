/**
 * Python string semantics the upstream integration relies on for context keys:
 * `str.title()`, `str.isupper()` and the `camel_case_to_readable` / `snakecase_to_camelcase`
 * helpers of MicrosoftGraphCalendar.py. Written without regex Unicode property escapes so the
 * server bundle's engine can run it.
 */

// Python's str.isspace() also counts the ASCII file/group/record/unit separators, which \s does not.
const PY_EXTRA_SPACE = '\x1c\x1d\x1e\x1f';

/** True for a character with case (Python's "cased": upper, lower or title case). */
function isCased(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

/** Python `ch.isupper()` for one character. */
export function isPythonUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Python `ch.isspace()` for one character. */
export function isPythonSpace(ch: string): boolean {
  return /^\s$/.test(ch) || PY_EXTRA_SPACE.indexOf(ch) >= 0;
}

/** Python `str.strip()` with no argument (whitespace on both ends). */
export function pythonStrip(s: string): string {
  const chars = Array.from(s);
  let start = 0;
  let end = chars.length;
  while (start < end && isPythonSpace(chars[start])) start += 1;
  while (end > start && isPythonSpace(chars[end - 1])) end -= 1;
  return chars.slice(start, end).join('');
}

/**
 * Python `str.title()`: the first cased character of each run of cased characters is
 * upper-cased and the rest of the run lower-cased; any uncased character (digit, `.`, `@`,
 * space) starts a new run. `@odata.etag` → `@Odata.Etag`, `x509cert` → `X509Cert`.
 */
export function pythonTitle(s: string): string {
  let out = '';
  let previousCased = false;
  for (const ch of s) {
    if (isCased(ch)) {
      out += previousCased ? ch.toLowerCase() : ch.toUpperCase();
      previousCased = true;
    } else {
      out += ch;
      previousCased = false;
    }
  }
  return out;
}

/**
 * Upstream's `camel_case_to_readable` for one key: `id` → `ID`; otherwise a space before each
 * upper-case letter, whitespace dropped, stripped, then Python `title()`.
 * `createdDateTime` → `Created Date Time`, `iCalUId` → `I Cal U Id`.
 */
export function camelCaseToReadable(key: string): string {
  if (key === 'id') return 'ID';
  let spaced = '';
  for (const ch of key) {
    if (isPythonUpper(ch)) spaced += ' ' + ch;
    else if (!isPythonSpace(ch)) spaced += ch;
  }
  return pythonTitle(pythonStrip(spaced));
}

/** The context form of a Graph key: the readable key without spaces (`iCalUId` → `ICalUId`). */
export function camelCaseToContextKey(key: string): string {
  return camelCaseToReadable(key).split(' ').join('');
}

/** Upstream's `snakecase_to_camelcase` (really PascalCase): `snake_case_x` → `SnakeCaseX`. */
export function snakeCaseToPascalCase(s: string): string {
  return s
    .split('_')
    .map((word) => pythonTitle(word))
    .join('');
}
