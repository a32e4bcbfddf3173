import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Static imports and re-exports (type-only ones too: a circle of types is still a circle of modules),
// side-effect imports and dynamic import() of relative paths.
const FROM = /^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/gm;
const BARE = /^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Every .ts file below `dir` (declaration files left out), as absolute paths. */
export function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * The project modules `file` imports (static, type-only, re-export, side-effect and dynamic), as
 * absolute paths of .ts files (NodeNext: `./x.js` in source is `./x.ts`).
 */
export function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const targets = new Set<string>();
  for (const pattern of [FROM, BARE, DYNAMIC]) {
    for (const match of text.matchAll(pattern)) targets.add(path.resolve(path.dirname(file), match[1]!).replace(/\.js$/, '.ts'));
  }
  return [...targets].sort();
}
