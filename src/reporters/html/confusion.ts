import type { GroupSummary } from '../../metrics/summary.js';
import type { EpisodeResult } from '../../schemas/result.js';
import { html, type SafeHtml } from './escape.js';
import { groupLabel, hasManyAgents } from './parts.js';

const DECISIONS = ['done', 'continue', 'blocked'] as const;
const LABELS = ['complete', 'incomplete'] as const;

/** Verdict × oracle label over every checkpoint a judge was asked, plus the judge's failures. */
export interface Confusion {
  counts: Record<(typeof DECISIONS)[number], Record<(typeof LABELS)[number], number>>;
  failed: number;
}

export function confusionOf(episodes: readonly EpisodeResult[]): Confusion {
  const counts = Object.fromEntries(DECISIONS.map((d) => [d, { complete: 0, incomplete: 0 }])) as Confusion['counts'];
  let failed = 0;
  for (const checkpoint of episodes.flatMap((e) => e.checkpoints)) {
    if (checkpoint.decision === undefined) failed += 1;
    else counts[checkpoint.decision][checkpoint.label] += 1;
  }
  return { counts, failed };
}

/**
 * Right and wrong cells are tinted: done at a complete state and continue at an incomplete one are
 * right; done at an incomplete state (a false done) and continue at a complete one (an over-run)
 * are wrong. Blocked is right or wrong by the fixture's solvability, so it is left plain.
 */
const TINT: Record<string, string> = { 'done/complete': 'good', 'done/incomplete': 'bad', 'continue/complete': 'bad', 'continue/incomplete': 'good' };

export function confusionCards(summary: readonly GroupSummary[], results: readonly EpisodeResult[]): SafeHtml {
  const many = hasManyAgents(summary);
  return html`<p class="note">Counts over checkpoints (every stop attempt a judge was asked), not episodes: rows are the judge's verdict, columns the hidden oracle's label of that state.</p>
<div class="cards" id="confusion-cards">${summary.map((g) => {
    const c = confusionOf(results.filter((e) => e.agent === g.agent && e.judge === g.judge));
    return html`<div class="card confusion"><h3>${groupLabel(g, many)}</h3>
<table><thead><tr><th class="name">verdict \\ oracle</th>${LABELS.map((l) => html`<th>${l}</th>`)}</tr></thead>
<tbody>${DECISIONS.map((d) => html`<tr><th class="name">${d}</th>${LABELS.map((l) => html`<td class="${TINT[`${d}/${l}`] ?? ''}">${c.counts[d][l]}</td>`)}</tr>`)}</tbody></table>
${c.failed ? html`<p class="note">${c.failed} checkpoint(s) where the judge failed (no verdict).</p>` : ''}</div>`;
  })}</div>`;
}
