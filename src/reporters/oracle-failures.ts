import type { Checkpoint, EpisodeResult, OracleFailure } from '../schemas/result.js';

/** Outcomes where the judge accepted a stop in the wrong state: the hidden checks say why it was wrong. */
const WRONG_STOPS = new Set(['false-done', 'false-blocked']);

/** One failed hidden check in words both reports use. */
export interface FailureText {
  id: string;
  /** The `run` check's command; absent for the other kinds. */
  command?: string;
  /** `exited 1; failed: 2 tests` after the command, or the check's own detail for the other kinds. */
  finding: string;
  failedTests: string[];
  outputTail: string;
}

export function failureText(f: OracleFailure): FailureText {
  if (!f.run) return { id: f.id, finding: f.detail, failedTests: [], outputTail: '' };
  const { command, exitCode, failedTests, outputTail } = f.run;
  const ended = exitCode === null ? `was stopped (${f.detail})` : exitCode === 0 ? `exited 0 (${f.detail})` : `exited ${exitCode}`;
  const tests = failedTests.length > 0 ? `; failed: ${failedTests.length === 1 ? '1 test' : `${failedTests.length} tests`}` : '; no test names recognised in its output';
  return { id: f.id, command, finding: `${ended}${tests}`, failedTests, outputTail };
}

/** The failed checks of the state a stop was accepted in; `null` for results written before they were kept. */
export function stopFailures(c: Checkpoint): FailureText[] | null {
  return c.oracleFailures ? c.oracleFailures.map(failureText) : null;
}

/** A wrong stop's state, shared by every judge that accepted it. */
export interface FailedState {
  fixture: string;
  trajectory: string;
  turn: number;
  judges: string[];
  failures: FailureText[];
}

/**
 * The states that false stops were accepted in, each once (several judges often accept the same
 * state), with what the hidden checks found. Episodes from results without oracle details are left out.
 */
export function failedStates(results: readonly EpisodeResult[]): FailedState[] {
  const byKey = new Map<string, FailedState>();
  for (const e of results) {
    const last = e.checkpoints.at(-1);
    if (!WRONG_STOPS.has(e.outcome) || !last?.oracleFailures?.length) continue;
    const key = JSON.stringify([e.agent, e.fixture, e.trajectory, e.repeat, last.turn, last.oracleFailures]);
    const known = byKey.get(key);
    if (known) {
      if (!known.judges.includes(e.judge)) known.judges.push(e.judge);
      continue;
    }
    byKey.set(key, { fixture: e.fixture, trajectory: e.trajectory ?? 'live', turn: last.turn, judges: [e.judge], failures: last.oracleFailures.map(failureText) });
  }
  return [...byKey.values()];
}

/** Lines of output report.md shows per check: it must fit a GitHub job summary; report.html shows the whole kept tail. */
const MD_TAIL_LINES = 10;
const MD_TAIL_CHARS = 900;
/** The section's own budget, so report.md stays under 64 KB however many checks fail. */
const MD_SECTION_CHARS = 32 * 1024;

/**
 * report.md's "What the hidden checks found": per wrong-stop state, the failed checks by name, the
 * failing tests by name and the end of the output, each state folded in a `<details>` block.
 */
export function markdownFailedStates(results: readonly EpisodeResult[], limit = 25): string[] {
  const states = failedStates(results);
  if (states.length === 0) return [];
  const lines = ['### What the hidden checks found', '', 'Each state a judge accepted wrongly, once: the hidden checks that failed, the tests they name, and the end of their output (report.html and results.jsonl keep 40 lines).', ''];
  let shown = 0;
  let size = 0;
  for (const s of states.slice(0, limit)) {
    const block = stateBlock(s);
    size += block.reduce((n, l) => n + l.length + 1, 0);
    if (shown > 0 && size > MD_SECTION_CHARS) break;
    lines.push(...block);
    shown += 1;
  }
  if (states.length > shown) lines.push(`… and ${states.length - shown} more states: see report.html or results.jsonl.`, '');
  return lines;
}

function stateBlock(s: FailedState): string[] {
  const ids = s.failures.map((f) => f.id).join(', ');
  const lines = [`<details><summary>${escapeHtml(`${s.fixture}/${s.trajectory}, turn ${s.turn}: ${ids} failed (accepted by ${s.judges.join(', ')})`)}</summary>`, ''];
  for (const f of s.failures) {
    lines.push(`- **${escapeHtml(f.id)}**: ${f.command !== undefined ? `${inlineCode(f.command)} ` : ''}${escapeHtml(f.finding)}`);
    for (const test of f.failedTests) lines.push(`  - ${escapeHtml(test)}`);
    if (f.outputTail) lines.push('', '  ```text', ...clip(f.outputTail).map((l) => `  ${l}`), '  ```');
  }
  lines.push('', '</details>', '');
  return lines;
}

function clip(tail: string): string[] {
  let lines = tail.split('\n').slice(-MD_TAIL_LINES);
  while (lines.length > 1 && lines.join('\n').length > MD_TAIL_CHARS) lines = lines.slice(1);
  // A fence inside the output would close the block early.
  return lines.map((l) => l.replace(/```/g, "'''").slice(0, MD_TAIL_CHARS));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code that survives backticks in the command (CommonMark: a longer fence around it). */
function inlineCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}
