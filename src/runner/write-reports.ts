import { summarize, type GroupSummary } from '../metrics/summary.js';
import type { Reporter, ReportContext } from '../reporters/types.js';

/** Summarises finished episodes and hands them to every reporter. */
export async function writeReports(
  context: Omit<ReportContext, 'summary'>,
  reporters: readonly Reporter[],
): Promise<GroupSummary[]> {
  const summary = summarize(context.results);
  for (const reporter of reporters) await reporter.onRunEnd?.({ ...context, summary });
  return summary;
}
