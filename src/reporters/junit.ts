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
  return [...junitChunks(context)].join('');
}

/**
 * junit.xml in pieces of about 64 KB, so that 100,000 test cases are written without holding the
 * whole file (tens of megabytes) and every case's string at once.
 */
export function* junitChunks(context: Pick<ReportContext, 'suite' | 'results' | 'summary'>): Generator<string> {
  const { results } = context;
  const byGroup = new Map<string, EpisodeResult[]>();
  for (const e of results) {
    const key = `${e.agent}\u0000${e.judge}`;
    let episodes = byGroup.get(key);
    if (!episodes) byGroup.set(key, (episodes = []));
    episodes.push(e);
  }
  let buffer = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${x(`stopbench: ${context.suite}`)}" ${countAttributes(results)}>`;
  for (const group of context.summary) {
    const episodes = byGroup.get(`${group.agent}\u0000${group.judge}`) ?? [];
    const timestamp = episodes.reduce((first, e) => (first === '' || e.startedAt < first ? e.startedAt : first), '');
    buffer += `\n  <testsuite name="${x(`${group.agent} × ${group.judge}`)}" ${countAttributes(episodes, ' skipped="0"')} timestamp="${x(timestamp.replace(/Z$/, ''))}">`;
    for (const e of episodes) {
      buffer += `\n${renderCase(e)}`;
      if (buffer.length >= 65_536) {
        yield buffer;
        buffer = '';
      }
    }
    buffer += '\n  </testsuite>';
  }
  yield `${buffer}\n</testsuites>\n`;
}

/** The tests, failures, errors and time attributes of a list of episodes. */
function countAttributes(episodes: readonly EpisodeResult[], extra = ''): string {
  let failures = 0;
  let errors = 0;
  let time = 0;
  for (const e of episodes) {
    if (failureOf(e)) failures += 1;
    if (e.outcome === 'error') errors += 1;
    time += e.cost.wallMs;
  }
  return `tests="${episodes.length}" failures="${failures}" errors="${errors}"${extra} time="${seconds(time)}"`;
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

export const junitReporter = singleFileReporter('junit', 'junit.xml', junitChunks);
