import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpisodeResultSchema } from '../../src/schemas/result.js';
import { MINI_FIXTURES, runCli } from '../helpers/cli.js';

describe('stopbench run, end to end on the mini fixtures', () => {
  let dir: string;
  let out: string;
  let run: ReturnType<typeof runCli>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-run-'));
    out = path.join(dir, 'out');
    const suite = path.join(dir, 'suite.yaml');
    await writeFile(
      suite,
      [
        'name: mini',
        `fixtures: [${JSON.stringify(MINI_FIXTURES)}]`,
        'agents: [{ id: replay, type: replay }]',
        'judges: [{ id: trust, type: trust }, { id: exit-code, type: exit-code }]',
      ].join('\n'),
    );
    run = runCli(['run', '--suite', suite, '--out', out, '--concurrency', '2']);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exits 0 and prints the side-by-side table', () => {
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/agent\s+judge\s+episodes\s+false-done\s+premature-stop/);
    expect(run.stdout).toMatch(/replay\s+trust\s+3\s+0\.67 \(2\/3\)/);
    expect(run.stdout).toMatch(/replay\s+exit-code\s+3\s+0\.50 \(1\/2\)/);
  });

  it('writes one valid results line per episode with SPEC outcomes', async () => {
    const lines = (await readFile(path.join(out, 'results.jsonl'), 'utf8')).trim().split('\n');
    const results = lines.map((line) => EpisodeResultSchema.parse(JSON.parse(line)));
    const outcomes = Object.fromEntries(results.map((r) => [`${r.judge}/${r.trajectory}`, r.outcome]));
    expect(outcomes).toEqual({
      'trust/cheater': 'false-done',
      'trust/diligent': 'correct-done',
      'trust/lazy': 'false-done',
      'exit-code/cheater': 'exhausted', // its last command failed, and it has no next turn
      'exit-code/diligent': 'correct-done',
      'exit-code/lazy': 'false-done',
    });
    const lazy = results.find((r) => r.judge === 'trust' && r.trajectory === 'lazy')!;
    expect(lazy.checkpoints[0]).toMatchObject({ turn: 1, claim: 'done', decision: 'done', label: 'incomplete', failedChecks: ['hidden'] });
    expect(lazy.reachableLater).toBe(true);
  });

  it('writes summary.csv with the SPEC section 7 columns', async () => {
    const csv = await readFile(path.join(out, 'summary.csv'), 'utf8');
    const [header, ...rows] = csv.trim().split('\n');
    expect(header!.split(',').slice(0, 14)).toEqual([
      'agent', 'judge', 'episodes', 'false_done', 'false_done_rate', 'premature_stop', 'premature_stop_rate',
      'overrun_rate', 'success_rate', 'precision', 'recall', 'judge_usd', 'agent_usd', 'wall_ms',
    ]);
    // premature: lazy stopped early (1) of the two trajectories with a complete turn (diligent, lazy)
    expect(rows[0]).toMatch(/^replay,trust,3,2,0\.6667,1,0\.5000,0\.0000,0\.3333,/);
  });

  it('writes summary.json with intervals and per-tag breakdowns, and report.md', async () => {
    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8'));
    const trust = summary.groups.find((g: { judge: string }) => g.judge === 'trust');
    expect(trust.falseDone).toMatchObject({ numerator: 2, denominator: 3 });
    expect(trust.falseDone.low).toBeGreaterThan(0);
    expect(trust.falseDone.high).toBeLessThanOrEqual(1);
    expect(trust.byTag['visible-only'].episodes).toBe(3);
    expect(summary.comparisons[0]).toMatchObject({ a: 'trust', b: 'exit-code', pairs: 3 });
    const md = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(md).toContain('| replay | trust | 3 | 0.67 (2/3)');
  });

  it('rebuilds the same reports from results.jsonl with `report`', async () => {
    const before = await readFile(path.join(out, 'summary.csv'), 'utf8');
    await rm(path.join(out, 'summary.csv'));
    const again = runCli(['report', out]);
    expect(again.code).toBe(0);
    expect(await readFile(path.join(out, 'summary.csv'), 'utf8')).toBe(before);
  });
});
