import type { EpisodeResult } from '../schemas/result.js';
import { isCorrectStop, pairedCounts } from './indicators.js';
import { mcnemarExact } from './stats.js';

/** Episodes of two judges are the same episode when fixture, agent, trajectory and repeat agree. */
export function pairKey(episode: EpisodeResult): string {
  return `${episode.agent}\u0000${episode.fixture}\u0000${episode.trajectory ?? ''}\u0000${episode.repeat}`;
}

/** McNemar's exact test of judge A against judge B on the episodes both ran. */
export interface PairedComparison {
  a: string;
  b: string;
  pairs: number;
  /** Pairs where A stopped right and B did not. */
  onlyA: number;
  /** Pairs where B stopped right and A did not. */
  onlyB: number;
  pValue: number;
}

export function comparePaired(a: readonly EpisodeResult[], b: readonly EpisodeResult[], names: { a: string; b: string }): PairedComparison {
  return compareStops(stopsByKey(a), stopsByKey(b), names);
}

/** Whether each episode stopped right, by pair key. */
function stopsByKey(episodes: readonly EpisodeResult[]): Map<string, boolean> {
  return new Map(episodes.map((episode) => [pairKey(episode), isCorrectStop(episode)]));
}

function compareStops(a: Map<string, boolean>, b: Map<string, boolean>, names: { a: string; b: string }): PairedComparison {
  const pairs: Array<[boolean, boolean]> = [];
  for (const [key, goodA] of a) {
    const goodB = b.get(key);
    if (goodB !== undefined) pairs.push([goodA, goodB]);
  }
  const counts = pairedCounts(pairs, (good) => good);
  return { ...names, pairs: counts.pairs, onlyA: counts.onlyA, onlyB: counts.onlyB, pValue: mcnemarExact(counts.onlyA, counts.onlyB) };
}

/** The comparisons of a results list already computed: every report of a run asks for them. */
const computed = new WeakMap<readonly EpisodeResult[], PairedComparison[]>();

/** Every pair of judges of one run, compared on their shared episodes. */
export function compareJudges(episodes: readonly EpisodeResult[]): PairedComparison[] {
  let comparisons = computed.get(episodes);
  if (!comparisons) computed.set(episodes, (comparisons = computeComparisons(episodes)));
  return comparisons;
}

function computeComparisons(episodes: readonly EpisodeResult[]): PairedComparison[] {
  const byJudge = new Map<string, Map<string, boolean>>();
  for (const episode of episodes) {
    let stops = byJudge.get(episode.judge);
    if (!stops) byJudge.set(episode.judge, (stops = new Map()));
    stops.set(pairKey(episode), isCorrectStop(episode));
  }
  const judges = [...byJudge.keys()];
  const out: PairedComparison[] = [];
  for (let i = 0; i < judges.length; i++) {
    for (let j = i + 1; j < judges.length; j++) {
      const a = judges[i]!;
      const b = judges[j]!;
      out.push(compareStops(byJudge.get(a)!, byJudge.get(b)!, { a, b }));
    }
  }
  return out;
}
