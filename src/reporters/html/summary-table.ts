import { compareJudges } from '../../metrics/paired.js';
import type { GroupSummary } from '../../metrics/summary.js';
import type { EpisodeResult } from '../../schemas/result.js';
import { OUTCOMES } from '../../schemas/result.js';
import { formatP, formatSeconds, formatUsd } from '../format.js';
import { html, type SafeHtml } from './escape.js';
import { rateCell } from './parts.js';
import { errorLines } from '../table.js';

/** The side-by-side table: every rate with counts and a 95% interval clustered by fixture, then cost. */
export function summaryTable(summary: readonly GroupSummary[]): SafeHtml {
  return html`<p class="note">Each rate: value (numerator/denominator) and [95% interval, clustered by fixture], drawn on 0–1 below it. Lower is better for false-done, premature-stop and over-run; higher for success, precision and recall.</p>
<div class="scroll"><table id="summary-table">
<thead><tr><th class="name">agent</th><th class="name">judge</th><th>episodes</th><th>false-done</th><th>premature-stop</th><th>over-run</th><th>success</th><th>blocked honesty</th><th>precision</th><th>recall</th><th>judge $</th><th>judge time</th><th>wall</th><th>turns</th></tr></thead>
<tbody>
${summary.map((g) => html`<tr><td class="name">${g.agent}</td><td class="name">${g.judge}</td><td>${g.episodes}</td>${rateCell(g.falseDone)}${rateCell(g.prematureStop)}${rateCell(g.overrun)}${rateCell(g.success)}${rateCell(g.blockedHonesty)}${rateCell(g.precision)}${rateCell(g.recall)}<td>${formatUsd(g.cost.judgeUsd)}</td><td>${formatSeconds(g.cost.judgeMs)}</td><td>${formatSeconds(g.cost.wallMs)}</td><td>${g.cost.turns}</td></tr>
`)}</tbody>
</table></div>`;
}

/** Outcome counts per group (SPEC section 5 names, verbatim), then the first error messages of each. */
export function outcomeTable(summary: readonly GroupSummary[]): SafeHtml {
  const errored = errorLines(summary);
  const errors = errored.length ? html`<ul id="error-list" class="errors">${errored.map((l) => html`<li>${l}</li>`)}</ul>` : html``;
  return html`${errors}<div class="scroll"><table id="outcome-table">
<thead><tr><th class="name">agent</th><th class="name">judge</th>${OUTCOMES.map((o) => html`<th>${o}</th>`)}</tr></thead>
<tbody>${summary.map((g) => html`<tr><td class="name">${g.agent}</td><td class="name">${g.judge}</td>${OUTCOMES.map((o) => html`<td>${g.outcomes[o]}</td>`)}</tr>`)}</tbody>
</table></div>`;
}

/** McNemar's exact test between every two judges of the run, on the episodes both ran. */
export function pairedTable(results: readonly EpisodeResult[]): SafeHtml | null {
  const comparisons = compareJudges(results);
  if (comparisons.length === 0) return null;
  return html`<h3>Paired comparisons</h3>
<p class="note">McNemar's exact test on whether each episode stopped right (correct-done or correct-blocked), pairing episodes by fixture, agent, trajectory and repeat.</p>
<table id="paired-table"><thead><tr><th class="name">judge A</th><th class="name">judge B</th><th>pairs</th><th>only A right</th><th>only B right</th><th>p-value</th></tr></thead>
<tbody>${comparisons.map((c) => html`<tr><td class="name">${c.a}</td><td class="name">${c.b}</td><td>${c.pairs}</td><td>${c.onlyA}</td><td>${c.onlyB}</td><td>${formatP(c.pValue)}</td></tr>`)}</tbody></table>`;
}
