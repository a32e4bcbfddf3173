import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { cacheStats, clearCache } from '../../src/llm/cache.js';
import { answerJson } from '../helpers/fake-llm-server.js';
import { context, counterInput, llmJudge, tempDir, useLocalServer } from '../helpers/llm.js';

const DONE = { decision: 'done', feedback: 'All criteria met.', criteria: [{ id: 'tests', met: true, evidence: 'node --test passed' }] };

describe('the on-disk answer cache', () => {
  const local = useLocalServer();

  it('answers a repeated request from disk: no request, same verdict, tokens at $0, flagged cached', async () => {
    const dir = await tempDir();
    local.server.enqueue(answerJson(DONE, { input: 900, output: 30 }));
    const first = await llmJudge(local.server, 'openai', dir).judge(counterInput(local.temp.root), context(local.temp));
    const again = await llmJudge(local.server, 'openai', dir).judge(counterInput(local.temp.root), context(local.temp, { repeat: 3 }));
    expect(local.server.requests).toHaveLength(1);
    expect(first.usage).toEqual({ inputTokens: 900, outputTokens: 30, costUsd: expect.any(Number) });
    expect(first.usage!.costUsd).toBeGreaterThan(0);
    expect(again).toEqual({ ...DONE, usage: { inputTokens: 900, outputTokens: 30, costUsd: 0, cached: true } });
    // written atomically: entries only, no local.temp file left behind
    const [shard] = await readdir(dir);
    expect(await readdir(`${dir}/${shard}`)).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.json$/)]);
  });

  it('keys a different prompt, model or input apart', async () => {
    const dir = await tempDir();
    local.server.enqueue(answerJson(DONE), answerJson(DONE), answerJson(DONE));
    await llmJudge(local.server, 'openai', dir).judge(counterInput(local.temp.root), context(local.temp));
    await llmJudge(local.server, 'openai', dir, { prompt: 'skeptical' }).judge(counterInput(local.temp.root), context(local.temp));
    await llmJudge(local.server, 'openai', dir).judge(counterInput(local.temp.root, { report: 'Another report.' }), context(local.temp));
    expect(local.server.requests).toHaveLength(3);
    expect((await cacheStats(dir)).entries).toBe(3);
  });

  it('gives each repeat its own answer when sampling (temperature > 0)', async () => {
    const dir = await tempDir();
    local.server.enqueue(answerJson(DONE), answerJson(DONE));
    const judge = llmJudge(local.server, 'openai', dir, { temperature: 0.7 });
    expect(judge.deterministic).toBe(false);
    await judge.judge(counterInput(local.temp.root), context(local.temp, { repeat: 0 }));
    await judge.judge(counterInput(local.temp.root), context(local.temp, { repeat: 1 }));
    await judge.judge(counterInput(local.temp.root), context(local.temp, { repeat: 1 }));
    expect(local.server.requests).toHaveLength(2);
    expect(local.server.requests[0]!.body.temperature).toBe(0.7);
  });

  it('in read-only mode fails a miss clearly, naming the key, without a request', async () => {
    const dir = await tempDir();
    const judge = llmJudge(local.server, 'anthropic', dir, { cache: 'read-only' });
    await expect(judge.judge(counterInput(local.temp.root), context(local.temp))).rejects.toThrow(
      new RegExp(`^cache miss in read-only mode: key [0-9a-f]{64} is not in ${dir}$`),
    );
    expect(local.server.requests).toHaveLength(0);
  });

  it('in read-only mode replays what `on` recorded, and `off` neither reads nor writes', async () => {
    const dir = await tempDir();
    local.server.enqueue(answerJson(DONE), answerJson(DONE));
    await llmJudge(local.server, 'anthropic', dir).judge(counterInput(local.temp.root), context(local.temp));
    const replayed = await llmJudge(local.server, 'anthropic', dir, { cache: 'read-only' }).judge(counterInput(local.temp.root), context(local.temp));
    expect(replayed.usage).toMatchObject({ costUsd: 0, cached: true });
    const off = await llmJudge(local.server, 'anthropic', dir, { cache: 'off' }).judge(counterInput(local.temp.root), context(local.temp));
    expect(off.usage?.cached).toBeUndefined();
    expect(local.server.requests).toHaveLength(2);
    expect((await cacheStats(dir)).entries).toBe(1);
  });

  it('counts entries by model and clears only entry files', async () => {
    const dir = await tempDir();
    local.server.enqueue(answerJson(DONE), answerJson(DONE));
    await llmJudge(local.server, 'openai', dir).judge(counterInput(local.temp.root), context(local.temp));
    await llmJudge(local.server, 'anthropic', dir).judge(counterInput(local.temp.root), context(local.temp));
    const stats = await cacheStats(dir);
    expect(stats).toMatchObject({ entries: 2, byModel: { 'openai/gpt-4o-mini': 1, 'anthropic/claude-haiku-4-5': 1 } });
    expect(stats.bytes).toBeGreaterThan(0);
    expect(await clearCache(dir)).toBe(2);
    expect((await cacheStats(dir)).entries).toBe(0);
  });
});
