import { createHash } from 'node:crypto';
import type { Agent, EpisodeVariant } from '../agents/types.js';
import { InputError } from '../errors.js';
import type { Judge } from '../judges/types.js';
import type { Fixture } from '../load/fixture.js';
import type { PluginConfig } from '../schemas/suite.js';

/** One episode to run: a fixture, an agent variant, a judge, a repeat index. */
export interface EpisodePlan {
  /** Unique within a run: `agent/judge/fixture/trajectory/repeat`. */
  key: string;
  /** Changes when anything that decides the episode's result changes; `--resume` reruns on a mismatch. */
  configHash: string;
  fixture: Fixture;
  agent: Agent;
  judge: Judge;
  variant: EpisodeVariant;
  repeat: number;
}

export interface PlanInput {
  fixtures: readonly Fixture[];
  agents: readonly Agent[];
  judges: readonly Judge[];
  agentConfigs: readonly PluginConfig[];
  judgeConfigs: readonly PluginConfig[];
  repeat: number;
}

/** fixtures × agents (× their variants) × judges × repeats, in that nesting order. */
export function planEpisodes(input: PlanInput): EpisodePlan[] {
  const plans: EpisodePlan[] = [];
  for (const fixture of input.fixtures) {
    const fixtureHash = hashOf([fixture.task, fixture.oracle, fixture.trajectories.map((t) => [t.name, t.trajectory])]);
    for (const [agentIndex, agent] of input.agents.entries()) {
      for (const variant of agent.variants(fixture)) {
        for (const [judgeIndex, judge] of input.judges.entries()) {
          const configHash = hashOf([input.agentConfigs[agentIndex], input.judgeConfigs[judgeIndex], fixtureHash]);
          for (let repeat = 0; repeat < input.repeat; repeat++) {
            const key = [agent.id, judge.id, fixture.id, variant.trajectory ?? '-', repeat].join('/');
            plans.push({ key, configHash, fixture, agent, judge, variant, repeat });
          }
        }
      }
    }
  }
  return plans;
}

/**
 * The episodes that share one replay: every episode of one (fixture, trajectory), whatever its judge,
 * repeat or agent id. A shard takes a unit whole, so that no trajectory is replayed, and no turn-end
 * state labelled, on two machines. Live agents have no trajectory: their unit is the fixture.
 */
export function unitOf(plan: Pick<EpisodePlan, 'fixture' | 'variant'>): string {
  return `${plan.fixture.id}/${plan.variant.trajectory ?? '-'}`;
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value) ?? 'undefined').digest('hex').slice(0, 16);
}

/** The suite's configs with these ids (all of them without ids); an unknown id is an InputError naming the suite file. */
export function pickConfigs(configs: readonly PluginConfig[], ids: readonly string[] | undefined, kind: string, file: string): PluginConfig[] {
  if (!ids?.length) return [...configs];
  const known = configs.map((c) => c.id);
  for (const id of ids) {
    if (!known.includes(id)) throw new InputError(`${file}: no ${kind} with id "${id}" (the suite has ${known.join(', ')})`);
  }
  return configs.filter((c) => ids.includes(c.id));
}

