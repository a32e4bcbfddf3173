import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../src/compare/index.js';
import { renderComparison } from '../../src/compare/render.js';
import { reportFormats } from '../../src/reporters/registry.js';
import { runSuite } from '../../src/runner/run.js';
import { answerJson, type RecordedRequest, type Reply } from '../helpers/fake-llm-server.js';
import { MINI_FIXTURES } from '../helpers/cli.js';
import { localModel, tempDir, useLocalServer } from '../helpers/llm.js';

/** The lazy trajectory's first report: a state the hidden test fails. */
const LAZY_FIRST = 'Fixed up(); the counter test passes.';

/**
 * A sampled judge that changes its mind: the first time it sees the lazy first stop it accepts it,
 * every later time (the other repeats) it sends the agent back; every other stop it accepts. Which
 * repeat gets the `done` depends on scheduling, but exactly one of three does, whatever the order.
 */
function fickleJudge(): (request: RecordedRequest) => Reply {
  let lazySeen = 0;
  return (request) => {
    const prompt = JSON.stringify(request.body.messages ?? []);
    const accept = !prompt.includes(LAZY_FIRST) || (lazySeen += 1) === 1;
    const verdict = { decision: accept ? 'done' : 'continue', feedback: accept ? 'ok' : 'run the whole suite', criteria: [{ id: 'tests', met: accept }] };
    return (answerJson(verdict) as (r: RecordedRequest) => Reply)(request);
  };
}

describe('--repeat with an LLM judge whose answers change between repeats', () => {
  const local = useLocalServer({ fallback: fickleJudge() });

  it('reports its flip rate and pass^k in summary.json, the reports and compare', async () => {
    const dir = await tempDir();
    const suiteFile = path.join(dir, 'suite.yaml');
    const outDir = path.join(dir, 'out');
    const llm = { id: 'llm', type: 'llm', provider: 'openai', ...localModel(local.server, 'openai', path.join(dir, 'cache')), temperature: 1 };
    await writeFile(suiteFile, stringify({
      name: 'repeats',
      fixtures: [MINI_FIXTURES],
      agents: [{ id: 'replay', type: 'replay', trajectories: ['diligent', 'lazy'] }],
      judges: [{ id: 'trust', type: 'trust' }, llm],
      repeat: 3,
    }));
    const { results } = await runSuite({ suiteFile, outDir, reporters: Object.values(reportFormats) });
    expect(results).toHaveLength(12);
    // diligent: 1 request × 3 repeats; lazy: turn 1 × 3, turn 2 × the 2 repeats sent back.
    expect(local.server.requests).toHaveLength(8);

    const summary = JSON.parse(await readFile(path.join(outDir, 'summary.json'), 'utf8'));
    const group = (judge: string) => summary.groups.find((g: { judge: string }) => g.judge === judge);
    const fickle = group('llm').repeats;
    expect(fickle).toMatchObject({ repeats: 3, units: 2, errors: 0 });
    expect(fickle.flip).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(fickle.outcomeFlip).toMatchObject({ numerator: 1, denominator: 2 });
    // diligent right 3 of 3, lazy 2 of 3 (one repeat stopped false-done).
    expect(fickle.passK.map((p: { passAll: number }) => p.passAll.toFixed(4))).toEqual([(5 / 6).toFixed(4), (2 / 3).toFixed(4), '0.5000']);
    expect(group('trust').repeats.flip).toMatchObject({ numerator: 0, denominator: 2 });

    const md = await readFile(path.join(outDir, 'report.md'), 'utf8');
    expect(md).toContain('## Repeats');
    expect(md).toContain('| replay | llm | 3 | 2 | 0.50 (1/2)');
    expect(md).toMatch(/\| replay \| llm \| 3 \| 2 \| 0\.50 \(1\/2\) \[[\d.]+, [\d.]+\] \| 0\.50 \(1\/2\) \[[\d.]+, [\d.]+\] \| 0\.83 \| 0\.67 \| 0\.50 \| 1\.00 \| 0 \|/);
    expect(md).toMatch(/\| replay \| trust \| 3 \| 2 \| 0\.00 \(0\/2\)/);
    const html = await readFile(path.join(outDir, 'report.html'), 'utf8');
    expect(html).toContain('id="repeats-table"');
    expect(html).toMatch(/<td class="name">llm<\/td><td>3<\/td><td>2<\/td><td class="rate" title="1\/2 = 0\.500/);
    const csv = (await readFile(path.join(outDir, 'summary.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toMatch(/,repeats,flip_rate,pass_k$/);
    expect(csv.find((l) => l.startsWith('replay,llm,'))).toMatch(/,3,0\.5000,0\.5000$/);

    const comparison = await compareResults({ base: outDir, new: outDir, baseJudge: 'trust', newJudge: 'llm' });
    const text = renderComparison(comparison, comparison.gate.checks);
    expect(text).toMatch(/ {2}flip rate {6}0\.00 \(0\/2\) \[[\d.]+, [\d.]+\] → 0\.50 \(1\/2\) \[[\d.]+, [\d.]+\]: units/);
    expect(text).toContain('  pass^k         pass^3 0.50 → pass^3 0.50');
  });
});
