import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { relativeImports, tsFiles } from './helpers/imports.js';

const SRC = path.resolve(import.meta.dirname, '../src');

/** Module → the modules of the same tree it imports, as paths relative to `root`. */
function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of tsFiles(root)) {
    graph.set(path.relative(root, file), relativeImports(file).map((target) => path.relative(root, target)));
  }
  return graph;
}

/** Every import circle, each as the path `a.ts → b.ts → a.ts` (Tarjan's strongly connected components). */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!graph.has(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfLoop = (graph.get(node) ?? []).includes(node);
    if (component.length > 1 || selfLoop) cycles.push(cyclePath(graph, new Set(component)));
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

/** One concrete circle inside a strongly connected component, for a readable failure message. */
function cyclePath(graph: ReadonlyMap<string, readonly string[]>, component: ReadonlySet<string>): string {
  const start = [...component].sort()[0]!;
  const seen = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const to of graph.get(node) ?? []) {
      if (!component.has(to)) continue;
      if (to === start) {
        const trail = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = seen.get(at)) trail.splice(1, 0, at);
        return [...trail, start].join(' → ');
      }
      if (!seen.has(to)) {
        seen.set(to, node);
        queue.push(to);
      }
    }
  }
  return [...component].join(' ↔ ');
}

describe('import cycles', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('src/ has none: the layers import one way only', async () => {
    const graph = importGraph(SRC);
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph)).toEqual([]);
  });

  it('finds a circle through type-only, multi-line, re-export and dynamic imports', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'stopbench-cycles-'));
    dirs.push(root);
    await mkdir(path.join(root, 'sub'));
    await writeFile(path.join(root, 'a.ts'), "import type {\n  B,\n} from './sub/b.js';\nexport const a = 1;\n");
    await writeFile(path.join(root, 'sub/b.ts'), "export { c } from '../c.js';\nexport type B = 1;\n");
    await writeFile(path.join(root, 'c.ts'), "export const c = () => import('./a.js');\n");
    await writeFile(path.join(root, 'd.ts'), "import { a } from './a.js';\nimport './d.js';\n");
    await writeFile(path.join(root, 'e.ts'), "import { a } from './a.js';\n");
    expect(findCycles(importGraph(root))).toEqual(['a.ts → sub/b.ts → c.ts → a.ts', 'd.ts → d.ts']);
  });
});
