import type { Checkpoint, EpisodeResult } from '../../schemas/result.js';
import type { Contract } from '../../schemas/task.js';
import type { FixtureInfo } from '../fixture-info.js';
import { html, type SafeHtml } from './escape.js';
import { failedChecksBlock, failedChecksSummary } from './oracle-failures.js';

/** Beyond this many, the list says how many more are in results.jsonl: the page stays light. */
export const DRILL_DOWN_LIMIT = 200;

/** Episodes a reader wants to open: the judge accepted a wrong stop, or something failed. */
export function isFalseStop(e: EpisodeResult): boolean {
  return e.outcome === 'false-done' || e.outcome === 'false-blocked' || e.outcome === 'error';
}

export function falseStopList(results: readonly EpisodeResult[], fixtures: ReadonlyMap<string, FixtureInfo> | undefined): SafeHtml {
  const stops = results.filter(isFalseStop);
  if (stops.length === 0) return html`<p class="note">No false stops and no errors.</p>`;
  const judges = [...new Set(stops.map((e) => e.judge))];
  const many = new Set(results.map((e) => e.agent)).size > 1;
  // Grouped by judge (in the order the run lists them), then by episode name, so a judge's misses sit together.
  const judgeRank = new Map([...new Set(results.map((e) => e.judge))].map((judge, rank) => [judge, rank]));
  // Sort keys computed once per episode, not once per comparison: the list may hold tens of thousands.
  const keyed = stops.map((e) => ({ e, rank: judgeRank.get(e.judge) ?? 0, key: `${e.fixture}/${e.trajectory ?? ''}#${String(e.repeat).padStart(6, '0')}/${e.agent}` }));
  keyed.sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const sorted = keyed.map((k) => k.e);
  const shown = sorted.slice(0, DRILL_DOWN_LIMIT);
  return html`<p class="note">Episodes where the judge accepted a stop in the wrong state (false-done, false-blocked), and errors. Open one to see the contract, what the agent claimed and reported, the verdict's feedback and the oracle checks that failed.${fixtures ? '' : ' Contracts are not stored in results.jsonl: rebuild with `stopbench report DIR --fixtures DIR` to show them.'}</p>
<div class="controls"><label>Judge <select id="stop-filter"><option value="">all (${stops.length})</option>${judges.map((j) => html`<option value="${j}">${j} (${stops.filter((e) => e.judge === j).length})</option>`)}</select></label>
<button type="button" id="stop-toggle">Open all</button></div>
<div id="false-stops">${shown.map((e) => episodeDetails(e, fixtures?.get(e.fixture), many))}</div>
${stops.length > shown.length ? html`<p class="note">… and ${stops.length - shown.length} more in results.jsonl.</p>` : ''}`;
}

function episodeDetails(e: EpisodeResult, info: FixtureInfo | undefined, many: boolean): SafeHtml {
  const last = e.checkpoints.at(-1);
  const name = `${many ? `${e.agent}:` : ''}${e.fixture}/${e.trajectory ?? 'live'}#${e.repeat}`;
  const failed = last?.failedChecks ?? [];
  return html`<details class="stop" data-judge="${e.judge}">
<summary><span class="badge ${e.outcome}">${e.outcome}</span> <b>${e.judge}</b> · ${name}${last ? html` · turn ${last.turn}` : ''}${failed.length ? html` · failed: ${last ? failedChecksSummary(last) : ''}` : ''}</summary>
<div class="body">
<dl>
<dt>fixture</dt><dd>${e.fixture}${info ? html` — ${info.title}` : ''}</dd>
<dt>tags</dt><dd>${e.tags.join(', ') || '-'}</dd>
<dt>solvable</dt><dd>${e.solvable ? 'yes' : 'no'}${e.reachableLater ? ' · a later turn of this trajectory reached a complete state (premature stop)' : ''}</dd>
<dt>persona</dt><dd>${e.persona ?? '-'}</dd>
${e.error ? html`<dt>error</dt><dd>${e.error}</dd>` : ''}
</dl>
${info ? contractBlock(info.contract) : html`<p class="note">Contract not available (results.jsonl does not hold it).</p>`}
${last ? stopBlock(last) : ''}
${e.checkpoints.length > 1 ? timeline(e.checkpoints) : ''}
</div>
</details>
`;
}

function contractBlock(c: Contract): SafeHtml {
  return html`<h3>Contract</h3>
<dl>
<dt>goal</dt><dd>${c.goal}</dd>
${c.background ? html`<dt>background</dt><dd>${c.background}</dd>` : ''}
<dt>done when</dt><dd><ul>${c.done.map((d) => html`<li><b>${d.id}</b>: ${d.text}</li>`)}</ul></dd>
<dt>verify</dt><dd>${c.verify.map((v) => html`<code>${v}</code> `)}</dd>
${c.scope ? html`<dt>scope</dt><dd>allow ${c.scope.allow?.join(', ') ?? '-'}; deny ${c.scope.deny?.join(', ') ?? '-'}</dd>` : ''}
${c.failure ? html`<dt>on failure</dt><dd>${c.failure}</dd>` : ''}
${c.risk?.length ? html`<dt>risk</dt><dd>${c.risk.join('; ')}</dd>` : ''}
${c.delivery ? html`<dt>delivery</dt><dd>${c.delivery}</dd>` : ''}
</dl>`;
}

function stopBlock(c: Checkpoint): SafeHtml {
  return html`<h3>The stop (turn ${c.turn})</h3>
<dl><dt>claim</dt><dd>${c.claim}</dd><dt>verdict</dt><dd>${c.decision ?? html`<b>none</b> (judge failed: ${c.error ?? 'unknown'})`}</dd><dt>oracle</dt><dd>${c.label}</dd></dl>
<h3>Report</h3><pre>${c.report || '(empty)'}</pre>
<h3>Verdict feedback</h3><pre>${c.feedback || '(none)'}</pre>
${c.criteria?.length ? html`<table><thead><tr><th class="name">criterion</th><th class="name">met</th><th class="name">evidence</th></tr></thead><tbody>${c.criteria.map((k) => html`<tr><td class="name">${k.id}</td><td class="name">${k.met ? 'yes' : 'no'}</td><td class="name">${k.evidence ?? ''}</td></tr>`)}</tbody></table>` : ''}
<h3>Failed oracle checks</h3>
${failedChecksBlock(c)}`;
}

function timeline(checkpoints: readonly Checkpoint[]): SafeHtml {
  return html`<h3>Every stop attempt</h3>
<table><thead><tr><th>turn</th><th class="name">claim</th><th class="name">verdict</th><th class="name">oracle</th><th class="name">failed checks</th></tr></thead>
<tbody>${checkpoints.map((c) => html`<tr><td>${c.turn}</td><td class="name">${c.claim}</td><td class="name">${c.decision ?? 'error'}</td><td class="name">${c.label}</td><td class="name">${c.failedChecks.join(', ') || '-'}</td></tr>`)}</tbody></table>`;
}
