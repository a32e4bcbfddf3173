import { singleFileReporter } from './file-reporter.js';
import type { ReportContext } from './types.js';
import { NO_EPISODES } from './empty.js';
import { GLOSSARY_TITLE } from './rate-glossary.js';
import { glossarySection } from './html/glossary.js';
import { confusionCards } from './html/confusion.js';
import { costChart } from './html/cost-chart.js';
import { html } from './html/escape.js';
import { falseStopList } from './html/false-stops.js';
import { hookNotes, hookNotesHtml } from './hook-notes.js';
import { tagHeatmap } from './html/heatmap.js';
import { renderPage, type PageSection } from './html/page.js';
import { outcomeTable, pairedTable, summaryTable } from './html/summary-table.js';
import { repeatsSection } from './html/repeats.js';

/**
 * report.html: one self-contained page (inline CSS, script and SVG; nothing fetched, so it opens
 * offline and as a CI artifact). Every text from results or fixtures goes through the escaping
 * `html` tag.
 */
export function renderHtml(context: Pick<ReportContext, 'suite' | 'results' | 'summary' | 'fixtures'>): string {
  const { suite, results, summary, fixtures } = context;
  const judges = new Set(results.map((e) => e.judge)).size;
  const sections: PageSection[] = results.length === 0 ? [{ id: 'summary', title: 'Judges side by side', body: html`<p class="note">${NO_EPISODES}</p>` }] : [
    { id: 'summary', title: 'Judges side by side', body: html`${summaryTable(summary)}<h3>Outcomes</h3>${outcomeTable(summary)}${pairedTable(results) ?? ''}` },
    { id: 'cost', title: 'False-done vs cost', body: costChart(summary) },
    { id: 'tags', title: 'False-done by tag', body: tagHeatmap(summary) },
    { id: 'confusion', title: 'Verdicts vs oracle', body: confusionCards(summary, results) },
    { id: 'stops', title: 'False stops', body: falseStopList(results, fixtures) },
    ...(hookNotes(results).length ? [{ id: 'hooks', title: 'Hook messages and failures', body: hookNotesHtml(results) }] : []),
  ];
  const repeats = repeatsSection(summary);
  if (repeats) sections.splice(1, 0, { id: 'repeats', title: 'Repeats', body: repeats });
  sections.push({ id: 'rates', title: GLOSSARY_TITLE, body: glossarySection() });
  const subtitle = `${results.length} episodes, ${judges} judge(s), ${new Set(results.map((e) => e.fixture)).size} fixture(s). Rates follow SPEC section 5; intervals are 95%, clustered by fixture (Wilson on the effective sample size).`;
  return renderPage(`stopbench report: ${suite}`, subtitle, sections);
}

export const htmlReporter = singleFileReporter('html', 'report.html', renderHtml);
