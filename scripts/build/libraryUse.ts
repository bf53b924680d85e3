/**
 * Which ES2015+ built-ins the product code (Integrations/, Packs/) uses, found with TypeScript's
 * type checker: every identifier whose declaration lives only in a `lib.es2015*` or later library
 * file, plus every member of the typed arrays (which TypeScript declares in its ES5 library).
 * `npx tsx scripts/build/libraryUse.ts` prints them with their places; test/bundle/libraryUse.test.ts
 * checks them against what the prelude provides.
 */
import * as path from 'node:path';
import * as ts from 'typescript';

/** One built-in member or global, as `Object.assign`, `Array.prototype.includes` or `Map`. */
export interface LibraryUse {
  readonly name: string;
  /** The TypeScript library that declares it, e.g. `es2017.object`. */
  readonly lib: string;
  /** `file:line` of each use, relative to the repository root. */
  readonly places: string[];
}

const ROOT = path.resolve(__dirname, '..', '..');
const TYPED =
  /^(ArrayBuffer|DataView|(Ui|I)nt(8|16|32)Array|Uint8ClampedArray|Float(32|64)Array)(Constructor)?$/;

function libOf(declaration: ts.Declaration): string | undefined {
  const match = /^lib\.(es\d+|esnext)\.?([a-z.]*)\.d\.ts$/.exec(
    path.basename(declaration.getSourceFile().fileName),
  );
  return match ? `${match[1]}${match[2] ? `.${match[2]}` : ''}` : undefined;
}

/** `Object.assign` for a member of ObjectConstructor, `Array.prototype.find` for one of Array<T>. */
function memberName(owner: string, member: string): string {
  const constructor = /^(.*)Constructor$/.exec(owner);
  if (constructor) return `${constructor[1]}.${member}`;
  if (owner === 'Math' || owner === 'JSON') return `${owner}.${member}`;
  const instance = owner.replace(/^Readonly/, '');
  return `${instance}.prototype.${member}`;
}

function describe(node: ts.Identifier, symbol: ts.Symbol): { name: string; lib: string } | undefined {
  const declarations = symbol.declarations ?? [];
  const libs = declarations.map(libOf);
  if (libs.length === 0 || libs.some((lib) => lib === undefined)) return undefined;
  const parent = declarations[0].parent;
  const owner = ts.isInterfaceDeclaration(parent) ? parent.name.text : undefined;
  const isMember = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node;
  const name = owner && isMember ? memberName(owner, node.text) : node.text;
  const later = libs.filter((lib) => lib !== 'es5');
  if (later.length === 0)
    return owner && TYPED.test(owner) && isMember ? { name, lib: 'es5 (typed arrays)' } : undefined;
  // Declared in ES5 and extended later (e.g. an overload): ES5 has it.
  if (later.length !== libs.length) return undefined;
  return { name, lib: later[0] as string };
}

/** Every ES2015+ built-in the product code uses. */
export function productLibraryUses(root = ROOT): LibraryUse[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  const files = config.fileNames.filter(
    (f) => /[\\/](Integrations|Packs)[\\/]/.test(f) && !/\.test\.ts$/.test(f),
  );
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const uses = new Map<string, LibraryUse>();
  const visit = (node: ts.Node, file: ts.SourceFile): void => {
    if (ts.isIdentifier(node)) {
      const symbol = checker.getSymbolAtLocation(node);
      const found = symbol && describe(node, symbol);
      if (found) {
        const use = uses.get(found.name) ?? { ...found, places: [] };
        use.places.push(
          `${path.relative(root, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`,
        );
        uses.set(found.name, use);
      }
    }
    ts.forEachChild(node, (child) => visit(child, file));
  };
  for (const file of program.getSourceFiles()) if (files.includes(file.fileName)) visit(file, file);
  return [...uses.values()].sort((a, b) => a.name.localeCompare(b.name));
}

if (require.main === module) {
  for (const use of productLibraryUses())
    console.log(`${use.name.padEnd(44)} ${use.lib.padEnd(22)} ${use.places.join(' ')}`);
}
