import type { EpisodeResult } from '../schemas/result.js';
import { mcnemarExact } from './stats.js';

/** An episode stopped right: done in a complete state, or blocked on an unsolvable fixture. */
export function isCorrectStop(episode: EpisodeResult): boolean {
  return episode.outcome === 'correct-done' || episode.outcome === 'correct-blocked';
}

/** Episodes of two judges are the same episode when fixture, agent, trajectory and repeat agree. */
export function pairKey(episode: EpisodeResult): string {
  return JSON.stringify([episode.agent, episode.fixture, episode.trajectory, episode.repeat]);
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
  const byKey = new Map(b.map((episode) => [pairKey(episode), episode]));
  let pairs = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (const episode of a) {
    const other = byKey.get(pairKey(episode));
    if (!other) continue;
    pairs += 1;
    const goodA = isCorrectStop(episode);
    const goodB = isCorrectStop(other);
    if (goodA && !goodB) onlyA += 1;
    if (goodB && !goodA) onlyB += 1;
  }
  return { ...names, pairs, onlyA, onlyB, pValue: mcnemarExact(onlyA, onlyB) };
}

/** Every pair of judges of one run, compared on their shared episodes. */
export function compareJudges(episodes: readonly EpisodeResult[]): PairedComparison[] {
  const byJudge = new Map<string, EpisodeResult[]>();
  for (const episode of episodes) {
    const list = byJudge.get(episode.judge) ?? [];
    list.push(episode);
    byJudge.set(episode.judge, list);
  }
  const judges = [...byJudge.keys()];
  const out: PairedComparison[] = [];
  for (let i = 0; i < judges.length; i++) {
    for (let j = i + 1; j < judges.length; j++) {
      const a = judges[i]!;
      const b = judges[j]!;
      out.push(comparePaired(byJudge.get(a)!, byJudge.get(b)!, { a, b }));
    }
  }
  return out;
}
