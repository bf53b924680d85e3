/**
 * A safe evaluator for the small JavaScript subset XSOAR DT selectors use, e.g.
 * `val.ID === obj.ID` or `val.ID === "abc" && val.Deleted != true`. It never calls `eval`: DT
 * strings embed argument values (event ids), which must not become code in the host process.
 */

/** A compiled selector: `val` is the stored item, `obj` the item being written (if any). */
export type DtPredicate = (val: unknown, obj: unknown) => boolean;

/** The selector is outside the supported subset (the caller then treats the key as plain). */
export class DtSyntaxError extends Error {}

type Token = { kind: 'str' | 'num' | 'id' | 'op'; text: string; value?: unknown };

const OPS = ['===', '!==', '==', '!=', '&&', '||', '!', '(', ')', '.', '[', ']'];

function readString(src: string, start: number): [string, number] {
  const quote = src[start];
  let out = '';
  for (let i = start + 1; i < src.length; i++) {
    const ch = src[i];
    if (ch === quote) return [out, i + 1];
    if (ch === '\\' && i + 1 < src.length) {
      i++;
      out += src[i];
    } else out += ch;
  }
  throw new DtSyntaxError('unterminated string');
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const ws = /^\s+/.exec(rest);
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    const id = /^[A-Za-z_$][\w$]*/.exec(rest);
    const op = OPS.find((o) => rest.startsWith(o));
    if (ws) i += ws[0].length;
    else if (src[i] === '"' || src[i] === "'") {
      const [value, end] = readString(src, i);
      tokens.push({ kind: 'str', text: src.slice(i, end), value });
      i = end;
    } else if (num) {
      tokens.push({ kind: 'num', text: num[0], value: Number(num[0]) });
      i += num[0].length;
    } else if (id) {
      tokens.push({ kind: 'id', text: id[0] });
      i += id[0].length;
    } else if (op) {
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    } else throw new DtSyntaxError(`unexpected character ${src[i]}`);
  }
  return tokens;
}

type Node = (val: unknown, obj: unknown) => unknown;

const LITERALS: Record<string, unknown> = { true: true, false: false, null: null, undefined: undefined };

/**
 * Member names that lead to a prototype. DT strings embed argument values (an update-event id may
 * read `1).__proto__.encoding(x`), so these names are never followed, written nor created.
 */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** An own member only: `val.constructor` or `val.toString` must not reach a prototype. */
function member(target: unknown, key: string): unknown {
  if (typeof target !== 'object' || target === null || UNSAFE_KEYS.has(key)) return undefined;
  return Object.prototype.hasOwnProperty.call(target, key)
    ? (target as Record<string, unknown>)[key]
    : undefined;
}

/** Recursive-descent parser over the token list, producing closures. */
class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parseAll(): Node {
    const node = this.or();
    if (this.pos !== this.tokens.length) throw new DtSyntaxError(`unexpected ${this.tokens[this.pos].text}`);
    return node;
  }

  private peek(text: string): boolean {
    const t = this.tokens[this.pos];
    return t !== undefined && t.kind === 'op' && t.text === text;
  }

  private expect(text: string): void {
    if (!this.peek(text)) throw new DtSyntaxError(`expected ${text}`);
    this.pos++;
  }

  private or(): Node {
    let left = this.and();
    while (this.peek('||')) {
      this.pos++;
      const [l, r] = [left, this.and()];
      left = (v, o) => l(v, o) || r(v, o);
    }
    return left;
  }

  private and(): Node {
    let left = this.comparison();
    while (this.peek('&&')) {
      this.pos++;
      const [l, r] = [left, this.comparison()];
      left = (v, o) => l(v, o) && r(v, o);
    }
    return left;
  }

  private comparison(): Node {
    const left = this.unary();
    const op = ['===', '==', '!==', '!='].find((o) => this.peek(o));
    if (!op) return left;
    this.pos++;
    const right = this.unary();
    // Loose equality only differs for null/undefined and number/string pairs in practice.
    const loose = (a: unknown, b: unknown) => a == b;
    const eq = op.length === 3 ? (a: unknown, b: unknown) => a === b : loose;
    const negate = op.startsWith('!');
    return (v, o) => eq(left(v, o), right(v, o)) !== negate;
  }

  private unary(): Node {
    if (this.peek('!')) {
      this.pos++;
      const inner = this.unary();
      return (v, o) => !inner(v, o);
    }
    return this.primary();
  }

  private primary(): Node {
    const t = this.tokens[this.pos++];
    if (t === undefined) throw new DtSyntaxError('unexpected end');
    if (t.kind === 'op' && t.text === '(') {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (t.kind === 'str' || t.kind === 'num') return () => t.value;
    if (t.kind === 'id' && t.text in LITERALS) return () => LITERALS[t.text];
    if (t.kind === 'id' && (t.text === 'val' || t.text === 'obj')) return this.reference(t.text);
    throw new DtSyntaxError(`unsupported ${t.text}`);
  }

  private reference(root: 'val' | 'obj'): Node {
    const keys: string[] = [];
    for (;;) {
      if (this.peek('.')) {
        this.pos++;
        const t = this.tokens[this.pos++];
        if (t?.kind !== 'id') throw new DtSyntaxError('expected a property name');
        keys.push(t.text);
      } else if (this.peek('[')) {
        this.pos++;
        const t = this.tokens[this.pos++];
        if (t?.kind !== 'str' && t?.kind !== 'num') throw new DtSyntaxError('expected a literal key');
        keys.push(String(t.value));
        this.expect(']');
      } else break;
    }
    return (v, o) => keys.reduce(member, root === 'val' ? v : o);
  }
}

/**
 * Compiles a DT selector.
 * @throws DtSyntaxError when it uses anything beyond `val`/`obj` member access, literals,
 * `===`/`==`/`!==`/`!=`, `!`, `&&`, `||` and parentheses.
 */
export function compileDt(expression: string): DtPredicate {
  const node = new Parser(tokenize(expression)).parseAll();
  return (val, obj) => Boolean(node(val, obj));
}
