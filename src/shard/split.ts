import { unitOf, type EpisodePlan } from '../runner/plan.js';
import type { ShardSpec } from './spec.js';

/**
 * What an episode is expected to cost, in arbitrary units: its turns (each turn end is a judge call
 * and an oracle label), or, when an earlier run recorded it, its wall time in milliseconds.
 */
export type CostOf = (plan: EpisodePlan) => number;

/** Turns of the replayed trajectory; a live agent's episode counts as 3 turns. */
export function estimatedCost(plan: EpisodePlan): number {
  const named = plan.fixture.trajectories.find((t) => t.name === plan.variant.trajectory);
  return named ? named.trajectory.turns.length : 3;
}

/**
 * Costs recorded by an earlier run (its episodes' wall times by key). An episode it did not record
 * costs its estimated turns at the recorded mean time per turn, so both kinds weigh alike.
 */
export function recordedCost(wallMsByKey: ReadonlyMap<string, number>, plans: readonly EpisodePlan[]): CostOf {
  let ms = 0;
  let turns = 0;
  for (const plan of plans) {
    const recorded = wallMsByKey.get(plan.key);
    if (recorded === undefined) continue;
    ms += recorded;
    turns += estimatedCost(plan);
  }
  const msPerTurn = turns > 0 ? ms / turns : 1;
  return (plan) => wallMsByKey.get(plan.key) ?? estimatedCost(plan) * msPerTurn;
}

/**
 * Assigns every unit to a shard: the costliest unit first, each to the least loaded shard (ties to the
 * lower index). Deterministic, so every machine of a matrix computes the same split from the same
 * suite without talking to the others. Returns the plans of `shard`, in plan order.
 */
export function plansOfShard(plans: readonly EpisodePlan[], shard: ShardSpec, costOf: CostOf = estimatedCost): EpisodePlan[] {
  const units = new Map<string, number>();
  for (const plan of plans) {
    const unit = unitOf(plan);
    units.set(unit, (units.get(unit) ?? 0) + costOf(plan));
  }
  const order = [...units].sort(([a, costA], [b, costB]) => costB - costA || (a < b ? -1 : a > b ? 1 : 0));
  const load = new Array<number>(shard.count).fill(0);
  const owner = new Map<string, number>();
  for (const [unit, cost] of order) {
    let least = 0;
    for (let i = 1; i < load.length; i++) if (load[i]! < load[least]!) least = i;
    owner.set(unit, least + 1);
    load[least]! += cost;
  }
  return plans.filter((plan) => owner.get(unitOf(plan)) === shard.index);
}
