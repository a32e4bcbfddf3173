import { pairKey } from '../metrics/paired.js';
import type { EpisodeResult } from '../schemas/result.js';

/** One episode as BASE and NEW ran it. */
export interface EpisodePair {
  /** `fixture/trajectory#repeat`, prefixed with `agent:` when the sets hold several agents. */
  name: string;
  base: EpisodeResult;
  new: EpisodeResult;
}

export interface Pairing {
  pairs: EpisodePair[];
  /** Names of episodes only one side ran; they take no part in the comparison. */
  onlyBase: string[];
  onlyNew: string[];
}

/**
 * Pairs episodes by (fixture, agent, trajectory, repeat), the same key the run's own paired
 * comparisons use; the judge is not part of the key, so two judges of one run pair up too. In BASE's
 * order. A key seen twice on one side (a results file concatenated by hand) keeps the last line.
 */
export function pairEpisodes(base: readonly EpisodeResult[], next: readonly EpisodeResult[]): Pairing {
  const agents = new Set([...base, ...next].map((e) => e.agent));
  const name = (e: EpisodeResult) => episodeName(e, agents.size > 1);
  const baseByKey = new Map(base.map((e) => [pairKey(e), e]));
  const newByKey = new Map(next.map((e) => [pairKey(e), e]));
  const pairs: EpisodePair[] = [];
  const onlyBase: string[] = [];
  for (const [key, episode] of baseByKey) {
    const other = newByKey.get(key);
    if (other) pairs.push({ name: name(episode), base: episode, new: other });
    else onlyBase.push(name(episode));
  }
  const onlyNew = [...newByKey].filter(([key]) => !baseByKey.has(key)).map(([, e]) => name(e));
  return { pairs, onlyBase, onlyNew };
}

export function episodeName(e: EpisodeResult, withAgent = false): string {
  const name = `${e.fixture}/${e.trajectory ?? 'live'}#${e.repeat}`;
  return withAgent ? `${e.agent}:${name}` : name;
}
