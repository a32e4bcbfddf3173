import type { PairedComparison } from '../metrics/paired.js';
import type { GroupSummary } from '../metrics/summary.js';
import { formatP } from '../reporters/format.js';
import { renderTable } from '../reporters/table.js';
import { markedBlockNames, rewriteMarkedBlocks } from './marked-blocks.js';

/**
 * The README's figures come from a real run, never from a hand: each block between
 * `<!-- figures:NAME -->` and `<!-- /figures:NAME -->` is rendered from a committed summary.json
 * (reports/example/), and a test fails when the README differs from what this renders.
 */
export interface SummaryDocument {
  suite: string;
  episodes: number;
  groups: GroupSummary[];
  comparisons: PairedComparison[];
}

/** Each block's text, by name. */
export function renderFigureBlocks(summary: SummaryDocument): Record<string, string> {
  const trajectories = summary.groups[0]?.episodes ?? 0;
  const table = [
    `A run of it (${summary.episodes} episodes, ${trajectories} per judge), committed in \`reports/example/\`:`,
    '',
    '```',
    renderTable(summary.groups, false),
    '```',
  ].join('\n');
  const paired = [
    `McNemar's exact test on whether each episode stopped right, over the paired episodes of that run:`,
    '',
    ...summary.comparisons.map((c) => `- \`${c.a}\` vs \`${c.b}\`: ${c.onlyA} episodes right only with ${c.a}, ${c.onlyB} only with ${c.b}, p = ${formatP(c.pValue)} (${c.pairs} pairs)`),
  ].join('\n');
  return { 'bench-table': table, 'bench-paired': paired };
}

/** The README with every figures block replaced by its rendering; unknown block names are an error. */
export function rewriteFigureBlocks(readme: string, blocks: Record<string, string>): string {
  return rewriteMarkedBlocks(readme, 'figures', (name) => {
    const text = blocks[name];
    if (text === undefined) throw new Error(`README.md: figures block "${name}" has no renderer (known: ${Object.keys(blocks).join(', ')})`);
    return text;
  });
}

/** The names of the figures blocks the README holds. */
export function figureBlockNames(readme: string): string[] {
  return markedBlockNames(readme, 'figures');
}
