import { isCorrectStop } from '../metrics/indicators.js';
import type { EpisodeResult } from '../schemas/result.js';
import { clusteredRate, type ClusteredRate } from './clustered.js';

/** pass^k and pass@k at one k, averaged over the units with at least k judged repeats. */
export interface PassAtK {
  k: number;
  /** Units with at least k judged (non-error) repeats: the averages are over these. */
  units: number;
  /** pass^k: the chance that k of a unit's repeats, drawn without replacement, all stopped right. null when no unit counts. */
  passAll: number | null;
  /** pass@k: the chance that at least one of k drawn repeats stopped right. null when no unit counts. */
  passAny: number | null;
}

/**
 * What `--repeat N` shows about one (agent, judge): how often its verdicts change when the same
 * episode runs again, and how often it stops right every time. A unit is one (agent, fixture,
 * trajectory): the episodes that differ only in their repeat index.
 */
export interface RepeatSummary {
  /** The most repeats of any unit (the run's `--repeat`). */
  repeats: number;
  /** Units with at least two judged (non-error) repeats: the flip rates' denominator. */
  units: number;
  /** `error` episodes: left out (they have no final verdict), counted here. */
  errors: number;
  /** Units whose judge decisions, checkpoint by checkpoint, differ between some two repeats / units. */
  flip: ClusteredRate;
  /** Units whose outcome differs between some two repeats / units (a verdict flip that changed the result). */
  outcomeFlip: ClusteredRate;
  /** k = 1 .. repeats. */
  passK: PassAtK[];
}

/**
 * The repeat figures of one (agent, judge)'s episodes, or undefined when no unit ran more than once.
 * Pure. Intervals are clustered by fixture, like every rate of the summary.
 */
export function repeatSummary(episodes: readonly EpisodeResult[]): RepeatSummary | undefined {
  const byUnit = new Map<string, EpisodeResult[]>();
  for (const e of episodes) {
    const key = `${e.agent}\u0000${e.fixture}\u0000${e.trajectory ?? ''}`;
    const list = byUnit.get(key);
    if (list) list.push(e);
    else byUnit.set(key, [e]);
  }
  const repeats = Math.max(0, ...[...byUnit.values()].map((list) => list.length));
  if (repeats < 2) return undefined;
  const judged = [...byUnit.values()].map((list) => list.filter((e) => e.status !== 'error').sort((a, b) => a.repeat - b.repeat));
  const repeated = judged.filter((list) => list.length >= 2);
  const differs = (list: readonly EpisodeResult[], of: (e: EpisodeResult) => string) => new Set(list.map(of)).size > 1;
  const flips = (of: (e: EpisodeResult) => string) =>
    clusteredRate(repeated.map((list) => ({ cluster: list[0]!.fixture, hit: differs(list, of) })));
  return {
    repeats,
    units: repeated.length,
    errors: episodes.length - judged.reduce((sum, list) => sum + list.length, 0),
    flip: flips(decisionsOf),
    outcomeFlip: flips((e) => e.outcome),
    passK: Array.from({ length: repeats }, (_, i) => passAtK(judged, i + 1)),
  };
}

/** The judge's decisions in turn order, e.g. `1:continue 2:done`: what a verdict flip compares. */
export function decisionsOf(episode: EpisodeResult): string {
  return episode.checkpoints.map((c) => `${c.turn}:${c.decision ?? '-'}`).join(' ');
}

function passAtK(units: ReadonlyArray<readonly EpisodeResult[]>, k: number): PassAtK {
  const counted = units.filter((list) => list.length >= k);
  if (counted.length === 0) return { k, units: 0, passAll: null, passAny: null };
  let all = 0;
  let any = 0;
  for (const list of counted) {
    const n = list.length;
    const right = list.filter(isCorrectStop).length;
    all += drawnAllFrom(right, n, k);
    any += 1 - drawnAllFrom(n - right, n, k);
  }
  return { k, units: counted.length, passAll: all / counted.length, passAny: any / counted.length };
}

/** C(hits, k) / C(n, k): the chance that k items drawn without replacement from n are all among `hits`. */
export function drawnAllFrom(hits: number, n: number, k: number): number {
  let p = 1;
  for (let i = 0; i < k; i++) p *= Math.max(0, hits - i) / (n - i);
  return p;
}
