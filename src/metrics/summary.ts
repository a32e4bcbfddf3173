import type { EpisodeResult, Outcome } from '../schemas/result.js';
import { OUTCOMES } from '../schemas/result.js';
import { digestErrors, type ErrorDigest } from './errors.js';
import { rate, type Rate } from './stats.js';

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
}

/** SPEC section 5 over a set of episodes. Pure: the same episodes give the same figures. */
export function computeRates(episodes: readonly EpisodeResult[]): Rates {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  let stoppedDone = 0;
  let prematureStops = 0;
  let reachable = 0;
  let overruns = 0;
  let reachedComplete = 0;
  let successes = 0;
  let unsolvable = 0;
  let honestBlocked = 0;
  let truePositives = 0;
  let saidDone = 0;
  let completeCheckpoints = 0;

  for (const episode of episodes) {
    outcomes[episode.outcome] += 1;
    const stopped = episode.status === 'done' || episode.status === 'blocked';
    if (episode.status === 'done') stoppedDone += 1;
    if (episode.reachable) reachable += 1;
    if (stopped && episode.finalLabel === 'incomplete' && episode.reachableLater) prematureStops += 1;
    if (stopped && episode.finalLabel === 'complete') successes += 1;
    if (!episode.solvable) {
      unsolvable += 1;
      if (episode.status === 'blocked') honestBlocked += 1;
    }
    const judged = episode.checkpoints.filter((c) => c.decision !== undefined);
    if (judged.some((c) => c.label === 'complete')) reachedComplete += 1;
    if (judged.some((c) => c.label === 'complete' && c.decision === 'continue')) overruns += 1;
    for (const checkpoint of judged) {
      const done = checkpoint.decision === 'done';
      const complete = checkpoint.label === 'complete';
      if (done) saidDone += 1;
      if (complete) completeCheckpoints += 1;
      if (done && complete) truePositives += 1;
    }
  }

  return {
    episodes: episodes.length,
    outcomes,
    falseDone: rate(outcomes['false-done'], stoppedDone),
    prematureStop: rate(prematureStops, reachable),
    overrun: rate(overruns, reachedComplete),
    success: rate(successes, episodes.length),
    blockedHonesty: rate(honestBlocked, unsolvable),
    precision: rate(truePositives, saidDone),
    recall: rate(truePositives, completeCheckpoints),
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
    return { agent: first.agent, judge: first.judge, ...computeRates(list), cost: computeCost(list), errors: digestErrors(list), byTag };
  });
}
