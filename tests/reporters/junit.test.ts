import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/metrics/summary.js';
import { renderJunit } from '../../src/reporters/junit.js';
import type { EpisodeResult } from '../../src/schemas/result.js';
import { episode } from '../helpers/episodes.js';

const render = (results: EpisodeResult[]) => renderJunit({ suite: 's', results, summary: summarize(results) });

describe('renderJunit', () => {
  it('has one test case per episode; false-done and false-blocked fail, errors are errors, the rest pass', () => {
    const results = [
      episode({ status: 'done', fixture: 'ok', checkpoints: [{ label: 'complete', decision: 'done' }] }),
      episode({ status: 'done', fixture: 'fd', reachableLater: true, checkpoints: [{ label: 'incomplete', decision: 'done', failedChecks: ['hidden'] }] }),
      episode({ status: 'blocked', fixture: 'fb', checkpoints: [{ label: 'incomplete', decision: 'blocked', claim: 'blocked' }] }),
      episode({ status: 'exhausted', fixture: 'ex', checkpoints: [{ label: 'incomplete', decision: 'continue' }] }),
      { ...episode({ status: 'error', fixture: 'err' }), error: 'judge timed out' },
    ];
    const xml = render(results);
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml).toContain('<testsuites name="stopbench: s" tests="5" failures="2" errors="1"');
    expect(xml).toMatch(/<testcase classname="a\.j" name="fd\/t#0" time="0\.010">\n\s+<failure type="false-done" message="[^"]*premature[^"]*hidden"/);
    expect(xml).toMatch(/name="fb\/t#0"[^>]*>\n\s+<failure type="false-blocked"/);
    expect(xml).toMatch(/name="err\/t#0"[^>]*>\n\s+<error type="error" message="judge timed out"/);
    expect(xml).toMatch(/name="ex\/t#0"[^>]*>\n\s+<system-out>outcome: exhausted/);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    const e = episode({ status: 'done', fixture: 'a<b>&"c"', checkpoints: [{ label: 'incomplete', decision: 'done', feedback: 'ok \u001b[31mred\u001b[0m </failure>' }] });
    const xml = render([e]);
    expect(xml).toContain('name="a&lt;b&gt;&amp;&quot;c&quot;/t#0"');
    expect(xml).toContain('ok [31mred[0m &lt;/failure&gt;');
    expect(xml).not.toContain('\u001b');
  });
});
