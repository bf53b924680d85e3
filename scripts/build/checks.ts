/**
 * Build-time checks of the server script: no runtime code generation (the engine may forbid it,
 * and AJV validators are precompiled for that reason), no unresolved `require`, syntax no newer
 * than ES5 (parsed with acorn, which eslint's parser espree already brings in), and no regular
 * expression an ES5 engine cannot build. The last check matters because a literal such as `/x/u`
 * is rewritten by the minifier to `new RegExp("x", "u")` for an ES5 target: valid ES5 syntax that
 * throws when it runs.
 */
import * as acorn from 'acorn';
import { regExpProblems } from './regExpCheck';

/** The ECMAScript edition the script must parse as. */
export const SCRIPT_ECMA_VERSION = 5;

const FORBIDDEN: readonly [RegExp, string][] = [
  [/\bnew\s+Function\s*\(/, 'contains `new Function(` (runtime code generation)'],
  [/\beval\s*\(/, 'contains `eval(` (runtime code generation)'],
  [
    /\b__require\b|Dynamic require of/,
    'contains an unresolved require() (a module esbuild could not bundle)',
  ],
  [/\bimport\s*\(/, 'contains a dynamic import()'],
];

/** Returns the problems found in the script body (empty when it is fit for the server). */
export function checkServerScript(script: string): string[] {
  const problems = FORBIDDEN.filter(([re]) => re.test(script)).map(
    ([, message]) => `The server script ${message}`,
  );
  let program: acorn.Program;
  try {
    program = acorn.parse(script, {
      ecmaVersion: SCRIPT_ECMA_VERSION,
      sourceType: 'script',
      allowReturnOutsideFunction: true,
    });
  } catch (error) {
    problems.push(`The server script is not valid ES${SCRIPT_ECMA_VERSION}: ${(error as Error).message}`);
    return problems;
  }
  return problems.concat(regExpProblems(program).map((p) => `The server script ${p}`));
}
