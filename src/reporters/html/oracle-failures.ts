import type { Checkpoint } from '../../schemas/result.js';
import { stopFailures } from '../oracle-failures.js';
import { html, type SafeHtml } from './escape.js';

/**
 * The failed oracle checks of a stop: each check by id with what it found; for a `run` check, the
 * command, its exit code, the failing tests by name and the kept end of its output.
 */
export function failedChecksBlock(c: Checkpoint): SafeHtml {
  if (c.failedChecks.length === 0) return html`<p class="note">none${c.label === 'complete' ? ' (the state was complete)' : ''}</p>`;
  const failures = stopFailures(c);
  if (!failures) {
    return html`<ul>${c.failedChecks.map((id) => html`<li><code>${id}</code></li>`)}</ul>
<p class="note">These results were written before the oracle's output was kept: rerun to see the failing tests.</p>`;
  }
  return html`<ul class="oracle-failures">${failures.map((f) => html`<li><code>${f.id}</code>: ${f.command !== undefined ? html`<code>${f.command}</code> ` : ''}${f.finding}
${f.failedTests.length ? html`<ul class="failed-tests">${f.failedTests.map((t) => html`<li>${t}</li>`)}</ul>` : ''}
${f.outputTail ? html`<pre class="output-tail">${f.outputTail}</pre>` : ''}</li>`)}</ul>`;
}

/** `hidden-edge-cases (evicts oldest, keeps recent)`: the summary line of a stop, failing tests named. */
export function failedChecksSummary(c: Checkpoint): string {
  const failures = stopFailures(c);
  if (!failures) return c.failedChecks.join(', ');
  return failures
    .map((f) => (f.failedTests.length ? `${f.id} (${f.failedTests.slice(0, 3).join(', ')}${f.failedTests.length > 3 ? `, +${f.failedTests.length - 3}` : ''})` : f.id))
    .join(', ');
}
