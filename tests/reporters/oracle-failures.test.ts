import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/metrics/summary.js';
import { renderHtml } from '../../src/reporters/html.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { EpisodeResultSchema, type EpisodeResult, type OracleFailure } from '../../src/schemas/result.js';
import { ROOT } from '../helpers/cli.js';
import { episode } from '../helpers/episodes.js';

const TAIL = ['not ok 2 - evicts the oldest key', '  ---', "  error: 'expected b, got a'", '# tests 3', '# pass 1', '# fail 2'].join('\n');
const FAILURES: OracleFailure[] = [
  {
    id: 'hidden-edge-cases',
    detail: 'exit 1: # fail 2',
    run: { command: 'node --test hidden/lru-edge.hidden.mjs', exitCode: 1, failedTests: ['lru > evicts the oldest key', 'lru > capacity zero'], outputTail: TAIL },
  },
  { id: 'build', detail: 'exit 1: tsc error', run: { command: 'node scripts/build.mjs', exitCode: 1, failedTests: [], outputTail: 'src/x.ts(3,1): error TS1005' } },
  { id: 'scope', detail: 'out of scope: test/lru.test.js' },
];

const falseDone = (judge: string, oracleFailures?: OracleFailure[]): EpisodeResult =>
  episode({
    status: 'done', judge, fixture: 'lru-eviction', trajectory: 'lazy',
    checkpoints: [{ label: 'incomplete', decision: 'done', failedChecks: ['hidden-edge-cases', 'build', 'scope'], ...(oracleFailures ? { oracleFailures } : {}) }],
  });

const render = (results: EpisodeResult[]) => ({
  md: renderMarkdown({ suite: 's', results, summary: summarize(results) }),
  page: renderHtml({ suite: 's', results, summary: summarize(results) }),
});

describe('false stops name the hidden tests that failed, with the end of their output', () => {
  it('report.md: each wrong-stop state once, its failed checks, failing tests by name, command and exit code as fallback, the tail', () => {
    const { md } = render([falseDone('trust', FAILURES), falseDone('exit-code', FAILURES)]);
    const section = md.slice(md.indexOf('### What the hidden checks found'));
    expect(section).toContain('lru-eviction/lazy, turn 1: hidden-edge-cases, build, scope failed (accepted by trust, exit-code)');
    expect(section.match(/<details>/g)).toHaveLength(1); // two judges accepted one state: shown once
    expect(section).toContain('- **hidden-edge-cases**: `node --test hidden/lru-edge.hidden.mjs` exited 1; failed: 2 tests');
    expect(section).toContain('  - lru &gt; evicts the oldest key');
    expect(section).toContain('  - lru &gt; capacity zero');
    expect(section).toContain("  error: 'expected b, got a'");
    expect(section).toContain('- **build**: `node scripts/build.mjs` exited 1; no test names recognised in its output');
    expect(section).toContain('src/x.ts(3,1): error TS1005');
    expect(section).toContain('- **scope**: out of scope: test/lru.test.js');
  });

  it('report.html: the drill-down lists failing tests under their check with the output tail, and names them in the summary line', () => {
    const { page } = render([falseDone('trust', FAILURES)]);
    const stop = page.slice(page.indexOf('<details class="stop"'));
    expect(stop).toContain('failed: hidden-edge-cases (lru &gt; evicts the oldest key, lru &gt; capacity zero), build, scope');
    expect(stop).toContain('<code>node --test hidden/lru-edge.hidden.mjs</code> exited 1; failed: 2 tests');
    expect(stop).toMatch(/<ul class="failed-tests"><li>lru &gt; evicts the oldest key<\/li><li>lru &gt; capacity zero<\/li><\/ul>/);
    expect(stop).toContain('<pre class="output-tail">not ok 2 - evicts the oldest key');
    expect(stop).toContain('<code>node scripts/build.mjs</code> exited 1; no test names recognised in its output');
  });

  it('results written before the field existed still load and render, with the check ids and a note', async () => {
    const lines = (await readFile(path.join(ROOT, 'tests/fixtures/results/results.jsonl'), 'utf8')).trim().split('\n');
    const old = lines.map((l) => EpisodeResultSchema.parse(JSON.parse(l)));
    expect(old.flatMap((e) => e.checkpoints).every((c) => c.oracleFailures === undefined)).toBe(true);
    const { md, page } = render([falseDone('trust')]);
    expect(md).not.toContain('### What the hidden checks found');
    expect(md).toContain('hidden-edge-cases, build, scope');
    expect(page).toContain('written before the oracle');
  });

  it('keeps report.md short with many false stops: the shown tail is clipped, report.html keeps it whole', () => {
    const long = Array.from({ length: 40 }, (_, i) => `line ${i} ${'x'.repeat(80)}`).join('\n');
    const check = (id: string): OracleFailure => ({ id, detail: 'exit 1', run: { command: 'node --test', exitCode: 1, failedTests: Array.from({ length: 50 }, (_, i) => `test ${i} ${'y'.repeat(60)}`), outputTail: long } });
    const failures = ['hidden', 'visible', 'build', 'lint'].map(check);
    const many = Array.from({ length: 60 }, (_, i) => ({ ...falseDone('trust', failures), fixture: `f${i}`, key: `k${i}` }));
    const { md, page } = render(many);
    expect(md.length).toBeLessThan(64 * 1024);
    expect(md).toContain('line 39');
    expect(md).not.toContain('line 20 ');
    expect(md).toMatch(/… and \d+ more states: see report.html or results.jsonl/);
    expect(page).toContain('line 0 ');
  });
});
