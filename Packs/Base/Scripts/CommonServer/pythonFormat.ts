/**
 * How Python renders values inside a War Room table cell: `str()` for list items and
 * `json.dumps()` for scalars, as CommonServerPython's `flattenCell` does. Values are JSON-like
 * (what Graph returns), so only JSON types are handled.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Python `repr()` of a string: single quotes unless the text holds `'` and no `"`. */
export function pythonStringRepr(s: string): string {
  const quote = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (ch === '\\' || ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + (code < 16 ? '0' : '') + code.toString(16);
    else out += ch;
  }
  return out + quote;
}

/** Python `repr()` of a JSON-like value (`None`, `True`, `{'a': 1}`, `['x']`). */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return pythonStringRepr(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return '[' + value.map(pythonRepr).join(', ') + ']';
  if (isRecord(value)) {
    const items = Object.keys(value).map((k) => pythonStringRepr(k) + ': ' + pythonRepr(value[k]));
    return '{' + items.join(', ') + '}';
  }
  return String(value);
}

/** Python `str()`: strings as they are, everything else as `repr()`. */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/** Python `json.dumps(value, ensure_ascii=False)`: compact JSON with `, ` and `: ` separators. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return '[' + value.map(pythonJsonDumps).join(', ') + ']';
  if (isRecord(value)) {
    const items = Object.keys(value).map((k) => JSON.stringify(k) + ': ' + pythonJsonDumps(value[k]));
    return '{' + items.join(', ') + '}';
  }
  return JSON.stringify(String(value));
}
