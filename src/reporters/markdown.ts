import { compareJudges } from '../metrics/paired.js';
import type { GroupSummary } from '../metrics/summary.js';
import { errorLines } from './table.js';
import { hookNotesMarkdown } from './hook-notes.js';
import type { EpisodeResult } from '../schemas/result.js';
import { formatP, formatRate, formatRateWithInterval, formatSeconds, formatUsd, formatValue } from './format.js';
import { singleFileReporter } from './file-reporter.js';
import type { ReportContext } from './types.js';
import { markdownFailedStates } from './oracle-failures.js';
import { NO_EPISODES } from './empty.js';
import { markdownGlossary } from './rate-glossary.js';
import { REPEATS_NOTE, repeatsTable } from './repeats-table.js';

const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const header = (cells: readonly string[]) => [row(cells), row(cells.map(() => '---'))];

/** report.md: the comparison for people; also fit for a GitHub job summary. */
export function renderMarkdown(context: Pick<ReportContext, 'suite' | 'results' | 'summary'>): string {
  const { suite, results, summary } = context;
  const lines: string[] = [`# stopbench report: ${suite}`, '', `${results.length} episodes.`, ''];
  if (summary.length === 0) return `${[...lines, NO_EPISODES, '', ...markdownGlossary()].join('\n')}\n`;
  lines.push('## Judges side by side', '');
  lines.push('Rates with (numerator/denominator) and [95% interval, clustered by fixture: Wilson on the effective sample size n / design effect].', '');
  lines.push(...header(['agent', 'judge', 'episodes', 'false-done', 'premature-stop', 'over-run', 'success', 'precision', 'recall', 'judge $', 'wall']));
  for (const g of summary) {
    lines.push(row([
      g.agent, g.judge, g.episodes, formatRateWithInterval(g.falseDone), formatRateWithInterval(g.prematureStop),
      formatRate(g.overrun), formatRate(g.success), formatValue(g.precision), formatValue(g.recall),
      formatUsd(g.cost.judgeUsd), formatSeconds(g.cost.wallMs),
    ]));
  }
  lines.push('', '## Outcomes', '');
  lines.push(...header(['agent', 'judge', 'correct-done', 'false-done', 'correct-blocked', 'false-blocked', 'exhausted', 'error', 'blocked honesty']));
  for (const g of summary) {
    const o = g.outcomes;
    lines.push(row([g.agent, g.judge, o['correct-done'], o['false-done'], o['correct-blocked'], o['false-blocked'], o.exhausted, o.error, formatRate(g.blockedHonesty)]));
  }
  const errored = errorLines(summary);
  if (errored.length > 0) lines.push('', '## Errors', '', 'Episodes that ended `error` are counted apart and judged nothing: these rates leave them out.', '', ...errored.map((l) => `- ${l}`));
  const repeats = repeatsTable(summary);
  if (repeats) lines.push('', '## Repeats', '', REPEATS_NOTE, '', ...header(repeats.head), ...repeats.rows.map(row));
  const comparisons = compareJudges(results);
  if (comparisons.length > 0) {
    lines.push('', '## Paired comparisons', '', "McNemar's exact test on whether each episode stopped right (correct-done or correct-blocked).", '');
    lines.push(...header(['judge A', 'judge B', 'pairs', 'only A right', 'only B right', 'p-value']));
    for (const c of comparisons) lines.push(row([c.a, c.b, c.pairs, c.onlyA, c.onlyB, formatP(c.pValue)]));
  }
  lines.push(...tagMatrix(summary));
  // Collapsed: a GitHub job summary stays one screen long, the detail is one click away.
  const tagTables = summary.flatMap(tagTable);
  if (tagTables.length > 0) lines.push('<details><summary>Every rate by tag, per judge</summary>', '', ...tagTables, '</details>', '');
  lines.push(...falseStops(results));
  lines.push(...markdownFailedStates(results));
  lines.push(...hookNotesMarkdown(results));
  lines.push(...markdownGlossary());
  return `${lines.join('\n')}\n`;
}

/** One compact table, tags × judges, of the false-done rate: the per-tag view a reviewer needs first. */
function tagMatrix(summary: readonly GroupSummary[]): string[] {
  const tags = [...new Set(summary.flatMap((g) => Object.keys(g.byTag)))].sort();
  if (tags.length === 0) return [];
  const many = new Set(summary.map((g) => g.agent)).size > 1;
  const lines = ['', '## False-done by tag', '', 'False-done / episodes that stopped done, per seeded-failure tag; n/a where none stopped done.', ''];
  lines.push(...header(['tag', ...summary.map((g) => (many ? `${g.agent} × ${g.judge}` : g.judge))]));
  for (const tag of tags) lines.push(row([tag, ...summary.map((g) => (g.byTag[tag] ? formatRate(g.byTag[tag].falseDone) : 'n/a'))]));
  lines.push('');
  return lines;
}

/** Nothing for a judge none of whose episodes has a tag: no header without rows. */
function tagTable(g: GroupSummary): string[] {
  if (Object.keys(g.byTag).length === 0) return [];
  const lines = [`### ${g.agent} × ${g.judge}`, ''];
  lines.push(...header(['tag', 'episodes', 'false-done', 'premature-stop', 'over-run', 'success']));
  for (const [tag, r] of Object.entries(g.byTag)) {
    lines.push(row([tag, r.episodes, formatRate(r.falseDone), formatRate(r.prematureStop), formatRate(r.overrun), formatRate(r.success)]));
  }
  lines.push('');
  return lines;
}

/** Capped so the report fits a GitHub job summary; report.html lists them all with their details. */
function falseStops(results: readonly EpisodeResult[], limit = 25): string[] {
  const bad = results.filter((r) => r.outcome === 'false-done' || r.outcome === 'false-blocked' || r.outcome === 'error');
  if (bad.length === 0) return [];
  const lines = ['## False stops and errors', '', 'The contract, report, feedback and failed checks of each are in report.html.', ''];
  lines.push(...header(['judge', 'fixture', 'trajectory', 'outcome', 'turn', 'failed oracle checks']));
  for (const r of bad.slice(0, limit)) {
    const last = r.checkpoints.at(-1);
    const failed = r.error ? `error: ${r.error}` : (last?.failedChecks.join(', ') ?? '');
    lines.push(row([r.judge, r.fixture, r.trajectory ?? '-', r.outcome, last?.turn ?? '-', escapeCell(failed)]));
  }
  if (bad.length > limit) lines.push('', `… and ${bad.length - limit} more: see report.html or results.jsonl.`);
  lines.push('');
  return lines;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 200);
}

export const markdownReporter = singleFileReporter('md', 'report.md', renderMarkdown);
