import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LlmAgentJudge, LlmAgentJudgeOptionsSchema } from '../../src/judges/llm-agent/judge.js';
import { ModelFailure } from '../../src/llm/failure.js';
import type { JudgeInput } from '../../src/schemas/judging.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { ROOT } from '../helpers/cli.js';
import { answerJson, answerText, callTools, FakeLlmServer, type RecordedRequest } from '../helpers/fake-llm-server.js';
import { context, counterInput, localModel, PROVIDERS, tempDir, useLocalServer } from '../helpers/llm.js';

const text = (request: RecordedRequest | undefined) => JSON.stringify(request?.body.messages ?? []);
const offered = (request: RecordedRequest | undefined) =>
  ((request?.body.tools ?? []) as Array<{ name?: string; function?: { name: string } }>).map((t) => t.function?.name ?? t.name);

const CONTINUE = {
  decision: 'continue',
  feedback: 'up() still special-cases the bound; node --test fails.',
  criteria: [{ id: 'tests', met: false, evidence: 'node --test: exit 1, "not ok 1 - up stops at max"' }],
};

async function agentJudge(server: FakeLlmServer, provider: 'openai' | 'anthropic', over: Record<string, unknown> = {}): Promise<LlmAgentJudge> {
  const options = LlmAgentJudgeOptionsSchema.parse({ provider, ...localModel(server, provider, await tempDir('stopbench-agent-judge-')), ...over });
  return LlmAgentJudge.create('agent-judge', options, ROOT);
}

/** A turn-end copy of the counter fixture where the visible test fails for the real bound. */
async function stopIn(temp: TempArea, over: Partial<JudgeInput> = {}): Promise<JudgeInput> {
  const ws = await temp.dir('agent-judge-ws');
  await mkdir(path.join(ws, 'src'), { recursive: true });
  await mkdir(path.join(ws, 'test'), { recursive: true });
  await writeFile(path.join(ws, 'src/counter.js'), 'export const up = (v, max) => (v < 1 ? v + 1 : v);\n');
  await writeFile(path.join(ws, 'test/counter.test.js'), [
    "import { test } from 'node:test';", "import assert from 'node:assert';", "import { up } from '../src/counter.js';",
    "test('up stops at max', () => assert.equal(up(3, 3), 3));", "test('up counts', () => assert.equal(up(1, 3), 2));", '',
  ].join('\n'));
  await writeFile(path.join(ws, 'package.json'), '{"type":"module"}\n');
  return counterInput(ws, { diff: { files: [{ path: 'src/counter.js', status: 'modified' }], patch: '--- a/src/counter.js\n+++ b/src/counter.js\n-old\n+new\n' }, ...over });
}

describe.each(PROVIDERS)('the llm-agent judge through the %s SDK client', (provider) => {
  const local = useLocalServer({}, 'stopbench-agent-judge-test-');

  it('gathers its own evidence (read, list, grep, diff, a verify run) and answers with the verdict schema', async () => {
    local.server.enqueue(
      callTools([{ name: 'diff', args: {} }, { name: 'read_file', args: { path: 'src/counter.js' } }, { name: 'list_files', args: {} }], { input: 800, output: 40 }),
      callTools([{ name: 'grep', args: { pattern: 'v < 1' } }, { name: 'run_verify', args: { command: 'node --test' } }], { input: 1500, output: 30 }),
      callTools([{ name: 'verdict', args: CONTINUE }], { input: 2500, output: 60 }),
    );
    const judge = await agentJudge(local.server, provider);
    const verdict = await judge.judge(await stopIn(local.temp), context(local.temp));
    expect(verdict).toEqual({ ...CONTINUE, usage: { inputTokens: 4800, outputTokens: 130, costUsd: expect.any(Number) } });
    expect(offered(local.server.requests[0])).toEqual(['read_file', 'list_files', 'grep', 'diff', 'run_verify', 'verdict']);
    const first = text(local.server.requests[0]);
    expect(first).toContain('Make the bounded counter respect its bounds');
    expect(first).toContain('Claim: done');
    expect(first).toContain('- modified src/counter.js');
    const second = text(local.server.requests[1]);
    expect(second).toContain('modified src/counter.js\\n\\n--- a/src/counter.js');
    expect(second).toContain('export const up = (v, max) => (v < 1 ? v + 1 : v);');
    expect(second).toContain('package.json\\nsrc/counter.js\\ntest/counter.test.js');
    const third = text(local.server.requests[2]);
    expect(third).toContain('src/counter.js:1: export const up');
    expect(third).toMatch(/exit code 1\\n[^"]*not ok 2 - up counts/);
  });

  it('refuses a command that is not one of the contract\'s verify commands, and a path outside the copy', async () => {
    local.server.enqueue(
      callTools([{ name: 'run_verify', args: { command: 'rm -rf src' } }, { name: 'read_file', args: { path: '../outside.txt' } }, { name: 'no_such_tool', args: {} }]),
      callTools([{ name: 'verdict', args: CONTINUE }]),
    );
    await (await agentJudge(local.server, provider)).judge(await stopIn(local.temp), context(local.temp));
    const second = text(local.server.requests[1]);
    expect(second).toContain('error: not a verify command of the contract (they are: node --test)');
    expect(second).toContain('error: unknown tool \\"no_such_tool\\"');
    expect(second).toContain('error: \\"../outside.txt\\" leaves the workspace');
  });

  it('forces an answer when the tool-call budget runs out', async () => {
    local.server.enqueue(
      callTools([{ name: 'list_files', args: {} }, { name: 'list_files', args: {} }]),
      answerJson(CONTINUE),
    );
    const verdict = await (await agentJudge(local.server, provider, { maxToolCalls: 2 })).judge(await stopIn(local.temp), context(local.temp));
    expect(verdict.decision).toBe('continue');
    const last = local.server.requests[1]!;
    expect(text(last)).toContain('The evidence budget is used up (2 tool calls');
    if (provider === 'openai') expect(last.body.response_format).toMatchObject({ json_schema: { name: 'verdict' } });
    else expect(last.body.tool_choice).toEqual({ type: 'tool', name: 'verdict' });
  });

  it('forces an answer when the token budget runs out', async () => {
    local.server.enqueue(callTools([{ name: 'diff', args: {} }], { input: 5000, output: 100 }), answerJson(CONTINUE));
    await (await agentJudge(local.server, provider, { maxJudgeTokens: 4000 })).judge(await stopIn(local.temp), context(local.temp));
    expect(text(local.server.requests[1])).toContain('The evidence budget is used up (1 tool calls, 5100 tokens)');
  });

  it('a malformed verdict is a failed judgement that keeps its tokens, never a verdict', async () => {
    local.server.enqueue(answerText('It is done.', { input: 300, output: 5 }), answerText('Really done.', { input: 320, output: 5 }));
    const verdict = (await agentJudge(local.server, provider)).judge(await stopIn(local.temp), context(local.temp));
    await expect(verdict).rejects.toThrow(ModelFailure);
    await expect(verdict).rejects.toThrow(/malformed verdict after 0 tool calls/);
    await expect(verdict).rejects.toMatchObject({ usage: { inputTokens: 620, outputTokens: 10 } });
  });

  it('answers from the cache on a repeat of the same judgement', async () => {
    const cacheDir = await tempDir('stopbench-agent-judge-cache-');
    local.server.enqueue(callTools([{ name: 'verdict', args: CONTINUE }]));
    const input = await stopIn(local.temp);
    const first = await (await agentJudge(local.server, provider, { cacheDir })).judge(input, context(local.temp));
    const again = await (await agentJudge(local.server, provider, { cacheDir })).judge(input, context(local.temp));
    expect(local.server.requests).toHaveLength(1);
    expect(again.decision).toBe(first.decision);
    expect(again.usage).toMatchObject({ costUsd: 0, cached: true });
  });
});

describe('the llm-agent judge without a key', () => {
  it('says why it cannot run, as llm does', () => {
    const options = LlmAgentJudgeOptionsSchema.parse({ provider: 'anthropic', model: 'claude-haiku-4-5', apiKeyEnv: 'STOPBENCH_TEST_UNSET_KEY' });
    expect(LlmAgentJudge.unavailable(options)).toBe('STOPBENCH_TEST_UNSET_KEY is not set');
  });
});
