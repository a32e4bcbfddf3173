import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/runner/run.js';
import { EpisodeResultSchema } from '../../src/schemas/result.js';
import { answerText, failure } from '../helpers/fake-llm-server.js';
import { MINI_FIXTURES } from '../helpers/cli.js';
import { localModel, tempDir, useLocalServer } from '../helpers/llm.js';

/** A suite of the mini fixture's diligent trajectory (one episode per judge) and the given judges. */
async function suiteWith(judges: Array<Record<string, unknown>>): Promise<{ suiteFile: string; outDir: string }> {
  const dir = await tempDir();
  const suiteFile = path.join(dir, 'suite.yaml');
  await writeFile(suiteFile, stringify({
    name: 'llm-episodes',
    fixtures: [MINI_FIXTURES],
    agents: [{ id: 'replay', type: 'replay', trajectories: ['diligent'] }],
    judges,
  }));
  return { suiteFile, outDir: path.join(dir, 'out') };
}

describe('llm judges inside a run', () => {
  const local = useLocalServer();

  it('ends the episode as `error` when the provider keeps failing after the SDK\'s retries', async () => {
    local.server.enqueue(failure(500, { retryAfterMs: 10 }), failure(500, { retryAfterMs: 10 }));
    const judge = { id: 'llm', type: 'llm', provider: 'openai', ...localModel(local.server, 'openai', await tempDir()), maxRetries: 1 };
    const { results } = await runSuite(await suiteWith([judge]));
    expect(results).toHaveLength(1);
    const result = EpisodeResultSchema.parse(results[0]);
    expect(result).toMatchObject({ status: 'error', outcome: 'error', error: expect.stringMatching(/^judge: openai gpt-4o-mini: 500 /) });
    expect(result.checkpoints[0]).not.toHaveProperty('decision');
    expect(local.server.requests).toHaveLength(2);
  });

  it('still counts the tokens of malformed answers when the judgement fails', async () => {
    local.server.enqueue(answerText('done!', { input: 300, output: 3 }), answerText('done!!', { input: 320, output: 4 }));
    const judge = { id: 'llm', type: 'llm', provider: 'anthropic', ...localModel(local.server, 'anthropic', await tempDir()), malformedRetries: 1 };
    const { results } = await runSuite(await suiteWith([judge]));
    const [result] = results;
    expect(result).toMatchObject({ status: 'error', error: expect.stringMatching(/^judge: malformed verdict after 2 answers/) });
    expect(result!.checkpoints[0]!.usage).toMatchObject({ inputTokens: 620, outputTokens: 7 });
    expect(result!.cost).toMatchObject({ judgeInputTokens: 620, judgeOutputTokens: 7 });
    expect(result!.cost.judgeUsd).toBeCloseTo((620 * 1 + 7 * 5) / 1e6, 12);
  });

  it('skips a model judge whose key is not set, with a one-line notice, and runs the rest', async () => {
    const judge = { id: 'llm', type: 'llm', provider: 'openai', model: 'gpt-4o-mini', apiKeyEnv: 'STOPBENCH_TEST_UNSET_KEY' };
    const { results, warnings } = await runSuite(await suiteWith([{ id: 'trust', type: 'trust' }, judge]));
    expect(warnings).toEqual(['judge "llm" skipped: STOPBENCH_TEST_UNSET_KEY is not set']);
    expect(results.map((r) => r.judge)).toEqual(['trust']);
  });

  it('fails before any work when every judge was skipped', async () => {
    const judge = { id: 'llm', type: 'llm', provider: 'anthropic', model: 'claude-haiku-4-5', apiKeyEnv: 'STOPBENCH_TEST_UNSET_KEY' };
    const { suiteFile, outDir } = await suiteWith([judge]);
    await expect(runSuite({ suiteFile, outDir })).rejects.toThrow(
      `${suiteFile}: nothing left to run (judge "llm" skipped: STOPBENCH_TEST_UNSET_KEY is not set)`,
    );
  });

  it('rejects a temperature for Anthropic, whose API version no longer takes one', async () => {
    const judge = { id: 'llm', type: 'llm', provider: 'anthropic', ...localModel(local.server, 'anthropic', await tempDir()), temperature: 0.5 };
    await expect(runSuite(await suiteWith([judge]))).rejects.toThrow(/judge "llm": temperature: not accepted by the Anthropic Messages API/);
  });
});
