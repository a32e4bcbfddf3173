import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/runner/run.js';
import { answerJson, callTools, FakeLlmServer, type RecordedRequest } from '../helpers/fake-llm-server.js';
import { MINI_FIXTURES } from '../helpers/cli.js';
import { localModel, MODEL, PROVIDERS, tablePrice, tempDir, useLocalServer } from '../helpers/llm.js';

const STEP = { input: 1000, output: 50 };
const FEEDBACK = 'up() must clamp to max for any bounds, not only the tested one; run the whole suite with node --test.';

/** A suite of the mini counter fixture with one LLM agent and one llm judge, both on the local server. */
async function suite(server: FakeLlmServer, provider: 'openai' | 'anthropic', agentOver: Record<string, unknown> = {}) {
  const dir = await tempDir();
  const suiteFile = path.join(dir, 'suite.yaml');
  const model = localModel(server, provider, path.join(dir, 'cache'));
  await writeFile(suiteFile, stringify({
    name: 'llm-agent',
    fixtures: [MINI_FIXTURES],
    agents: [{ id: 'live', type: `${provider}-agent`, ...model, ...agentOver }],
    judges: [{ id: 'llm', type: 'llm', provider, ...model }],
    concurrency: 1,
  }));
  return { suiteFile, outDir: path.join(dir, 'out') };
}

const text = (request: RecordedRequest) => JSON.stringify(request.body.messages);
const isJudge = (request: RecordedRequest) => Boolean(request.body.response_format || request.body.tool_choice);

describe.each(PROVIDERS)('an %s agent, live for two turns against the local server', (provider) => {
  const local = useLocalServer();

  it('edits, runs the tests, stops early, is sent back by the judge, then finishes for real', async () => {
    local.server.enqueue(
      callTools([{ name: 'list_files', args: {} }, { name: 'read_file', args: { path: 'src/counter.js' } }], STEP),
      callTools([{ name: 'edit_file', args: { path: 'src/counter.js', old: 'this.value += 1;', new: 'if (this.value < 1) this.value += 1;' } }], STEP),
      callTools([{ name: 'run_command', args: { command: 'node --test test/counter.test.js' } }], STEP),
      callTools([{ name: 'finish', args: { claim: 'done', report: 'Fixed up(); the counter test passes.' } }], STEP),
      answerJson({ decision: 'continue', feedback: FEEDBACK, criteria: [{ id: 'tests', met: false, evidence: 'one file ran' }] }, { input: 2000, output: 100 }),
      callTools([
        { name: 'edit_file', args: { path: 'src/counter.js', old: 'if (this.value < 1) this.value += 1;', new: 'this.value = Math.min(this.max, this.value + 1);' } },
        { name: 'run_command', args: { command: 'node --test' } },
      ], STEP),
      callTools([{ name: 'finish', args: { claim: 'done', report: 'up() clamps to max; node --test passes.' } }], STEP, 'All tests pass now.'),
      answerJson({ decision: 'done', feedback: 'Verified.', criteria: [{ id: 'tests', met: true, evidence: 'node --test exit 0' }] }, { input: 2500, output: 100 }),
    );
    const { results } = await runSuite(await suite(local.server, provider));
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result).toMatchObject({ agent: 'live', trajectory: null, status: 'done', outcome: 'correct-done', reachable: true });
    expect(result!.checkpoints.map((c) => [c.turn, c.decision, c.label, c.failedChecks])).toEqual([
      [1, 'continue', 'incomplete', ['hidden']],
      [2, 'done', 'complete', []],
    ]);

    // every token accounted for: six agent calls and two judge calls, priced from the table
    expect(result!.cost).toMatchObject({ agentInputTokens: 6000, agentOutputTokens: 300, judgeInputTokens: 4500, judgeOutputTokens: 200, turns: 2 });
    expect(result!.cost.agentUsd).toBeCloseTo(await tablePrice(MODEL[provider], { input: 6000, output: 300 }), 12);
    expect(result!.cost.judgeUsd).toBeCloseTo(await tablePrice(MODEL[provider], { input: 4500, output: 200 }), 12);

    const agentCalls = local.server.requests.filter((r) => !isJudge(r));
    const judgeCalls = local.server.requests.filter(isJudge);
    expect(agentCalls).toHaveLength(6);
    const tools = agentCalls[0]!.body.tools.map((t: { name?: string; function?: { name: string } }) => t.name ?? t.function?.name);
    expect(tools).toEqual(['read_file', 'list_files', 'write_file', 'edit_file', 'run_command', 'finish']);
    expect(text(agentCalls[0]!)).toContain('Make the bounded counter respect its bounds');
    expect(text(agentCalls[1]!)).toContain('test/counter.test.js'); // list_files answered
    expect(text(agentCalls[1]!)).toContain('this.value += 1;'); // read_file answered
    expect(text(agentCalls[3]!)).toContain('exit code 0'); // run_command answered
    expect(text(agentCalls[4]!)).toContain(FEEDBACK); // the judge's feedback opens turn 2
    // the judge saw the transcript as it grew: turn 1's edit and run, then turn 2's
    expect(text(judgeCalls[0]!)).toContain('[turn 1] $ node --test test/counter.test.js  (exit 0)');
    expect(text(judgeCalls[1]!)).toContain('[turn 2] $ node --test  (exit 0)');
    expect(text(judgeCalls[1]!)).toContain('All tests pass now.');
    expect(text(judgeCalls[1]!)).toContain('+    this.value = Math.min(this.max, this.value + 1);');
  });

  it('ends the episode as `error` when the step budget runs out, its tokens still counted', async () => {
    local.server.enqueue(
      callTools([{ name: 'edit_file', args: { path: 'src/counter.js', old: 'missing text', new: 'x' } }], STEP),
      callTools([{ name: 'read_file', args: { path: '../outside.txt' } }], STEP),
    );
    const { results } = await runSuite(await suite(local.server, provider, { maxSteps: 2 }));
    const [result] = results;
    expect(result).toMatchObject({ status: 'error', outcome: 'error', error: 'agent: step budget exhausted: 2 model calls used by turn 1' });
    expect(result!.cost).toMatchObject({ agentInputTokens: 2000, agentOutputTokens: 100, turns: 0 });
    // tool mistakes went back to the model as errors, not as agent failures
    expect(text(local.server.requests[1]!)).toContain('error: old text not found in the file');
  });
});
