import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fitEvidence } from '../../src/judges/llm/evidence.js';
import { loadTemplate } from '../../src/judges/llm/template.js';
import type { TranscriptEntry } from '../../src/schemas/judging.js';
import { ROOT } from '../helpers/cli.js';
import { removeTempDirs, tempDir } from '../helpers/llm.js';

const noise = (label: string, n: number) => Array.from({ length: n }, (_, i) => `${label} line ${i}`).join('\n');
const patchOf = (file: string, lines: number) =>
  `===================================================================\n--- a/${file}\n+++ b/${file}\n@@ -1,1 +1,${lines} @@\n${noise('+ changed', lines)}\n`;

const transcript: TranscriptEntry[] = [
  { turn: 1, kind: 'run', command: 'npm run build', exitCode: 0, output: noise('build ok', 800) },
  { turn: 1, kind: 'edit', path: 'src/lru.js', old: 'a', new: 'b' },
  { turn: 1, kind: 'run', command: 'node --test', exitCode: 1, output: `${noise('progress', 400)}\nnot ok 3 - evicts the least recently read key\n# fail 1\n` },
];
const diff = {
  files: [{ path: 'src/lru.js', status: 'modified' as const }, { path: 'test/lru.test.js', status: 'modified' as const }],
  patch: patchOf('src/lru.js', 300) + patchOf('test/lru.test.js', 300),
};

describe('fitting the evidence to a token budget', () => {
  afterAll(removeTempDirs);

  it('keeps everything and cuts nothing when it fits', () => {
    const evidence = fitEvidence({ transcript, diff }, 100_000);
    expect(evidence.cuts).toEqual([]);
    expect(evidence.transcript).toContain('build ok line 0');
    expect(evidence.diff).toContain('+ changed line 299');
  });

  it('keeps failing test output\'s tail, the source diff\'s head and every header, and says what it cut', () => {
    const evidence = fitEvidence({ transcript, diff }, 2000);
    const size = evidence.transcript.length + evidence.diff.length;
    expect(size).toBeLessThan(2000 * 4 + 1000);
    expect(evidence.transcript).toContain('[turn 1] $ npm run build  (exit 0)');
    expect(evidence.transcript).toContain('[turn 1] edit src/lru.js');
    expect(evidence.transcript).toContain('[turn 1] $ node --test  (exit 1)');
    expect(evidence.transcript).toContain('not ok 3 - evicts the least recently read key\n# fail 1');
    expect(evidence.diff).toContain('- modified test/lru.test.js');
    expect(evidence.diff).toContain('+++ b/src/lru.js');
    expect(evidence.cuts).toContainEqual(expect.stringMatching(/^output of `node --test` \(turn 1\): kept the last \d+ of \d+ characters$/));
    expect(evidence.cuts).toContainEqual(expect.stringMatching(/^diff of src\/lru\.js: kept the first \d+ of \d+ characters$/));
    // weights: failing output beats passing output, the source diff beats the test diff
    const kept = (label: RegExp) => Number(evidence.cuts.find((c) => label.test(c))?.match(/kept the \w+ (\d+)/)?.[1] ?? 0);
    expect(kept(/^output of `node --test`/)).toBeGreaterThan(1.5 * kept(/^output of `npm run build`/));
    expect(kept(/^diff of src\/lru\.js/)).toBeGreaterThan(2 * kept(/^diff of test\/lru\.test\.js/));
  });
});

describe('prompt templates', () => {
  afterAll(removeTempDirs);

  it('ships minimal, checklist and skeptical, each using the judge input', () => {
    for (const name of ['minimal', 'checklist', 'skeptical']) {
      const { text } = loadTemplate(name, ROOT, 'test');
      for (const placeholder of ['contract', 'claim', 'report', 'transcript', 'diff', 'cuts']) expect(text).toContain(`{{${placeholder}}}`);
    }
  });

  it('fails at load time on a missing template or an unknown placeholder', async () => {
    expect(() => loadTemplate('nope', ROOT, 'judge "x"')).toThrow(/^judge "x": prompt: template "nope" not found .*shipped templates: .*checklist.*minimal.*skeptical/);
    const file = path.join(await tempDir(), 'mine.md');
    await writeFile(file, 'Claim: {{claim}}\nTests: {{tests}}\n');
    expect(() => loadTemplate(file, ROOT, 'judge "x"')).toThrow(`${file}: unknown placeholder {{tests}}`);
  });
});

describe('stable evidence', () => {
  it('replaces temp folders and timings, so the same state gives the same prompt and hits the cache', () => {
    const run = (dir: string, ms: string): TranscriptEntry => ({
      turn: 1, kind: 'run', command: 'node --test', exitCode: 1,
      output: `not ok 1 - up\n  at file://${os.tmpdir()}/stopbench-${dir}/ws-counter-lazy-${dir}/test/a.test.js:5:3\n  duration_ms: ${ms}\n✔ down (${ms}ms)\nRan 2 tests in 0.00${ms}s\n`,
    });
    const a = fitEvidence({ transcript: [run('AbC123', '1.5')], diff: { files: [], patch: '' } }, 1000).transcript;
    const b = fitEvidence({ transcript: [run('xYz789', '2.25')], diff: { files: [], patch: '' } }, 1000).transcript;
    expect(a).toBe(b);
    expect(a).toContain('at <workspace>/test/a.test.js:5:3');
    expect(a).toContain('duration_ms *');
    expect(a).toContain('✔ down (*ms)');
    expect(a).toContain('Ran 2 tests in *s');
  });
});
