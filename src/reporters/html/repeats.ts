import type { GroupSummary } from '../../metrics/summary.js';
import { REPEATS_NOTE, formatShare, repeatedGroups } from '../repeats-table.js';
import { html, type SafeHtml } from './escape.js';
import { rateCell } from './parts.js';

/** The Repeats table (verdict and outcome flip rates with their intervals, pass^k); null when nothing repeated. */
export function repeatsSection(summary: readonly GroupSummary[]): SafeHtml | null {
  const groups = repeatedGroups(summary);
  if (groups.length === 0) return null;
  const most = Math.max(...groups.map((g) => g.repeats.repeats));
  const ks = Array.from({ length: most }, (_, i) => i + 1);
  return html`<p class="note">${REPEATS_NOTE}</p>
<div class="scroll"><table id="repeats-table">
<thead><tr><th class="name">agent</th><th class="name">judge</th><th>repeats</th><th>units</th><th>verdict flips</th><th>outcome flips</th>${ks.map((k) => html`<th>pass^${k}</th>`)}<th>pass@${most}</th><th>errors left out</th></tr></thead>
<tbody>${groups.map(({ agent, judge, repeats: r }) => html`<tr><td class="name">${agent}</td><td class="name">${judge}</td><td>${r.repeats}</td><td>${r.units}</td>${rateCell(r.flip)}${rateCell(r.outcomeFlip)}${ks.map((k) => html`<td>${formatShare(r.passK[k - 1]?.passAll)}</td>`)}<td>${formatShare(r.passK[most - 1]?.passAny)}</td><td>${r.errors}</td></tr>`)}</tbody>
</table></div>`;
}
