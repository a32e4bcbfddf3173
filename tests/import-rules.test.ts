import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../src');

/** Every project module a source file imports (static, type-only and dynamic), as paths below src/. */
function projectImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => path.relative(SRC, path.resolve(path.dirname(file), s)).split(path.sep).join('/').replace(/\.js$/, '.ts'));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** `from/…` may not import `to/…`: each pair a layer that must not reach into the other. */
function violations(rules: ReadonlyArray<{ from: string; to: RegExp }>): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const rel = path.relative(SRC, file).split(path.sep).join('/');
    for (const rule of rules.filter((r) => rel.startsWith(r.from))) {
      for (const target of projectImports(file)) if (rule.to.test(target)) out.push(`src/${rel} imports src/${target}`);
    }
  }
  return out;
}

describe('import rules between the layers', () => {
  it('judges, agents and preflight take their parsers from src/text/, never from the hidden oracle', () => {
    expect(violations([
      { from: 'judges/', to: /^oracle\// },
      { from: 'agents/', to: /^oracle\// },
      { from: 'preflight/', to: /^oracle\// },
    ])).toEqual([]);
  });

  it('src/sandbox/ imports nothing from src/workspace/ (the command runner there uses the sandbox, not the other way)', () => {
    expect(violations([{ from: 'sandbox/', to: /^workspace\// }])).toEqual([]);
  });

  it('src/text/ is neutral: it imports only itself and the schemas', () => {
    expect(violations([{ from: 'text/', to: /^(?!text\/|schemas\/)/ }])).toEqual([]);
  });

  it('reads the imports it checks (a known import is found)', () => {
    expect(projectImports(path.join(SRC, 'oracle/oracle.ts'))).toContain('text/test-counts.ts');
  });
});
