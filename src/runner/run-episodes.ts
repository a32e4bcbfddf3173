import pLimit from 'p-limit';
import type { Reporter } from '../reporters/types.js';
import type { EpisodeResult } from '../schemas/result.js';
import { runEpisode, type EpisodeDeps } from './episode.js';
import { InterruptedError } from './interrupted.js';
import { unitOf, type EpisodePlan } from './plan.js';
import { ResultsWriter } from './results-file.js';

export interface RunEpisodesOptions {
  /** Every episode of the run, in report order. */
  plans: readonly EpisodePlan[];
  /** Results of plans that need no run (a resume's finished episodes); the other plans run. */
  kept?: readonly EpisodeResult[];
  /** results.jsonl: each finished episode is appended as it ends. */
  resultsFile: string;
  outDir: string;
  concurrency: number;
  reporters: readonly Reporter[];
  deps: EpisodeDeps;
}

/**
 * The episode loop of `run` and `rescore`: runs the plans `concurrency` at a time, appends each result
 * to results.jsonl as it ends and tells the reporters. An abort starts no more episodes, keeps none it
 * cut short and throws InterruptedError once the started ones have ended. The results come back in
 * plan order, whatever order the episodes finished in.
 */
export async function runEpisodes(options: RunEpisodesOptions): Promise<EpisodeResult[]> {
  const { plans, reporters, deps } = options;
  const { signal } = deps;
  const kept = options.kept ?? [];
  const done = new Set(kept.map((r) => r.key));
  const todo = startOrder(plans.filter((p) => !done.has(p.key)));
  const writer = await ResultsWriter.open(options.resultsFile);
  const results: EpisodeResult[] = [...kept];
  for (const r of reporters) r.onRunStart?.({ total: plans.length, skipped: kept.length, outDir: options.outDir });
  const limit = pLimit(options.concurrency);
  let settled: PromiseSettledResult<void>[];
  try {
    // allSettled: every started episode ends (its commands killed on abort) before the writer closes.
    settled = await Promise.allSettled(
      todo.map((plan) =>
        limit(async () => {
          if (signal.aborted) return; // interrupted: start no more episodes
          const result = await runEpisode(plan, deps).catch((error: unknown) => {
            if (signal.aborted) return null;
            throw error;
          });
          // An episode the interrupt cut short is not a result: a resume runs it again.
          if (!result || signal.aborted) return;
          await writer.append(result);
          results.push(result);
          for (const r of reporters) r.onEpisodeEnd?.(result, results.length, plans.length);
        }),
      ),
    );
  } finally {
    limit.clearQueue();
    await writer.close();
  }
  if (signal.aborted) {
    for (const r of reporters) r.onRunInterrupted?.();
    throw new InterruptedError(results.length, plans.length, options.outDir);
  }
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  const order = new Map(plans.map((p, i) => [p.key, i]));
  return results.sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
}

/**
 * The order episodes start in: the first episode of every unit (fixture, trajectory), then the second
 * of each, and so on. The episodes of a unit wait on its one replay, so in plan order (the judges of a
 * trajectory side by side) `concurrency` episodes would mostly wait on the same replay; spread out,
 * they replay different trajectories at once, and the later judges find the states ready.
 */
export function startOrder(plans: readonly EpisodePlan[]): EpisodePlan[] {
  const seen = new Map<string, number>();
  const ranked = plans.map((plan, index) => {
    const unit = unitOf(plan);
    const rank = seen.get(unit) ?? 0;
    seen.set(unit, rank + 1);
    return { plan, rank, index };
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((r) => r.plan);
}
