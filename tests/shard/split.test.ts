import { describe, expect, it } from 'vitest';
import type { EpisodePlan } from '../../src/runner/plan.js';
import { unitOf } from '../../src/runner/plan.js';
import { plansOfShard, recordedCost } from '../../src/shard/split.js';
import { parseShardSpec } from '../../src/shard/spec.js';

/** Plans with only what the split reads: a fixture with its trajectories' turns, and the variant. */
function plans(units: Array<[fixture: string, trajectory: string, turns: number]>, judges = ['trust', 'verify']): EpisodePlan[] {
  const out: EpisodePlan[] = [];
  for (const [fixture, trajectory, turns] of units) {
    const fx = { id: fixture, trajectories: [{ name: trajectory, trajectory: { turns: Array.from({ length: turns }, () => ({})) } }] };
    for (const judge of judges) {
      out.push({ key: `replay/${judge}/${fixture}/${trajectory}/0`, variant: { trajectory, persona: null, tags: [] }, fixture: fx } as unknown as EpisodePlan);
    }
  }
  return out;
}

const SUITE = plans(Array.from({ length: 23 }, (_, i) => [`fx-${i % 7}`, `t-${i}`, 1 + ((i * 5) % 4)] as [string, string, number]));

describe('the split of a suite into shards', () => {
  it('gives every episode to exactly one shard, each (fixture, trajectory) whole', () => {
    const parts = [1, 2, 3, 4].map((index) => plansOfShard(SUITE, { index, count: 4 }));
    expect(parts.flat().map((p) => p.key).sort()).toEqual(SUITE.map((p) => p.key).sort());
    const shardsOfUnit = new Map<string, Set<number>>();
    for (const [i, part] of parts.entries()) for (const plan of part) shardsOfUnit.set(unitOf(plan), (shardsOfUnit.get(unitOf(plan)) ?? new Set()).add(i));
    expect(shardsOfUnit.size).toBe(23);
    for (const [unit, shards] of shardsOfUnit) expect(shards.size, unit).toBe(1);
  });

  it('is the same on every machine: no randomness, input order kept within a shard', () => {
    const a = plansOfShard(SUITE, { index: 2, count: 3 }).map((p) => p.key);
    const b = plansOfShard([...SUITE], { index: 2, count: 3 }).map((p) => p.key);
    expect(a).toEqual(b);
    expect(a).toEqual(SUITE.map((p) => p.key).filter((key) => a.includes(key)));
  });

  it('balances the estimated cost (turns): no shard carries more than the largest unit above the mean', () => {
    const load = [1, 2, 3].map((index) => plansOfShard(SUITE, { index, count: 3 }).reduce((n, p) => n + p.fixture.trajectories[0]!.trajectory.turns.length, 0));
    const mean = load.reduce((a, b) => a + b, 0) / 3;
    const largestUnit = 4 * 2; // 4 turns × 2 judges
    for (const l of load) expect(Math.abs(l - mean)).toBeLessThanOrEqual(largestUnit);
  });

  it('balances recorded wall times when an earlier run gives them', () => {
    // One unit took far longer than its turns suggest: it gets a shard to itself.
    const slowKeys = SUITE.filter((p) => p.variant.trajectory === 't-0').map((p) => p.key);
    const walls = new Map(SUITE.map((p) => [p.key, slowKeys.includes(p.key) ? 100_000 : 100]));
    const costOf = recordedCost(walls, SUITE);
    const withSlow = [1, 2].map((index) => plansOfShard(SUITE, { index, count: 2 }, costOf)).find((part) => part.some((p) => slowKeys.includes(p.key)))!;
    expect(new Set(withSlow.map(unitOf))).toEqual(new Set(['fx-0/t-0']));
  });

  it('reads --shard i/n and refuses anything else', () => {
    expect(parseShardSpec('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '3', '1/0', 'a/b', '-1/2']) expect(() => parseShardSpec(bad), bad).toThrow(/--shard: expected i\/n with 1 <= i <= n/);
  });
});
