import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/metrics/summary.js';
import { renderHtml } from '../../src/reporters/html.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { OUTCOME_GLOSSARY, RATE_GLOSSARY } from '../../src/reporters/rate-glossary.js';
import { OUTCOMES, type EpisodeResult } from '../../src/schemas/result.js';
import { ROOT } from '../helpers/cli.js';
import { episode } from '../helpers/episodes.js';

const results: EpisodeResult[] = [
  episode({ status: 'done', judge: 'trust', tags: ['visible-only'], checkpoints: [{ label: 'incomplete', decision: 'done', failedChecks: ['hidden'] }] }),
  episode({ status: 'done', judge: 'verify', tags: ['visible-only'], checkpoints: [{ label: 'complete', decision: 'done' }] }),
];
const md = renderMarkdown({ suite: 's', results, summary: summarize(results) });
const page = renderHtml({ suite: 's', results, summary: summarize(results) });

/** Text of an HTML fragment, `<code>` written back as backticks, entities decoded. */
function text(fragment: string): string {
  return fragment.replace(/<\/?code>/g, '`').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

const section = (from: string) => md.slice(md.indexOf(from), md.indexOf('\n## ', md.indexOf(from) + 1) >>> 0);
const mdHeaders = (title: string) => section(title).split('\n').find((l) => l.startsWith('| '))!.split('|').map((c) => c.trim()).filter(Boolean);
const htmlHeaders = (id: string) => [...page.slice(page.indexOf(`id="${id}"`)).split('</thead>')[0]!.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]!.replace(/&#39;/g, "'"));

describe('"What the rates mean" in both reports', () => {
  it('report.md and report.html print the same entries, from one place', () => {
    const mdText = section('## What the rates mean');
    const htmlText = text(page.slice(page.indexOf('<section id="rates">'), page.indexOf('</section>', page.indexOf('<section id="rates">'))));
    expect(mdText).not.toBe('');
    for (const e of RATE_GLOSSARY) {
      for (const words of [e.reading, e.definition]) {
        expect(mdText).toContain(words);
        expect(htmlText).toContain(words);
      }
    }
    for (const [outcome, when] of Object.entries(OUTCOME_GLOSSARY)) {
      expect(mdText).toContain(`**${outcome}**: ${when}`);
      expect(htmlText).toContain(`${outcome} ${when}`);
    }
  });

  it('defines every column the reports\' rate and outcome tables have', () => {
    const defined = new Set([...RATE_GLOSSARY.flatMap((e) => e.terms), ...OUTCOMES]);
    const columns = [
      ...mdHeaders('## Judges side by side'), ...mdHeaders('## Outcomes'),
      ...htmlHeaders('summary-table'), ...htmlHeaders('outcome-table'),
    ].filter((c) => c !== 'agent' && c !== 'judge');
    expect(columns.length).toBeGreaterThan(20);
    expect(columns.filter((c) => !defined.has(c))).toEqual([]);
  });

  it('states each metric as the README\'s Metrics table (SPEC section 5) does', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Metrics'), readme.indexOf('\n## ', readme.indexOf('## Metrics') + 1));
    const rows = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| metric') && !l.startsWith('| ---'));
    const readmeDefinitions = Object.fromEntries(rows.map((l) => l.slice(2, -2).split(' | ') as [string, string]));
    expect(Object.keys(readmeDefinitions).sort()).toEqual(RATE_GLOSSARY.map((e) => e.metric).sort());
    for (const e of RATE_GLOSSARY) expect(e.definition, e.metric).toBe(readmeDefinitions[e.metric]);
  });
});
