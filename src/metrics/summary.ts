import type { EpisodeResult, Outcome } from '../schemas/result.js';
import { OUTCOMES } from '../schemas/result.js';
import { digestErrors, type ErrorDigest } from './errors.js';
import { CHECKPOINT_INDICATORS, EPISODE_INDICATORS, judgedCheckpoints, rateOf, type CheckpointRateName, type EpisodeRateName } from './indicators.js';
import type { Rate } from './stats.js';
import { repeatSummary, type RepeatSummary } from '../stats/repeats.js';

/** The rates of SPEC section 5 over a set of episodes. */
export interface Rates {
  episodes: number;
  outcomes: Record<Outcome, number>;
  falseDone: Rate;
  prematureStop: Rate;
  overrun: Rate;
  success: Rate;
  blockedHonesty: Rate;
  precision: Rate;
  recall: Rate;
}

export interface CostTotals {
  judgeInputTokens: number;
  judgeOutputTokens: number;
  /** null when some judge call had no known price. */
  judgeUsd: number | null;
  agentInputTokens: number;
  agentOutputTokens: number;
  agentUsd: number | null;
  judgeMs: number;
  wallMs: number;
  turns: number;
  checkpoints: number;
}

/** One (agent, judge) row of the summary. */
export interface GroupSummary extends Rates {
  agent: string;
  judge: string;
  cost: CostTotals;
  /** The `error` episodes and their first distinct messages. */
  errors: ErrorDigest;
  byTag: Record<string, Rates>;
  /** Present when some episode ran more than once (`--repeat N`, N >= 2): flip rates and pass^k. */
  repeats?: RepeatSummary;
}

/** SPEC section 5 over a set of episodes, each rate as src/metrics/indicators.ts defines it. Pure. */
export function computeRates(episodes: readonly EpisodeResult[]): Rates {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const episode of episodes) outcomes[episode.outcome] += 1;
  // Every interval is clustered by fixture: a fixture's episodes (and checkpoints) share a task.
  const checkpoints = episodes.flatMap((e) => judgedCheckpoints(e).map((checkpoint) => ({ checkpoint, fixture: e.fixture })));
  const byEpisode = (name: EpisodeRateName) => rateOf(EPISODE_INDICATORS[name], episodes, (e) => e.fixture);
  const byCheckpoint = (name: CheckpointRateName) => {
    const indicator = CHECKPOINT_INDICATORS[name];
    return rateOf({ counts: (x) => indicator.counts(x.checkpoint), hit: (x) => indicator.hit(x.checkpoint) }, checkpoints, (x) => x.fixture);
  };
  return {
    episodes: episodes.length,
    outcomes,
    falseDone: byEpisode('falseDone'),
    prematureStop: byEpisode('prematureStop'),
    overrun: byEpisode('overrun'),
    success: byEpisode('success'),
    blockedHonesty: byEpisode('blockedHonesty'),
    precision: byCheckpoint('precision'),
    recall: byCheckpoint('recall'),
  };
}

export function computeCost(episodes: readonly EpisodeResult[]): CostTotals {
  const totals: CostTotals = {
    judgeInputTokens: 0, judgeOutputTokens: 0, judgeUsd: 0,
    agentInputTokens: 0, agentOutputTokens: 0, agentUsd: 0,
    judgeMs: 0, wallMs: 0, turns: 0, checkpoints: 0,
  };
  for (const { cost, checkpoints } of episodes) {
    totals.judgeInputTokens += cost.judgeInputTokens;
    totals.judgeOutputTokens += cost.judgeOutputTokens;
    totals.judgeUsd = addUsd(totals.judgeUsd, cost.judgeUsd);
    totals.agentInputTokens += cost.agentInputTokens;
    totals.agentOutputTokens += cost.agentOutputTokens;
    totals.agentUsd = addUsd(totals.agentUsd, cost.agentUsd);
    totals.judgeMs += cost.judgeMs;
    totals.wallMs += cost.wallMs;
    totals.turns += cost.turns;
    totals.checkpoints += checkpoints.length;
  }
  return totals;
}

/** Unknown stays unknown: a sum with one unknown price is unknown. */
export function addUsd(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

/** One row per (agent, judge), in the order they first appear, each with a per-tag breakdown. */
export function summarize(episodes: readonly EpisodeResult[]): GroupSummary[] {
  const groups = new Map<string, EpisodeResult[]>();
  for (const episode of episodes) {
    const key = `${episode.agent}\u0000${episode.judge}`;
    const list = groups.get(key);
    if (list) list.push(episode);
    else groups.set(key, [episode]);
  }
  return [...groups.values()].map((list) => {
    const first = list[0]!;
    const withTag = new Map<string, EpisodeResult[]>();
    for (const episode of list) {
      for (const tag of episode.tags) {
        const tagged = withTag.get(tag);
        if (tagged) tagged.push(episode);
        else withTag.set(tag, [episode]);
      }
    }
    const byTag = Object.fromEntries([...withTag.keys()].sort().map((tag) => [tag, computeRates(withTag.get(tag)!)]));
    const repeats = repeatSummary(list);
    return {
      agent: first.agent, judge: first.judge, ...computeRates(list), cost: computeCost(list), errors: digestErrors(list), byTag,
      ...(repeats ? { repeats } : {}),
    };
  });
}
