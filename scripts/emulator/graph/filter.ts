/**
 * A small OData `$filter` parser and evaluator: comparisons (eq ne gt ge lt le), `startswith`,
 * `and`, `or`, `not` and parentheses over the properties each collection declares. Anything else
 * is refused with 400, like Graph refuses filters it cannot run.
 */
import { badRequest } from './errors';

/** A literal value in a filter. */
export type Literal = string | number | boolean | null;

/** A parsed filter expression. */
export type FilterExpr =
  | { readonly op: 'and' | 'or'; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly op: 'not'; readonly expr: FilterExpr }
  | { readonly op: 'cmp'; readonly cmp: Comparison; readonly prop: FilterProperty; readonly value: Literal }
  | { readonly op: 'startswith'; readonly prop: FilterProperty; readonly value: string };

/** A filterable property: its canonical name and type (`date` compares instants). */
export interface FilterProperty {
  readonly name: string;
  readonly type: 'string' | 'boolean' | 'number' | 'date';
}

type Comparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

type Token =
  { t: 'str'; v: string } | { t: 'word'; v: string } | { t: 'num'; v: number } | { t: 'punct'; v: string };

const TOKEN = /\s*(?:'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)(?![\w:-])|([A-Za-z_@$][\w@$./:-]*)|([(),]))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw badRequest(`Invalid filter clause: syntax error at position ${at} in '${text}'.`);
    if (m[1] !== undefined) tokens.push({ t: 'str', v: m[1].replace(/''/g, "'") });
    else if (m[2] !== undefined) tokens.push({ t: 'num', v: Number(m[2]) });
    else if (m[3] !== undefined) tokens.push({ t: 'word', v: m[3] });
    else tokens.push({ t: 'punct', v: m[4] });
  }
  return tokens;
}

/** Resolves a property path of a filter, or undefined when it cannot be filtered on. */
export type PropertyResolver = (path: string) => FilterProperty | undefined;

function invalidNodes(): Error {
  return badRequest('The query filter contains one or more invalid nodes.', 'ErrorInvalidUrlQueryFilter');
}

/** Parses a date literal (UTC when it carries no offset) to epoch ms. */
function dateLiteral(text: string): number | undefined {
  const withZone = /(Z|[+-]\d{2}:\d{2})$/i.test(text) ? text : `${text}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Checks a literal against the property type; dates become epoch ms. */
function typedLiteral(prop: FilterProperty, value: Literal): Literal {
  if (value === null) return null;
  if (prop.type === 'date') {
    const ms = typeof value === 'string' ? dateLiteral(value) : undefined;
    if (ms === undefined) throw invalidNodes();
    return ms;
  }
  if (typeof value !== prop.type) throw invalidNodes();
  return value;
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly resolve: PropertyResolver,
    private readonly text: string,
  ) {}

  parse(): FilterExpr {
    const expr = this.or();
    if (this.i < this.tokens.length) throw this.syntax();
    return expr;
  }

  private syntax(): Error {
    return badRequest(`Invalid filter clause: syntax error in '${this.text}'.`);
  }

  private peekWord(word: string): boolean {
    const tok = this.tokens[this.i];
    return tok?.t === 'word' && tok.v.toLowerCase() === word;
  }

  private expect(punct: string): void {
    const tok = this.tokens[this.i++];
    if (tok?.t !== 'punct' || tok.v !== punct) throw this.syntax();
  }

  private or(): FilterExpr {
    let left = this.and();
    while (this.peekWord('or')) {
      this.i++;
      left = { op: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): FilterExpr {
    let left = this.unary();
    while (this.peekWord('and')) {
      this.i++;
      left = { op: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterExpr {
    if (this.peekWord('not')) {
      this.i++;
      return { op: 'not', expr: this.unary() };
    }
    const tok = this.tokens[this.i];
    if (tok?.t === 'punct' && tok.v === '(') {
      this.i++;
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    return this.primary();
  }

  private property(name: string): FilterProperty {
    const prop = this.resolve(name);
    if (prop === undefined) {
      throw invalidNodes();
    }
    return prop;
  }

  private primary(): FilterExpr {
    const tok = this.tokens[this.i++];
    if (tok?.t !== 'word') throw this.syntax();
    const next = this.tokens[this.i];
    if (next?.t === 'punct' && next.v === '(') {
      if (tok.v.toLowerCase() !== 'startswith') throw invalidNodes();
      this.i++;
      const propTok = this.tokens[this.i++];
      this.expect(',');
      const value = this.tokens[this.i++];
      this.expect(')');
      if (propTok?.t !== 'word' || value?.t !== 'str') throw this.syntax();
      const prop = this.property(propTok.v);
      if (prop.type !== 'string') throw invalidNodes();
      return { op: 'startswith', prop, value: value.v };
    }
    const cmp = this.tokens[this.i++];
    if (cmp?.t !== 'word' || !COMPARISONS.has(cmp.v.toLowerCase())) throw this.syntax();
    const prop = this.property(tok.v);
    return {
      op: 'cmp',
      cmp: cmp.v.toLowerCase() as Comparison,
      prop,
      value: typedLiteral(prop, this.literal()),
    };
  }

  private literal(): Literal {
    const tok = this.tokens[this.i++];
    if (tok?.t === 'str' || tok?.t === 'num') return tok.v;
    if (tok?.t === 'word') {
      const lower = tok.v.toLowerCase();
      if (lower === 'true' || lower === 'false') return lower === 'true';
      if (lower === 'null') return null;
      // OData v4 allows unquoted DateTimeOffset literals.
      if (/^\d{4}-\d{2}-\d{2}T/.test(tok.v)) return tok.v;
    }
    throw this.syntax();
  }
}

/** Parses a `$filter` value; throws a Graph 400 on anything unsupported. */
export function parseFilter(text: string, resolve: PropertyResolver): FilterExpr {
  if (text.trim() === '') throw badRequest('Invalid filter clause: the $filter expression is empty.');
  return new Parser(tokenize(text), resolve, text).parse();
}

/** Reads a property of an item by canonical name (dates as epoch ms). */
export type ValueReader<T> = (item: T, prop: string) => Literal | undefined;

/** Orders two values of the same property; strings compare case-insensitively like Exchange. */
export function compareValues(left: Literal | undefined, right: Literal | undefined): number {
  if (left === right) return 0;
  if (left === undefined || left === null) return -1;
  if (right === undefined || right === null) return 1;
  const [a, b] =
    typeof left === 'string' && typeof right === 'string'
      ? [left.toLowerCase(), right.toLowerCase()]
      : [left, right];
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparison<T>(expr: Extract<FilterExpr, { op: 'cmp' }>, read: ValueReader<T>): (item: T) => boolean {
  return (item) => {
    const value = read(item, expr.prop.name);
    if (expr.value === null || value === null || value === undefined) {
      const equal = (value ?? null) === expr.value;
      return expr.cmp === 'eq' ? equal : expr.cmp === 'ne' ? !equal : false;
    }
    const c = compareValues(value, expr.value);
    return { eq: c === 0, ne: c !== 0, gt: c > 0, ge: c >= 0, lt: c < 0, le: c <= 0 }[expr.cmp];
  };
}

/** Builds a predicate from a parsed filter. */
export function evaluate<T>(expr: FilterExpr, read: ValueReader<T>): (item: T) => boolean {
  switch (expr.op) {
    case 'and': {
      const [l, r] = [evaluate(expr.left, read), evaluate(expr.right, read)];
      return (item) => l(item) && r(item);
    }
    case 'or': {
      const [l, r] = [evaluate(expr.left, read), evaluate(expr.right, read)];
      return (item) => l(item) || r(item);
    }
    case 'not': {
      const inner = evaluate(expr.expr, read);
      return (item) => !inner(item);
    }
    case 'startswith': {
      const prefix = expr.value.toLowerCase();
      return (item) => {
        const value = read(item, expr.prop.name);
        return typeof value === 'string' && value.toLowerCase().startsWith(prefix);
      };
    }
    case 'cmp':
      return comparison(expr, read);
  }
}
