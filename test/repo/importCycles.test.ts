/**
 * The product code is layered: CommonServer imports neither the Microsoft module nor the
 * integration, the module does not import the integration, and inside each of them no two
 * folders import each other, directly or through others (type imports included).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGES = {
  commonServer: 'Packs/Base/Scripts/CommonServer',
  module: 'Packs/ApiModules/Scripts/MicrosoftApiModule',
  integration: 'Integrations/MicrosoftGraphCalendar',
} as const;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(rel);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Every relative import of `file`, as repository paths (without extension). */
export function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/(?:from|import|require)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map(
    (m) => m[1],
  );
  return specs.map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
}

/** The folder graph of one package: folder → folders it imports from (inside the package). */
function folderGraph(pkg: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(pkg)) {
    const from = path.posix.dirname(file);
    if (!graph.has(from)) graph.set(from, new Set());
    for (const target of importsOf(file)) {
      const to = path.posix.dirname(target);
      if (to !== from && to.startsWith(pkg)) graph.get(from)?.add(to);
    }
  }
  return graph;
}

/** A cycle in the graph, as a list of folders, or undefined. */
export function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the layers of the product code', () => {
  it.each(Object.entries(PACKAGES))('%s has no import cycle between its folders', (_name, pkg) => {
    expect(findCycle(folderGraph(pkg))).toBeUndefined();
  });

  it('CommonServer imports neither the module nor the integration; the module not the integration', () => {
    const outward = (pkg: string, forbidden: string[]) =>
      sourceFiles(pkg).flatMap((file) =>
        importsOf(file)
          .filter((target) => forbidden.some((f) => target.startsWith(f)))
          .map((target) => `${file} -> ${target}`),
      );
    expect(outward(PACKAGES.commonServer, [PACKAGES.module, PACKAGES.integration])).toStrictEqual([]);
    expect(outward(PACKAGES.module, [PACKAGES.integration])).toStrictEqual([]);
  });

  it('finds a planted cycle', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycle(graph)).toStrictEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', new Set(['b'])]]))).toBeUndefined();
  });
});
