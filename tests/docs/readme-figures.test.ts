import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { figureBlockNames, renderFigureBlocks, rewriteFigureBlocks } from '../../src/docs/readme-figures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe("the README's figures", () => {
  it('are exactly what the committed example run (reports/example/summary.json) renders', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const summary = JSON.parse(await readFile(path.join(ROOT, 'reports/example/summary.json'), 'utf8'));
    expect(figureBlockNames(readme).sort()).toEqual(['bench-paired', 'bench-table']);
    // When this fails: `npm run bench && npm run readme-figures`, then commit README.md and reports/example/.
    expect(rewriteFigureBlocks(readme, renderFigureBlocks(summary))).toBe(readme);
  });

  it('rewrites a stale block and rejects an unknown one', () => {
    const stale = 'a\n<!-- figures:x -->\nold\n<!-- /figures:x -->\nb';
    expect(rewriteFigureBlocks(stale, { x: 'new' })).toBe('a\n<!-- figures:x -->\nnew\n<!-- /figures:x -->\nb');
    expect(rewriteFigureBlocks('<!-- figures:x -->\n<!-- /figures:x -->', { x: 'new' })).toBe('<!-- figures:x -->\nnew\n<!-- /figures:x -->');
    expect(() => rewriteFigureBlocks(stale, { y: 'new' })).toThrow(/figures block "x" has no renderer/);
  });
});
