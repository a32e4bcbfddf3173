import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/metrics/summary.js';
import { renderHtml } from '../../src/reporters/html.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import type { EpisodeResult } from '../../src/schemas/result.js';
import { episode } from '../helpers/episodes.js';

/** Every markdown table (a run of `|` lines) has its header, its rule and at least one row. */
function emptyMarkdownTables(md: string): string[] {
  const tables: string[][] = [];
  let current: string[] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) (current ??= []).push(line);
    else if (current) {
      tables.push(current);
      current = null;
    }
  }
  if (current) tables.push(current);
  return tables.filter((t) => t.length < 3).map((t) => t[0]!);
}

/** Every HTML table body has a row, and a chart has a point to show. */
function emptyHtmlParts(page: string): string[] {
  const bodies = [...page.matchAll(/<table[^>]*?(?:id="([^"]*)")?[^>]*>[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/g)];
  const empty = bodies.filter((m) => !m[2]!.includes('<tr')).map((m) => `table ${m[1] ?? '(no id)'}`);
  const charts = [...page.matchAll(/<svg[^>]*role="img"[\s\S]*?<\/svg>/g)].filter((m) => !m[0].includes('<circle'));
  return [...empty, ...charts.map(() => 'chart with no point')];
}

const render = (results: EpisodeResult[]) => ({
  md: renderMarkdown({ suite: 's', results, summary: summarize(results) }),
  page: renderHtml({ suite: 's', results, summary: summarize(results) }),
});

const falseDone = (over: Partial<Parameters<typeof episode>[0]> = {}) =>
  episode({ status: 'done', checkpoints: [{ label: 'incomplete', decision: 'done', failedChecks: ['hidden'] }], ...over });
const exhausted = (over: Partial<Parameters<typeof episode>[0]> = {}) =>
  episode({ status: 'exhausted', checkpoints: [{ label: 'incomplete', decision: 'continue' }], ...over });

describe('reports leave empty tables out', () => {
  it('untagged fixtures: no per-tag sections in report.md, no empty table anywhere', () => {
    const { md, page } = render([falseDone({ judge: 'trust' }), exhausted({ judge: 'verify' })]);
    expect(emptyMarkdownTables(md)).toEqual([]);
    expect(md).not.toContain('Every rate by tag');
    expect(md).not.toContain('False-done by tag');
    expect(emptyHtmlParts(page)).toEqual([]);
  });

  it('only the judges with tagged episodes get a per-tag table', () => {
    const { md } = render([falseDone({ judge: 'trust', agent: 'a', tags: ['visible-only'] }), falseDone({ judge: 'trust', agent: 'b' })]);
    expect(emptyMarkdownTables(md)).toEqual([]);
    expect(md).toContain('### a × trust');
    expect(md).not.toContain('### b × trust');
  });

  it('no judge stopped done: the cost chart is left out with a note, not drawn empty', () => {
    const { md, page } = render([exhausted({ judge: 'trust', tags: ['visible-only'] })]);
    expect(emptyMarkdownTables(md)).toEqual([]);
    expect(emptyHtmlParts(page)).toEqual([]);
    expect(page).toContain('Nothing to plot');
  });

  it('no episode at all: both reports say so instead of printing headers', () => {
    const { md, page } = render([]);
    expect(emptyMarkdownTables(md)).toEqual([]);
    expect(emptyHtmlParts(page)).toEqual([]);
    expect(md).toContain('No episode finished');
    expect(page).toContain('No episode finished');
  });
});
