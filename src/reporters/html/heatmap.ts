import type { GroupSummary } from '../../metrics/summary.js';
import { html, type SafeHtml } from './escape.js';
import { groupLabel, hasManyAgents, rateColour } from './parts.js';

/**
 * Judge × tag false-done rate: colour and number in each cell. A cell with no episode that stopped
 * done (so no rate) is n/a, striped grey, never coloured as if it were 0.
 */
export function tagHeatmap(summary: readonly GroupSummary[]): SafeHtml {
  const tags = [...new Set(summary.flatMap((g) => Object.keys(g.byTag)))].sort();
  if (tags.length === 0) return html`<p class="note">No fixture has tags.</p>`;
  const many = hasManyAgents(summary);
  const rows = summary.map((g) => html`<tr><th class="name">${groupLabel(g, many)}</th>${tags.map((tag) => {
    const rates = g.byTag[tag];
    const r = rates?.falseDone;
    if (!rates || !r || r.value === null) {
      const why = rates ? `${tag}: ${rates.episodes} episode(s), none stopped done` : `${tag}: no episodes`;
      return html`<td class="cell na" title="${why}">n/a</td>`;
    }
    const title = `${tag}: ${r.numerator}/${r.denominator} false-done among episodes stopped done, 95% clustered by fixture [${r.low!.toFixed(2)}, ${r.high!.toFixed(2)}]; ${rates.episodes} episode(s)`;
    return html`<td class="cell" style="background:${rateColour(r.value)}" title="${title}">${r.value.toFixed(2)}<br><small>${r.numerator}/${r.denominator}</small></td>`;
  })}</tr>`);
  return html`<p class="note">False-done rate per seeded-failure tag: false-done episodes / episodes that stopped done, for fixtures with that tag. Hover a cell for its counts and interval.</p>
<div class="legend"><span>0</span><span class="ramp"></span><span>1</span><span class="na-swatch"></span><span>n/a: no episode stopped done</span></div>
<div class="scroll"><table class="heat" id="heatmap">
<thead><tr><th class="name">judge</th>${tags.map((t) => html`<th class="tag">${t}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}
