import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

/**
 * `stopbench report` on a small, fixed results.jsonl (18 episodes of a real run: 6 trajectories × the 3
 * built-in judges), checked against golden files after times are normalised. UPDATE_GOLDEN=1 rewrites them.
 */
const RESULTS = path.join(ROOT, 'tests/fixtures/results/results.jsonl');
const GOLDEN = path.join(ROOT, 'tests/reporters/golden');

const normalise: Record<string, (text: string) => string> = {
  'summary.csv': (text) => {
    const [head, ...rows] = text.trimEnd().split('\n');
    const columns = head!.split(',');
    const timed = ['wall_ms', 'judge_ms'].map((c) => columns.indexOf(c));
    const fixed = rows.map((row) => row.split(',').map((cell, i) => (timed.includes(i) ? '<ms>' : cell)).join(','));
    return `${[head, ...fixed].join('\n')}\n`;
  },
  'report.md': (text) => text.replace(/\b\d+\.\ds\b/g, '<s>'),
  'junit.xml': (text) => text.replace(/time="\d+\.\d+"/g, 'time="<s>"'),
};

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-golden-'));
  await cp(RESULTS, path.join(dir, 'results.jsonl'));
  const run = runCli(['report', dir, '--format', 'csv,md,junit']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report files against golden files', () => {
  for (const [file, fix] of Object.entries(normalise)) {
    it(`${file} matches tests/reporters/golden/${file}`, async () => {
      const actual = fix(await readFile(path.join(dir, file), 'utf8'));
      const golden = path.join(GOLDEN, file);
      if (process.env.UPDATE_GOLDEN) await writeFile(golden, actual);
      expect(actual).toBe(await readFile(golden, 'utf8'));
    });
  }

  it('report.md stays fit for a GitHub job summary: short, with the drill-down capped', async () => {
    const text = await readFile(path.join(dir, 'report.md'), 'utf8');
    expect(text.length).toBeLessThan(64 * 1024);
    expect(text).toContain('<details><summary>');
    const drillRows = text.slice(text.indexOf('## False stops')).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| judge') && !l.startsWith('| ---'));
    expect(drillRows.length).toBeLessThanOrEqual(25);
  });
});
