/**
 * Reads the titles of a jest test file without running it: every `describe(`, `it(` and `test(`
 * call (with `.each`, `.only`, `.skip`, `.concurrent` or `.failing` in between) becomes a node of a
 * tree that follows the nesting of the calls. A doc that cites `file › describe › test` is
 * checked against this tree by {@link hasTestNamed}.
 */
import ts from 'typescript';

/** One `describe`/`it`/`test` call: its title as a pattern and the calls nested in it. */
export interface TitleNode {
  /** The title as written, `${…}` kept; undefined when the title is not text (a variable). */
  readonly text: string | undefined;
  /** Matches the title as jest prints it, placeholders filled with any text. */
  readonly pattern: RegExp | undefined;
  /** True when the title is placeholders only (`'%s'`, `'$name'`): its pattern matches anything. */
  readonly bare: boolean;
  readonly children: TitleNode[];
}

const ROOTS = new Set(['describe', 'it', 'test']);
const MODIFIERS = new Set(['each', 'only', 'skip', 'concurrent', 'failing', 'todo']);

/** jest's printf placeholders (`%s`, `%i`, `%#`, ...), `$name`/`$a.b` interpolations and `%%`. */
const PLACEHOLDER = /%%|%[sdifjop#]|\$[A-Za-z_][\w.]*/g;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A title with placeholders (only in `.each` calls) and `${…}` parts as wildcards. */
function patternOf(parts: readonly string[], each: boolean): RegExp {
  const source = parts
    .map((part) => {
      if (!each) return escape(part);
      let out = '';
      let last = 0;
      for (const match of part.matchAll(PLACEHOLDER)) {
        // jest prints `%%` as a literal `%`; every other placeholder stands for some text.
        out += escape(part.slice(last, match.index)) + (match[0] === '%%' ? '%' : '.+?');
        last = (match.index ?? 0) + match[0].length;
      }
      return out + escape(part.slice(last));
    })
    .join('.+?');
  return new RegExp(`^${source}$`, 's');
}

/** The callee's root name and whether `.each` is in its chain, if it is a test call at all. */
function testCallee(expr: ts.Expression): { each: boolean } | undefined {
  let each = false;
  let node: ts.Node = expr;
  for (;;) {
    if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) {
      // it.each([...])('title', fn) and it.each`table`('title', fn)
      node = ts.isCallExpression(node) ? node.expression : node.tag;
    } else if (ts.isPropertyAccessExpression(node)) {
      if (!MODIFIERS.has(node.name.text)) return undefined;
      each ||= node.name.text === 'each';
      node = node.expression;
    } else if (ts.isIdentifier(node)) {
      return ROOTS.has(node.text) ? { each } : undefined;
    } else {
      return undefined;
    }
  }
}

/** Text parts of a title argument: a literal, a template, or string literals joined by `+`. */
function titleParts(arg: ts.Expression): string[] | undefined {
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return [arg.text];
  if (ts.isTemplateExpression(arg)) {
    return [arg.head.text, ...arg.templateSpans.map((span) => span.literal.text)];
  }
  if (ts.isBinaryExpression(arg) && arg.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = titleParts(arg.left);
    const right = titleParts(arg.right);
    if (left === undefined || right === undefined) return undefined;
    // 'a ' + `b ${x}` : the last part of the left joins the first part of the right
    return [...left.slice(0, -1), left[left.length - 1] + right[0], ...right.slice(1)];
  }
  if (ts.isParenthesizedExpression(arg)) return titleParts(arg.expression);
  return undefined;
}

/** The tree of test titles of one test file's source. */
export function readTitles(source: string, fileName = 'test.ts'): TitleNode[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const roots: TitleNode[] = [];
  const visit = (node: ts.Node, into: TitleNode[]): void => {
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = testCallee(node.expression);
      if (callee !== undefined) {
        const parts = titleParts(node.arguments[0]);
        const literal = parts?.map((p) => (callee.each ? p.replace(PLACEHOLDER, '') : p)).join('');
        const titled: TitleNode = {
          text: parts?.join('${…}'),
          pattern: parts === undefined ? undefined : patternOf(parts, callee.each),
          bare: literal !== undefined && literal.trim() === '',
          children: [],
        };
        into.push(titled);
        node.arguments.slice(1).forEach((arg) => visit(arg, titled.children));
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, into));
  };
  visit(file, roots);
  return roots;
}

/**
 * Whether `node` has the title `name`. A title of placeholders only would match any name, so it
 * matches a filled-in name only below a title the citation named too (`describe › row`).
 */
function matches(node: TitleNode, name: string, anchored: boolean): boolean {
  if (node.text === name) return true;
  return (anchored || !node.bare) && (node.pattern?.test(name) ?? false);
}

/** Whether `names` (outermost first) are titles along one path, each nested in the one before. */
function chainMatches(nodes: readonly TitleNode[], names: readonly string[], anchored: boolean): boolean {
  if (names.length === 0) return true;
  return nodes.some(
    (node) =>
      (matches(node, names[0], anchored) && chainMatches(node.children, names.slice(1), true)) ||
      chainMatches(node.children, names, anchored),
  );
}

/**
 * Whether a file's titles hold `name`: one title equal to it (or whose placeholders fill to it),
 * or, for `a › b`, a title `b` nested (at any depth) in a title `a`.
 */
export function hasTestNamed(titles: readonly TitleNode[], name: string): boolean {
  return chainMatches(titles, [name], false) || chainMatches(titles, name.split(' › '), false);
}

/** Every title of a tree with no text (a variable or a call), for reporting. */
export function countUntitled(titles: readonly TitleNode[]): number {
  return titles.reduce((n, t) => n + (t.text === undefined ? 1 : 0) + countUntitled(t.children), 0);
}
