import { GLOSSARY_INTRO, OUTCOME_GLOSSARY, RATE_GLOSSARY } from '../rate-glossary.js';
import { html, type SafeHtml } from './escape.js';

/** report.html's "What the rates mean": the same entries as report.md's (src/reporters/rate-glossary.ts). */
export function glossarySection(): SafeHtml {
  return html`<p class="note">${code(GLOSSARY_INTRO)}</p>
<table id="glossary"><thead><tr><th class="name">column</th><th class="name">meaning</th><th class="name">computed as</th></tr></thead>
<tbody>${RATE_GLOSSARY.map((e) => html`<tr><td class="name"><b>${e.terms.join(', ')}</b></td><td class="text">${code(e.reading)}</td><td class="text">${code(e.definition)}</td></tr>`)}</tbody></table>
<h3>Outcomes</h3>
<dl id="outcome-glossary">${Object.entries(OUTCOME_GLOSSARY).map(([outcome, when]) => html`<dt>${outcome}</dt><dd>${code(when)}</dd>`)}</dl>`;
}

/** The entries' `backticks` as <code>, everything escaped. */
function code(text: string): SafeHtml {
  return html`${text.split('`').map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : html`${part}`))}`;
}
