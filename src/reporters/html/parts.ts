import type { Rate } from '../../metrics/stats.js';
import type { GroupSummary } from '../../metrics/summary.js';
import { html, type SafeHtml } from './escape.js';

/** `verify`, or `replay × verify` when the run has several agents. */
export function groupLabel(g: Pick<GroupSummary, 'agent' | 'judge'>, multiAgent: boolean): string {
  return multiAgent ? `${g.agent} × ${g.judge}` : g.judge;
}

export function hasManyAgents(summary: readonly GroupSummary[]): boolean {
  return new Set(summary.map((g) => g.agent)).size > 1;
}

/** Green at 0, yellow in the middle, red at 1: the colour of a bad-outcome rate. */
export function rateColour(value: number): string {
  const v = Math.min(1, Math.max(0, value));
  const hue = v < 0.5 ? 130 - (130 - 55) * (v / 0.5) : 55 - 55 * ((v - 0.5) / 0.5);
  const sat = v < 0.5 ? 55 + 30 * (v / 0.5) : 85 - 10 * ((v - 0.5) / 0.5);
  const light = v < 0.5 ? 78 - 3 * (v / 0.5) : 75 - 3 * ((v - 0.5) / 0.5);
  return `hsl(${hue.toFixed(0)} ${sat.toFixed(0)}% ${light.toFixed(0)}%)`;
}

/** A rate cell: value, counts, 95% interval clustered by fixture, and a small bar drawing the interval on 0..1. */
export function rateCell(rate: Rate): SafeHtml {
  if (rate.value === null || rate.low === null || rate.high === null) {
    return html`<td class="rate" title="no episodes in the denominator">n/a <small>(0/0)</small></td>`;
  }
  const w = 90;
  const x = (v: number) => (2 + v * (w - 4)).toFixed(1);
  const title = `${rate.numerator}/${rate.denominator} = ${rate.value.toFixed(3)}, 95% interval (clustered by fixture) ${rate.low.toFixed(3)} to ${rate.high.toFixed(3)}`;
  return html`<td class="rate" title="${title}">${rate.value.toFixed(2)} <small>(${rate.numerator}/${rate.denominator})</small><br><small>[${rate.low.toFixed(2)}, ${rate.high.toFixed(2)}]</small>
<svg class="interval" width="${w}" height="8" viewBox="0 0 ${w} 8" aria-hidden="true"><line x1="2" x2="${w - 2}" y1="4" y2="4" stroke="#d8dce4"/><line x1="${x(rate.low)}" x2="${x(rate.high)}" y1="4" y2="4" stroke="#2f5fb3" stroke-width="3"/><circle cx="${x(rate.value)}" cy="4" r="3" fill="#1d2330"/></svg></td>`;
}

/** A stable colour per series (judge) for the chart and its legend. */
export const PALETTE = ['#2f5fb3', '#d1495b', '#2a9d8f', '#e9a23b', '#7a4eb3', '#5c8001', '#c4458f', '#4d5b6a'];
