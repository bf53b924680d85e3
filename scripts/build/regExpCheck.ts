/**
 * Finds regular expressions in an ES5 program that an ES5 engine cannot build: a `RegExp(pattern,
 * flags)` call or `new RegExp(...)` whose literal flags go beyond `g`, `i` and `m` (ES2015 `u`
 * and `y`, ES2018 `s`, ES2022 `d`, ...) or whose literal pattern is not ES5 syntax (named groups,
 * lookbehind, `\p{...}`, `\u{...}`). Regular expression literals are checked by acorn itself when
 * it parses the script as ES5.
 */
import * as acorn from 'acorn';

const ES5_FLAGS = /^[gim]*$/;

type AnyNode = acorn.Node & Record<string, unknown>;

function stringLiteral(node: unknown): string | undefined {
  const n = node as { type?: string; value?: unknown } | undefined;
  return n?.type === 'Literal' && typeof n.value === 'string' ? n.value : undefined;
}

/** The pattern written as a literal body: `/` escaped outside character classes, line breaks escaped. */
export function asLiteralBody(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    if (ch === '/' && !inClass) out += '\\/';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\u2028') out += '\\u2028';
    else if (ch === '\u2029') out += '\\u2029';
    else out += ch;
  }
  return out;
}

function patternProblem(pattern: string): string | undefined {
  try {
    acorn.parse(`/${asLiteralBody(pattern)}/`, { ecmaVersion: 5 });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function checkCall(node: AnyNode, problems: string[]): void {
  const callee = node.callee as { type?: string; name?: string } | undefined;
  if (callee?.type !== 'Identifier' || callee.name !== 'RegExp') return;
  const [patternNode, flagsNode] = node.arguments as unknown[];
  const flags = stringLiteral(flagsNode);
  const pattern = stringLiteral(patternNode);
  const shown = JSON.stringify(pattern ?? '(computed)').slice(0, 80);
  if (flags !== undefined && !ES5_FLAGS.test(flags)) {
    problems.push(`builds RegExp(${shown}, "${flags}"): an ES5 engine has only the g, i and m flags`);
  }
  const problem = pattern === undefined ? undefined : patternProblem(pattern);
  if (problem) problems.push(`builds RegExp(${shown}), which is not an ES5 pattern (${problem})`);
}

function walk(node: unknown, problems: string[]): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, problems);
    return;
  }
  if (!node || typeof node !== 'object' || typeof (node as AnyNode).type !== 'string') return;
  const n = node as AnyNode;
  if (n.type === 'NewExpression' || n.type === 'CallExpression') checkCall(n, problems);
  for (const key of Object.keys(n)) if (key !== 'type') walk(n[key], problems);
}

/** The problems of the program's RegExp constructions (empty when every one is ES5). */
export function regExpProblems(program: acorn.Program): string[] {
  const problems: string[] = [];
  walk(program, problems);
  return problems;
}
