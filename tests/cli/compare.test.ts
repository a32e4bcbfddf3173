import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpisodeResult } from '../../src/schemas/result.js';
import { main } from '../../src/cli/main.js';
import { ROOT, runCli } from '../helpers/cli.js';

/** The CLI in-process, for the many one-line bad-input cases (spawning each costs a second on CI). */
async function runInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: (text: string) => ((stderr += text), true) },
  } as unknown as Parameters<typeof main>[1];
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** 18 episodes of a real run: 6 trajectories × trust, exit-code, verify. */
const BASE = path.join(ROOT, 'tests/fixtures/results');
let tmp: string;

/** A copy of the fixed results with some lines changed, as its own results folder. */
async function variant(name: string, edit: (e: EpisodeResult) => EpisodeResult): Promise<string> {
  const lines = (await readFile(path.join(BASE, 'results.jsonl'), 'utf8')).trim().split('\n');
  const dir = path.join(tmp, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
  const edited = lines.map((line) => JSON.stringify(edit(JSON.parse(line) as EpisodeResult)));
  await writeFile(path.join(dir, 'results.jsonl'), `${edited.join('\n')}\n`);
  return dir;
}

/** verify lets lru-eviction/diligent stop done in an incomplete state: one right stop turned false-done. */
function verifyGotWorse(e: EpisodeResult): EpisodeResult {
  if (e.judge !== 'verify' || e.fixture !== 'lru-eviction' || e.trajectory !== 'diligent') return e;
  const checkpoints = e.checkpoints.map((c, i, all) => (i === all.length - 1 ? { ...c, label: 'incomplete' as const, failedChecks: ['hidden-edge-cases'] } : c));
  return { ...e, outcome: 'false-done', finalLabel: 'incomplete', checkpoints };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'stopbench-compare-'));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('stopbench compare', () => {
  it('identical runs: exit 0, no flips, deltas of zero', () => {
    const run = runCli(['compare', BASE, path.join(BASE, 'results.jsonl'), '--max-false-done-increase', '0', '--max-premature-increase', '0', '--alpha', '0.05', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.judges.map((j: { baseJudge: string }) => j.baseJudge)).toEqual(['trust', 'exit-code', 'verify']);
    for (const judge of out.judges) {
      expect(judge.pairs).toBe(6);
      expect([...judge.worse, ...judge.better, ...judge.changed]).toEqual([]);
    }
    expect(out.gate.regression).toBe(false);
  });

  it('a judge that got worse: exit 1, the flipped episode named with its outcomes', async () => {
    const next = await variant('worse', verifyGotWorse);
    const run = runCli(['compare', BASE, next, '--max-false-done-increase', '0.1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Judge verify: 6 episodes paired[\s\S]*Worse \(right → wrong\): 1\n\s+lru-eviction\/diligent#0\s+correct-done → false-done/);
    expect(run.stdout).toMatch(/FAIL\s+verify: max-false-done-increase: false-done rate change \+0\.250/);
    expect(run.stdout).toMatch(/ok\s+trust: max-false-done-increase/);
  });

  it('two judges of one run (trust as NEW against verify as BASE): exit 1 with both directions of flips', () => {
    const run = runCli(['compare', BASE, BASE, '--base-judge', 'verify', '--new-judge', 'trust', '--max-false-done-increase', '0.05']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Judge verify → trust: 6 episodes paired');
    expect(run.stdout).toMatch(/Worse \(right → wrong\): 2\n\s+feature-pagination-spec\/quitter#0\s+correct-done → false-blocked\n\s+lru-eviction\/bluffer#0\s+correct-done → false-done/);
    expect(run.stdout).toMatch(/Better \(wrong → right\): 1\n\s+quota-impossible\/honest-blocked#0\s+exhausted → correct-blocked/);
    expect(run.stdout).toMatch(/McNemar exact p = /);
  });

  it('without thresholds nothing is gated: exit 0 even when a judge got worse', async () => {
    const next = await variant('worse-ungated', verifyGotWorse);
    const run = runCli(['compare', BASE, next]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Gate: no thresholds given');
  });

  it('disjoint runs: exit 2, no episodes in common', async () => {
    const other = await variant('disjoint', (e) => ({ ...e, fixture: `other-${e.fixture}` }));
    const run = runCli(['compare', BASE, other]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no episodes in common/);
    expect(run.stdout).toBe('');
  });

  it('bad input exits 2 with one line: missing folder, unknown judge, half a judge pair, bad threshold', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['compare', BASE, path.join(tmp, 'missing')], /missing: not found/],
      [['compare', BASE, BASE, '--base-judge', 'nope', '--new-judge', 'trust'], /--base-judge: no judge "nope".*trust, exit-code, verify/],
      [['compare', BASE, BASE, '--base-judge', 'trust'], /--base-judge and --new-judge go together/],
      [['compare', BASE, BASE, '--max-false-done-rate', '2'], /expected a rate between 0 and 1/],
      [['compare', BASE, BASE, '--alpha', '0'], /expected a number between 0 and 1/],
    ];
    for (const [args, message] of cases) {
      const run = await runInProcess(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });

  it('names the judges when BASE and NEW share no judge id', async () => {
    const renamed = await variant('renamed', (e) => ({ ...e, judge: `${e.judge}-v2` }));
    const run = await runInProcess(['compare', BASE, renamed]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no judge id in common \(BASE has trust, exit-code, verify; NEW has trust-v2/);
  });
});
