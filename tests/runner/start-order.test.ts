import { describe, expect, it } from 'vitest';
import type { EpisodePlan } from '../../src/runner/plan.js';
import { startOrder } from '../../src/runner/run-episodes.js';

/** Plans in the runner's plan order (fixture, trajectory, judge): only what startOrder reads. */
function plans(units: Array<[fixture: string, trajectory: string]>, judges: string[]): EpisodePlan[] {
  return units.flatMap(([fixture, trajectory]) =>
    judges.map((judge) => ({ key: `replay/${judge}/${fixture}/${trajectory}/0`, fixture: { id: fixture }, variant: { trajectory, persona: null, tags: [] } }) as unknown as EpisodePlan),
  );
}

describe('the order episodes start in', () => {
  it('starts one episode of every (fixture, trajectory) before a second of any, keeping plan order within a round', () => {
    const all = plans([['a', 't1'], ['a', 't2'], ['b', 't1']], ['trust', 'exit-code', 'verify']);
    expect(startOrder(all).map((p) => p.key)).toEqual([
      'replay/trust/a/t1/0', 'replay/trust/a/t2/0', 'replay/trust/b/t1/0',
      'replay/exit-code/a/t1/0', 'replay/exit-code/a/t2/0', 'replay/exit-code/b/t1/0',
      'replay/verify/a/t1/0', 'replay/verify/a/t2/0', 'replay/verify/b/t1/0',
    ]);
  });

  it('runs every plan exactly once', () => {
    const all = plans(Array.from({ length: 9 }, (_, i) => [`fx-${i % 4}`, `t-${i}`] as [string, string]), ['trust', 'verify']);
    const ordered = startOrder(all);
    expect(ordered).toHaveLength(all.length);
    expect(new Set(ordered.map((p) => p.key))).toEqual(new Set(all.map((p) => p.key)));
  });
});
