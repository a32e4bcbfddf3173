import { summarize, type GroupSummary } from '../metrics/summary.js';
import type { Reporter } from '../reporters/types.js';
import type { EpisodeResult } from '../schemas/result.js';

/** Summarises finished episodes and hands them to every reporter. */
export async function writeReports(
  context: { outDir: string; suite: string; results: readonly EpisodeResult[] },
  reporters: readonly Reporter[],
): Promise<GroupSummary[]> {
  const summary = summarize(context.results);
  for (const reporter of reporters) await reporter.onRunEnd?.({ ...context, summary });
  return summary;
}
