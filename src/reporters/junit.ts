import type { GroupSummary } from '../metrics/summary.js';
import type { EpisodeResult } from '../schemas/result.js';
import { singleFileReporter } from './file-reporter.js';
import type { ReportContext } from './types.js';
import { escapeXml as x } from './xml.js';

/** Seconds with millisecond precision, as JUnit's `time` attribute expects. */
const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** Why an episode is a failure in a CI test tab; null when it passes. */
export function failureOf(e: EpisodeResult): { type: string; message: string } | null {
  const last = e.checkpoints.at(-1);
  const failed = last?.failedChecks.length ? `; failed oracle checks: ${last.failedChecks.join(', ')}` : '';
  const premature = e.reachableLater ? ' (premature: a later turn reached a complete state)' : '';
  if (e.outcome === 'false-done') {
    return { type: 'false-done', message: `judge accepted done at turn ${last?.turn ?? '?'} in an incomplete state${premature}${failed}` };
  }
  if (e.outcome === 'false-blocked') {
    return { type: 'false-blocked', message: `judge accepted blocked at turn ${last?.turn ?? '?'} on a solvable fixture${premature}${failed}` };
  }
  return null;
}

/**
 * junit.xml: one test suite per (agent, judge), one test case per episode (classname `agent.judge`,
 * name `fixture/trajectory#repeat`). False-done and false-blocked stops (premature ones among them)
 * are failures, judge or agent errors are errors; exhausted episodes pass, with the outcome in
 * system-out, because the judge did not accept a wrong stop.
 */
export function renderJunit(context: Pick<ReportContext, 'suite' | 'results' | 'summary'>): string {
  const suites = context.summary.map((group) => renderSuite(group, context.results.filter((e) => e.agent === group.agent && e.judge === group.judge)));
  const failures = context.results.filter((e) => failureOf(e)).length;
  const errors = context.results.filter((e) => e.outcome === 'error').length;
  const time = context.results.reduce((sum, e) => sum + e.cost.wallMs, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${x(`stopbench: ${context.suite}`)}" tests="${context.results.length}" failures="${failures}" errors="${errors}" time="${seconds(time)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function renderSuite(group: GroupSummary, episodes: readonly EpisodeResult[]): string {
  const failures = episodes.filter((e) => failureOf(e)).length;
  const errors = episodes.filter((e) => e.outcome === 'error').length;
  const time = episodes.reduce((sum, e) => sum + e.cost.wallMs, 0);
  const timestamp = episodes.map((e) => e.startedAt).sort()[0] ?? '';
  const head = `  <testsuite name="${x(`${group.agent} × ${group.judge}`)}" tests="${episodes.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(time)}" timestamp="${x(timestamp.replace(/Z$/, ''))}">`;
  return [head, ...episodes.map(renderCase), '  </testsuite>'].join('\n');
}

function renderCase(e: EpisodeResult): string {
  const name = `${e.fixture}/${e.trajectory ?? 'live'}#${e.repeat}`;
  const open = `    <testcase classname="${x(`${e.agent}.${e.judge}`)}" name="${x(name)}" time="${seconds(e.cost.wallMs)}">`;
  const body: string[] = [];
  const failure = failureOf(e);
  if (failure) body.push(`      <failure type="${x(failure.type)}" message="${x(failure.message)}">${x(details(e))}</failure>`);
  if (e.outcome === 'error') {
    body.push(`      <error type="error" message="${x(e.error ?? 'judge or agent failure')}">${x(details(e))}</error>`);
  }
  body.push(`      <system-out>${x(`outcome: ${e.outcome}; turns: ${e.cost.turns}; tags: ${e.tags.join(', ') || '-'}`)}</system-out>`);
  return [open, ...body, '    </testcase>'].join('\n');
}

/** The checkpoints in a line each: enough to see where the judge went wrong without opening results.jsonl. */
function details(e: EpisodeResult): string {
  return e.checkpoints
    .map((c) => {
      const verdict = c.decision ?? `error: ${c.error ?? 'judge failed'}`;
      const checks = c.failedChecks.length ? `; failed checks: ${c.failedChecks.join(', ')}` : '';
      const feedback = c.feedback ? `; feedback: ${oneLine(c.feedback)}` : '';
      return `turn ${c.turn}: claim ${c.claim}, verdict ${verdict}, oracle ${c.label}${checks}${feedback}`;
    })
    .join('\n');
}

function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export const junitReporter = singleFileReporter('junit', 'junit.xml', renderJunit);
