import type { GroupSummary } from '../../metrics/summary.js';
import { html, type SafeHtml } from './escape.js';
import { labelWidth, stackLabels } from './chart-labels.js';
import { groupLabel, hasManyAgents, PALETTE } from './parts.js';

const W = 640;
const H = 360;
const M = { left: 60, right: 24, top: 16, bottom: 52 };

/** The x measure: judge USD, or judge wall time when USD cannot tell the judges apart. */
export interface CostAxis {
  measure: 'usd' | 'seconds';
  label: string;
  value(g: GroupSummary): number;
  format(v: number): string;
}

export function costAxis(summary: readonly GroupSummary[]): CostAxis {
  const prices = summary.map((g) => g.cost.judgeUsd);
  if (prices.every((p) => p !== null) && prices.some((p) => p! > 0)) {
    return { measure: 'usd', label: 'judge cost, USD (total over the episodes)', value: (g) => g.cost.judgeUsd!, format: (v) => `$${trim(v)}` };
  }
  const why = prices.some((p) => p === null) ? 'some judge prices are unknown' : 'every judge cost $0';
  return {
    measure: 'seconds',
    label: `judge wall time, seconds (total over the episodes; ${why})`,
    value: (g) => g.cost.judgeMs / 1000,
    format: (v) => `${trim(v)}s`,
  };
}

/** False-done rate (with its 95% interval as a whisker) against judge cost: one point per judge. */
export function costChart(summary: readonly GroupSummary[]): SafeHtml {
  const axis = costAxis(summary);
  const many = hasManyAgents(summary);
  const plotted = summary.filter((g) => g.falseDone.value !== null);
  const skipped = summary.filter((g) => g.falseDone.value === null);
  if (plotted.length === 0) return html`<p class="note">Nothing to plot: no episode stopped done, so no judge has a false-done rate.</p>`;
  const maxX = niceCeil(Math.max(0, ...plotted.map(axis.value)));
  const xTicks = ticks(maxX);
  const px = (v: number) => M.left + (maxX === 0 ? 0 : (v / maxX) * (W - M.left - M.right));
  const py = (v: number) => H - M.bottom - v * (H - M.top - M.bottom);
  const colour = (i: number) => PALETTE[i % PALETTE.length]!;

  const grid = html`${[0, 0.25, 0.5, 0.75, 1].map((t) => html`<line x1="${M.left}" x2="${W - M.right}" y1="${py(t)}" y2="${py(t)}" stroke="#eceef2"/><text x="${M.left - 8}" y="${py(t) + 4}" text-anchor="end" font-size="11" fill="#5b6475">${t.toFixed(2)}</text>`)}
${xTicks.map((t) => html`<line x1="${px(t)}" x2="${px(t)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#eceef2"/><text x="${px(t)}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11" fill="#5b6475">${axis.format(t)}</text>`)}`;
  // Labels in a column right of the plot, never on top of each other (see chart-labels.ts).
  const names = plotted.map((g) => fitLabel(groupLabel(g, many)));
  const column = stackLabels(plotted.map((g) => py(g.falseDone.value!)), M.top, H - M.bottom);
  const labelX = W - M.right + 20;
  const width = labelX + Math.max(...names.map(labelWidth));
  const height = Math.max(H, column.bottom + 10);
  const points = plotted.map((g, k) => {
    const i = summary.indexOf(g);
    const x = px(axis.value(g));
    const y = py(g.falseDone.value!);
    const tip = `${groupLabel(g, many)}: false-done ${g.falseDone.numerator}/${g.falseDone.denominator} = ${g.falseDone.value!.toFixed(3)} [${g.falseDone.low!.toFixed(3)}, ${g.falseDone.high!.toFixed(3)}]; ${axis.format(axis.value(g))}`;
    return html`<g class="point"><title>${tip}</title>
<line x1="${x}" x2="${x}" y1="${py(g.falseDone.low!)}" y2="${py(g.falseDone.high!)}" stroke="${colour(i)}" stroke-width="2" opacity="0.6"/>
<line class="leader" x1="${x + 7}" y1="${y}" x2="${labelX - 4}" y2="${column.ys[k]! - 4}" stroke="${colour(i)}" stroke-width="1" opacity="0.45"/>
<circle cx="${x}" cy="${y}" r="6" fill="${colour(i)}" stroke="#fff" stroke-width="1.5"/>
<text x="${labelX}" y="${column.ys[k]}" font-size="12" fill="#1d2330">${names[k]}</text></g>`;
  });
  return html`<p class="note">One point per judge: its false-done rate (the whisker is its 95% interval, clustered by fixture) against what it cost. Down and to the left is better.</p>
<div class="chart" id="cost-chart"><svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="false-done rate against ${axis.label}">
${grid}
<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#5b6475"/>
<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#5b6475"/>
<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle" font-size="12" fill="#1d2330">${axis.label}</text>
<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="#1d2330">false-done rate</text>
${points}
</svg></div>
${skipped.length ? html`<p class="note">Not plotted (no episode stopped done, so no false-done rate): ${skipped.map((g) => groupLabel(g, many)).join(', ')}.</p>` : ''}`;
}

/** Past this many characters a label is cut (its full name stays in the point's tooltip). */
const MAX_LABEL_CHARS = 40;

function fitLabel(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}

/** A round upper bound for the axis: 1, 2 or 5 times a power of ten. */
export function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * power >= v * 1.05) return m * power;
  return 10 * power;
}

function ticks(max: number): number[] {
  const step = max / 5;
  return [0, 1, 2, 3, 4, 5].map((i) => i * step);
}

function trim(v: number): string {
  if (v === 0) return '0';
  if (v >= 100) return v.toFixed(0);
  if (v >= 1) return v.toFixed(1).replace(/\.0$/, '');
  return v.toPrecision(2);
}
