import type { Checkpoint, EpisodeResult } from '../schemas/result.js';
import { clusteredRate } from '../stats/clustered.js';
import { rate, type Rate } from './stats.js';

/**
 * The one definition of each rate of SPEC section 5. An indicator says, for one item, whether it
 * counts in the denominator and whether it counts in the numerator; a rate is the hits among the
 * counted. Being per item, the same definition serves a run's summary and a paired comparison of two
 * runs, episode by episode.
 */
export interface Indicator<T> {
  counts(item: T): boolean;
  hit(item: T): boolean;
}

const stopped = (e: EpisodeResult) => e.status === 'done' || e.status === 'blocked';
/** The checkpoints a judge answered (a failed judgement has no decision and is no verdict). */
export const judgedCheckpoints = (e: EpisodeResult) => e.checkpoints.filter((c) => c.decision !== undefined);

/** The episode rates, by the names of the summary's fields. */
export const EPISODE_INDICATORS = {
  /** false-done / episodes that stopped `done`. */
  falseDone: { counts: (e) => e.status === 'done', hit: (e) => e.outcome === 'false-done' },
  /** Stopped incomplete while a complete state was reachable later / episodes where one was reachable. */
  prematureStop: { counts: (e) => e.reachable, hit: (e) => stopped(e) && e.finalLabel === 'incomplete' && e.reachableLater },
  /** `continue` at a complete checkpoint / episodes that reached a complete checkpoint. */
  overrun: {
    counts: (e) => judgedCheckpoints(e).some((c) => c.label === 'complete'),
    hit: (e) => judgedCheckpoints(e).some((c) => c.label === 'complete' && c.decision === 'continue'),
  },
  /** Stopped in a complete state / all episodes. */
  success: { counts: () => true, hit: (e) => stopped(e) && e.finalLabel === 'complete' },
  /** Stopped `blocked` / episodes on unsolvable fixtures. */
  blockedHonesty: { counts: (e) => !e.solvable, hit: (e) => e.status === 'blocked' },
} satisfies Record<string, Indicator<EpisodeResult>>;

/** The checkpoint rates: the verdict `done` against the oracle label `complete`, over judged checkpoints. */
export const CHECKPOINT_INDICATORS = {
  precision: { counts: (c) => c.decision === 'done', hit: (c) => c.decision === 'done' && c.label === 'complete' },
  recall: { counts: (c) => c.label === 'complete', hit: (c) => c.decision === 'done' && c.label === 'complete' },
} satisfies Record<string, Indicator<Checkpoint>>;

export type EpisodeRateName = keyof typeof EPISODE_INDICATORS;
export type CheckpointRateName = keyof typeof CHECKPOINT_INDICATORS;

/**
 * A rate over items: the hits among those that count, with its 95% interval: Wilson's, or, given
 * `clusterOf` (an item's fixture), the interval clustered by it (src/stats/clustered.ts), because
 * episodes of one fixture are not independent.
 */
export function rateOf<T>(indicator: Indicator<T>, items: Iterable<T>, clusterOf?: (item: T) => string): Rate {
  if (clusterOf) {
    const observations = [];
    for (const item of items) if (indicator.counts(item)) observations.push({ cluster: clusterOf(item), hit: indicator.hit(item) });
    return clusteredRate(observations);
  }
  let numerator = 0;
  let denominator = 0;
  for (const item of items) {
    if (!indicator.counts(item)) continue;
    denominator += 1;
    if (indicator.hit(item)) numerator += 1;
  }
  return rate(numerator, denominator);
}

/** An episode stopped right: done in a complete state, or blocked on an unsolvable fixture. */
export function isCorrectStop(episode: EpisodeResult): boolean {
  return episode.outcome === 'correct-done' || episode.outcome === 'correct-blocked';
}

/** Where one pair of yes/no results falls in the paired 2×2 table. */
export type PairCell = 'both' | 'onlyA' | 'onlyB' | 'neither';

export function pairCell(a: boolean, b: boolean): PairCell {
  return a && b ? 'both' : a ? 'onlyA' : b ? 'onlyB' : 'neither';
}

/**
 * The paired 2×2 table of two sides' yes/no results on the same items. `onlyA` and `onlyB` are the
 * discordant pairs (the flips) McNemar's test weighs.
 */
export type PairedCounts = Record<PairCell, number> & { pairs: number };

export function pairedCounts<T>(pairs: Iterable<readonly [T, T]>, yes: (item: T) => boolean): PairedCounts {
  const counts: PairedCounts = { pairs: 0, both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (const [a, b] of pairs) {
    counts.pairs += 1;
    counts[pairCell(yes(a), yes(b))] += 1;
  }
  return counts;
}
