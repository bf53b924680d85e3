/**
 * Lowers bundled JavaScript to ECMAScript 5 with TypeScript's own compiler, then minifies it with
 * esbuild (which can minify ES5 but cannot lower ES2015 syntax to it). TypeScript turns async/await
 * and generators into state machines (`__awaiter`/`__generator`), classes into functions, `let`/
 * `const` into `var`, and for-of, spread and destructuring into index loops or iterator calls
 * (`downlevelIteration`, so Map/Set iteration keeps its meaning). It emits its helpers once, at
 * the top of the text it is given.
 */
import * as esbuild from 'esbuild';
import * as ts from 'typescript';

const ES5_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES5,
  // A script without import/export stays a script; CommonJS only satisfies transpileModule's
  // isolatedModules check (which refuses module None with an ES5 target).
  module: ts.ModuleKind.CommonJS,
  allowJs: true,
  downlevelIteration: true,
  // The lowered text starts with the "use strict" directive, ahead of the helpers.
  alwaysStrict: true,
  removeComments: true,
  // The text is one bundled script: nothing to import helpers from.
  importHelpers: false,
  noEmitHelpers: false,
};

/**
 * Lowers `code` (a script, any syntax up to ESNext) to ES5. TypeScript's helpers land at the top of
 * the returned text, so they see the bindings of the scope the text is placed in (the bundle
 * relies on this for `Promise` and `Symbol`, see bundle.ts).
 * @throws Error with TypeScript's message when the code does not parse.
 */
export function lowerToEs5(code: string, fileName = 'bundle.js'): string {
  const out = ts.transpileModule(code, { compilerOptions: ES5_OPTIONS, fileName, reportDiagnostics: true });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const text = errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n');
    throw new Error(`TypeScript could not lower ${fileName} to ES5: ${text}`);
  }
  return out.outputText;
}

/** Minifies ES5 code (or only checks and reprints it); the output stays ES5 and ASCII-only. */
export async function minifyEs5(code: string, minify: boolean): Promise<string> {
  const result = await esbuild.transform(code, {
    target: 'es5',
    minify,
    charset: 'ascii',
    legalComments: 'eof',
    logLevel: 'silent',
  });
  return result.code;
}
