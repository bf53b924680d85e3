/**
 * Build-time checks of the server script: no runtime code generation (the engine may forbid it,
 * and AJV validators are precompiled for that reason), no unresolved `require`, and syntax no newer
 * than ES2015 (parsed with acorn, which eslint's parser espree already brings in).
 */
import * as acorn from 'acorn';

/** The ECMAScript edition the script must parse as. */
export const SCRIPT_ECMA_VERSION = 2015;

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
  try {
    acorn.parse(script, {
      ecmaVersion: SCRIPT_ECMA_VERSION,
      sourceType: 'script',
      allowReturnOutsideFunction: true,
    });
  } catch (error) {
    problems.push(`The server script is not valid ES${SCRIPT_ECMA_VERSION}: ${(error as Error).message}`);
  }
  return problems;
}
