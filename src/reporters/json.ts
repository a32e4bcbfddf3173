import { compareJudges } from '../metrics/paired.js';
import type { GroupSummary } from '../metrics/summary.js';
import type { EpisodeResult } from '../schemas/result.js';
import { singleFileReporter } from './file-reporter.js';

/** summary.json: every figure of the summary, with interval bounds and per-tag breakdowns. */
export function renderSummaryJson(suite: string, summary: readonly GroupSummary[], results: readonly EpisodeResult[]): string {
  const document = { suite, episodes: results.length, groups: summary, comparisons: compareJudges(results) };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export const jsonReporter = singleFileReporter('json', 'summary.json', (context) => renderSummaryJson(context.suite, context.summary, context.results));
