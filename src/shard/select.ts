import type { FixtureInfo } from '../reporters/fixture-info.js';
import { readResults } from '../runner/results-file.js';
import type { EpisodePlan } from '../runner/plan.js';
import { buildManifest, type ShardManifest } from './manifest.js';
import { type ShardSpec } from './spec.js';
import { estimatedCost, plansOfShard, recordedCost } from './split.js';

export interface ShardSelection {
  plans: EpisodePlan[];
  manifest: ShardManifest;
}

/**
 * This machine's part of the suite. With `costsFile` (an earlier run's results.jsonl, the same file
 * on every machine) the split balances recorded wall times; without it, trajectory turns.
 */
export async function selectShard(input: {
  suite: string;
  shard: ShardSpec;
  plans: readonly EpisodePlan[];
  fixtures: ReadonlyMap<string, FixtureInfo>;
  costsFile?: string | undefined;
}): Promise<ShardSelection> {
  let costOf = estimatedCost;
  if (input.costsFile) {
    const { results } = await readResults(input.costsFile, { slim: true });
    costOf = recordedCost(new Map(results.map((r) => [r.key, r.cost.wallMs])), input.plans);
  }
  const plans = plansOfShard(input.plans, input.shard, costOf);
  return { plans, manifest: buildManifest({ suite: input.suite, shard: input.shard, all: input.plans, mine: plans, fixtures: input.fixtures }) };
}
