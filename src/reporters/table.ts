import { Chalk } from 'chalk';
import { withoutOrigin } from '../metrics/errors.js';
import type { GroupSummary } from '../metrics/summary.js';
import { formatRate, formatSeconds, formatUsd, formatValue } from './format.js';
import type { Reporter, ReportContext } from './types.js';

/** The side-by-side table printed at the end of a run. Colour follows the terminal and NO_COLOR. */
export function renderTable(summary: readonly GroupSummary[], color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const head = ['agent', 'judge', 'episodes', 'false-done', 'premature-stop', 'over-run', 'success', 'precision', 'recall', 'errors', 'judge $', 'wall'];
  const rows = summary.map((g) => [
    g.agent, g.judge, String(g.episodes), formatRate(g.falseDone), formatRate(g.prematureStop), formatRate(g.overrun),
    formatRate(g.success), formatValue(g.precision), formatValue(g.recall), String(g.errors.count), formatUsd(g.cost.judgeUsd), formatSeconds(g.cost.wallMs),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [chalk.bold(line(head)), ...rows.map((r) => line(r))].join('\n');
}

/**
 * One line per (agent, judge) whose episodes errored, so a run that could not judge never ends on a
 * clean-looking table: `judge llm-minimal: 16 of 16 episodes errored: openai gpt-4o-mini: Connection error.`
 */
export function errorLines(summary: readonly GroupSummary[]): string[] {
  const many = new Set(summary.map((g) => g.agent)).size > 1;
  return summary
    .filter((g) => g.errors.count > 0)
    .map((g) => {
      const who = many ? `agent ${g.agent} × judge ${g.judge}` : `judge ${g.judge}`;
      return `${who}: ${g.errors.count} of ${g.episodes} episodes errored: ${g.errors.messages.map(withoutOrigin).join(' | ')}`;
    });
}

export function tableReporter(stream: NodeJS.WriteStream = process.stdout): Reporter {
  const color = Boolean(stream.isTTY) && !process.env.NO_COLOR;
  return {
    name: 'table',
    onRunEnd(context: ReportContext) {
      stream.write(`\n${renderTable(context.summary, color)}\n\nResults in ${context.outDir}\n`);
    },
  };
}
