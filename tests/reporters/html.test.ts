import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/metrics/summary.js';
import { renderHtml } from '../../src/reporters/html.js';
import type { FixtureInfo } from '../../src/reporters/fixture-info.js';
import type { EpisodeResult } from '../../src/schemas/result.js';
import { episode } from '../helpers/episodes.js';

const EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';

function render(results: EpisodeResult[], fixtures?: Map<string, FixtureInfo>): string {
  return renderHtml({ suite: 's', results, summary: summarize(results), fixtures });
}

const falseDone = (over: Partial<Parameters<typeof episode>[0]> = {}) =>
  episode({ status: 'done', tags: ['visible-only'], checkpoints: [{ label: 'incomplete', decision: 'done', failedChecks: ['hidden-tests'] }], ...over });

describe('renderHtml', () => {
  it('escapes every text that comes from results or fixtures', () => {
    const e = falseDone({ fixture: EVIL, judge: EVIL, tags: [EVIL] });
    e.checkpoints[0]!.report = EVIL;
    e.checkpoints[0]!.feedback = EVIL;
    const contract = { goal: EVIL, done: [{ id: EVIL, text: EVIL }], verify: [EVIL] };
    const page = render([e], new Map([[EVIL, { title: EVIL, contract }]]));
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.match(/<script>/g)).toHaveLength(1); // the report's own, inline
  });

  it('is self-contained: no external URL, stylesheet link or font', () => {
    const page = render([falseDone(), falseDone({ judge: 'verify', fixture: 'g' })]);
    expect(page).not.toMatch(/(?:src|href)\s*=\s*"(?:https?:)?\/\//);
    expect(page).not.toMatch(/<link\b|@import|@font-face|url\(\s*['"]?http/);
    expect(page).toContain("default-src 'none'");
  });

  it('labels the cost axis with judge time when every judge cost $0, and with USD otherwise', () => {
    expect(render([falseDone()])).toContain('judge wall time, seconds');
    const paid = render([falseDone({ judgeUsd: 0.02 })]);
    expect(paid).toContain('judge cost, USD');
    expect(paid).not.toContain('judge wall time, seconds');
  });

  it('marks heat-map cells with no done stop as n/a, apart from a 0 rate', () => {
    const exhausted = episode({ status: 'exhausted', judge: 'verify', tags: ['visible-only'], checkpoints: [{ label: 'incomplete', decision: 'continue' }] });
    const page = render([falseDone(), exhausted]);
    expect(page).toMatch(/<td class="cell na"[^>]*>n\/a<\/td>/);
    expect(page).toMatch(/<td class="cell" style="background:hsl\([^"]+\)"[^>]*>1\.00/);
  });

  it('drills into a false stop: contract, report, feedback and failed checks', () => {
    const e = falseDone({ fixture: 'lru' });
    e.checkpoints[0]!.report = 'All tests pass.';
    e.checkpoints[0]!.feedback = 'accepted the claim';
    const contract = { goal: 'Fix the LRU cache.', done: [{ id: 'tests', text: 'node --test passes' }], verify: ['node --test'] };
    const page = render([e], new Map([['lru', { title: 'Fix LRU', contract }]]));
    const details = page.slice(page.indexOf('<details class="stop"'));
    for (const text of ['Fix the LRU cache.', 'node --test passes', 'All tests pass.', 'accepted the claim', 'hidden-tests']) {
      expect(details).toContain(text);
    }
    expect(render([e])).toContain('Contract not available');
  });
});
