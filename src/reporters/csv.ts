import { stringify } from 'csv-stringify/sync';
import type { GroupSummary } from '../metrics/summary.js';
import type { Rate } from '../metrics/stats.js';
import { formatValue } from './format.js';
import { singleFileReporter } from './file-reporter.js';

const value = (rate: Rate) => formatValue(rate, 4);
const usd = (n: number | null) => (n === null ? 'unknown' : n.toFixed(6));

/** The columns of SPEC section 7 first, then counts and totals that help a reader check them, then the repeat figures. */
export function summaryRows(summary: readonly GroupSummary[]): Record<string, string | number>[] {
  return summary.map((g) => ({
    agent: g.agent,
    judge: g.judge,
    episodes: g.episodes,
    false_done: g.falseDone.numerator,
    false_done_rate: value(g.falseDone),
    premature_stop: g.prematureStop.numerator,
    premature_stop_rate: value(g.prematureStop),
    overrun_rate: value(g.overrun),
    success_rate: value(g.success),
    precision: value(g.precision),
    recall: value(g.recall),
    judge_usd: usd(g.cost.judgeUsd),
    agent_usd: usd(g.cost.agentUsd),
    wall_ms: g.cost.wallMs,
    stopped_done: g.falseDone.denominator,
    reachable: g.prematureStop.denominator,
    blocked_honesty: value(g.blockedHonesty),
    correct_done: g.outcomes['correct-done'],
    correct_blocked: g.outcomes['correct-blocked'],
    false_blocked: g.outcomes['false-blocked'],
    exhausted: g.outcomes.exhausted,
    errors: g.outcomes.error,
    judge_input_tokens: g.cost.judgeInputTokens,
    judge_output_tokens: g.cost.judgeOutputTokens,
    judge_ms: g.cost.judgeMs,
    turns: g.cost.turns,
    // Repeat figures last (a later addition): n/a when no episode ran more than once.
    repeats: g.repeats?.repeats ?? 1,
    flip_rate: g.repeats ? value(g.repeats.flip) : 'n/a',
    pass_k: passAllAtMost(g),
  }));
}

/** pass^k at k = the group's repeats, four decimals; n/a without repeats or when no unit counts. */
function passAllAtMost(g: GroupSummary): string {
  const passAll = g.repeats?.passK.at(-1)?.passAll;
  return passAll === undefined || passAll === null ? 'n/a' : passAll.toFixed(4);
}

export function renderSummaryCsv(summary: readonly GroupSummary[]): string {
  return stringify(summaryRows(summary), { header: true });
}

export const csvReporter = singleFileReporter('csv', 'summary.csv', (context) => renderSummaryCsv(context.summary));
