/** What `--repeat N` shows about one judge: how often its verdict changes between repeats. */
export interface RepeatStability {
  /** Episodes (fixture, agent, trajectory) run more than once. */
  episodes: number;
  repeats: number;
  /** Share of those whose outcome differed between repeats. */
  flipRate: number | null;
  /** Share whose every repeat ended right (correct-done or correct-blocked): pass^k with k = repeats. */
  passAll: number | null;
}

export interface RepeatObservation {
  /** The episode without its repeat index. */
  episode: string;
  outcome: string;
  correct: boolean;
}

export function repeatStability(observations: readonly RepeatObservation[]): RepeatStability {
  const byEpisode = new Map<string, RepeatObservation[]>();
  for (const o of observations) byEpisode.set(o.episode, [...(byEpisode.get(o.episode) ?? []), o]);
  const repeated = [...byEpisode.values()].filter((runs) => runs.length > 1);
  if (repeated.length === 0) return { episodes: 0, repeats: 1, flipRate: null, passAll: null };
  const flips = repeated.filter((runs) => new Set(runs.map((r) => r.outcome)).size > 1).length;
  const passes = repeated.filter((runs) => runs.every((r) => r.correct)).length;
  return {
    episodes: repeated.length,
    repeats: Math.max(...repeated.map((runs) => runs.length)),
    flipRate: flips / repeated.length,
    passAll: passes / repeated.length,
  };
}
