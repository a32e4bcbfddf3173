import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ModelFailure } from '../../src/llm/failure.js';
import { answerJson, answerText, failure } from '../helpers/fake-llm-server.js';
import { context, counterInput, llmJudge, MODEL, PROVIDERS, tablePrice, tempDir, useLocalServer } from '../helpers/llm.js';

const CONTINUE = {
  decision: 'continue',
  feedback: 'Only test/counter.test.js ran; run node --test and clamp up() for any bounds.',
  criteria: [{ id: 'tests', met: false, evidence: 'only one test file ran' }],
};

describe.each(PROVIDERS)('the llm judge through the %s SDK client', (provider) => {
  const local = useLocalServer();

  it('asks for a structured verdict and returns it with the usage and price of the call', async () => {
    local.server.enqueue(answerJson(CONTINUE, { input: 1830, output: 212 }));
    const judge = llmJudge(local.server, provider, await tempDir());
    const verdict = await judge.judge(counterInput(local.temp.root), context(local.temp));

    expect(verdict).toEqual({ ...CONTINUE, usage: { inputTokens: 1830, outputTokens: 212, costUsd: expect.any(Number) } });
    expect(verdict.usage!.costUsd).toBeCloseTo(await tablePrice(MODEL[provider], { input: 1830, output: 212 }), 12);
    expect(judge.deterministic).toBe(provider === 'openai'); // Anthropic's API version always samples

    const [request] = local.server.requests;
    expect(request!.body.model).toBe(MODEL[provider]);
    const prompt = JSON.stringify(request!.body.messages);
    expect(prompt).toContain('Make the bounded counter respect its bounds');
    expect(prompt).toContain('node --test test/counter.test.js  (exit 0)');
    if (provider === 'openai') {
      expect(request!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'verdict', strict: true } });
      expect(request!.body.response_format.json_schema.schema.required).toEqual(['decision', 'feedback', 'criteria']);
      expect(request!.body.temperature).toBe(0);
    } else {
      expect(request!.body.tool_choice).toEqual({ type: 'tool', name: 'verdict' });
      expect(request!.body.tools[0]).toMatchObject({ name: 'verdict', input_schema: { type: 'object' } });
      expect(request!.body).not.toHaveProperty('temperature');
    }
  });

  it('says in the prompt what it cut to fit the evidence budget', async () => {
    local.server.enqueue(answerJson(CONTINUE), answerJson(CONTINUE));
    const long = counterInput(local.temp.root, {
      transcript: [{ turn: 1, kind: 'run', command: 'node --test', exitCode: 1, output: `${'progress\n'.repeat(2000)}not ok 1 - up stops at max\n# fail 1\n` }],
    });
    await llmJudge(local.server, provider, await tempDir(), { evidenceTokens: 200 }).judge(long, context(local.temp));
    await llmJudge(local.server, provider, await tempDir()).judge(counterInput(local.temp.root), context(local.temp));
    const [small, full] = local.server.requests.map((r) => JSON.stringify(r.body.messages));
    expect(small).toMatch(/Cut to fit the evidence budget:\\n- output of `node --test` \(turn 1\): kept the last \d+ of \d+ characters/);
    expect(small).toContain('not ok 1 - up stops at max');
    expect(full).toContain('Nothing was cut from the evidence.');
  });

  it('rides out a 429 through the SDK\'s own retry', async () => {
    local.server.enqueue(failure(429, { retryAfterMs: 10 }), answerJson({ decision: 'done', feedback: 'ok', criteria: [] }, { input: 50, output: 5 }));
    const judge = llmJudge(local.server, provider, await tempDir(), { maxRetries: 2 });
    const run = new AbortController();
    const verdict = await judge.judge(counterInput(local.temp.root), context(local.temp, { signal: run.signal }));
    expect(verdict.decision).toBe('done');
    expect(local.server.requests).toHaveLength(2);
    // the SDKs leave a listener on the signal of every attempt; the run's own signal must stay clean
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
    expect(verdict.usage).toMatchObject({ inputTokens: 50, outputTokens: 5 });
  });

  it('throws once the SDK has used up its retries on 500s', async () => {
    local.server.enqueue(failure(500, { retryAfterMs: 10 }), failure(500, { retryAfterMs: 10 }));
    const judge = llmJudge(local.server, provider, await tempDir(), { maxRetries: 1 });
    await expect(judge.judge(counterInput(local.temp.root), context(local.temp))).rejects.toThrow(new RegExp(`^${provider} ${MODEL[provider]}: 500`));
    expect(local.server.requests).toHaveLength(2);
  });

  it('sends a malformed answer back and counts the usage of every call', async () => {
    local.server.enqueue(answerText('I think it is done.', { input: 1000, output: 10 }), answerJson(CONTINUE, { input: 1100, output: 40 }));
    const judge = llmJudge(local.server, provider, await tempDir());
    const verdict = await judge.judge(counterInput(local.temp.root), context(local.temp));
    expect(verdict.decision).toBe('continue');
    expect(verdict.usage).toMatchObject({ inputTokens: 2100, outputTokens: 50 });
    expect(verdict.usage!.costUsd).toBeCloseTo(await tablePrice(MODEL[provider], { input: 2100, output: 50 }), 12);
    const retry = JSON.stringify(local.server.requests[1]!.body.messages);
    expect(retry).toContain('I think it is done.');
    expect(retry).toContain('not valid JSON');
  });

  it('fails after malformedRetries bad answers, carrying the usage it spent', async () => {
    local.server.enqueue(
      answerJson({ decision: 'maybe' }, { input: 10, output: 1 }),
      answerText('{', { input: 10, output: 1 }),
    );
    const judge = llmJudge(local.server, provider, await tempDir(), { malformedRetries: 1 });
    const error = await judge.judge(counterInput(local.temp.root), context(local.temp)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFailure);
    expect((error as ModelFailure).message).toMatch(/^malformed verdict after 2 answers: the answer is not valid JSON/);
    expect((error as ModelFailure).usage).toMatchObject({ inputTokens: 20, outputTokens: 2 });
  });
});
