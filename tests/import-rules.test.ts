import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativeImports, tsFiles } from './helpers/imports.js';

const SRC = path.resolve(import.meta.dirname, '../src');

/** Every project module a source file imports (static, type-only and dynamic), as paths below src/. */
function projectImports(file: string): string[] {
  return relativeImports(file).map((target) => path.relative(SRC, target).split(path.sep).join('/'));
}

/** `from/…` may not import `to/…`: each pair a layer that must not reach into the other. */
function violations(rules: ReadonlyArray<{ from: string; to: RegExp }>): string[] {
  const out: string[] = [];
  for (const file of tsFiles(SRC)) {
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
