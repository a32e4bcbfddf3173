import { readdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cacheStats, clearCache } from '../../src/llm/cache.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { answerJson, FakeLlmServer } from '../helpers/fake-llm-server.js';
import { context, counterInput, llmJudge, removeTempDirs, tempDir } from '../helpers/llm.js';

const DONE = { decision: 'done', feedback: 'All criteria met.', criteria: [{ id: 'tests', met: true, evidence: 'node --test passed' }] };

describe('the on-disk answer cache', () => {
  let server: FakeLlmServer;
  let temp: TempArea;
  beforeAll(async () => {
    server = await FakeLlmServer.start();
    temp = await TempArea.create();
  });
  afterEach(() => {
    server.requests.length = 0;
    expect(server.pending).toBe(0);
  });
  afterAll(async () => {
    await server.close();
    await temp.dispose();
    await removeTempDirs();
  });

  it('answers a repeated request from disk: no request, same verdict, tokens at $0, flagged cached', async () => {
    const dir = await tempDir();
    server.enqueue(answerJson(DONE, { input: 900, output: 30 }));
    const first = await llmJudge(server, 'openai', dir).judge(counterInput(temp.root), context(temp));
    const again = await llmJudge(server, 'openai', dir).judge(counterInput(temp.root), context(temp, { repeat: 3 }));
    expect(server.requests).toHaveLength(1);
    expect(first.usage).toEqual({ inputTokens: 900, outputTokens: 30, costUsd: expect.any(Number) });
    expect(first.usage!.costUsd).toBeGreaterThan(0);
    expect(again).toEqual({ ...DONE, usage: { inputTokens: 900, outputTokens: 30, costUsd: 0, cached: true } });
    // written atomically: entries only, no temp file left behind
    const [shard] = await readdir(dir);
    expect(await readdir(`${dir}/${shard}`)).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.json$/)]);
  });

  it('keys a different prompt, model or input apart', async () => {
    const dir = await tempDir();
    server.enqueue(answerJson(DONE), answerJson(DONE), answerJson(DONE));
    await llmJudge(server, 'openai', dir).judge(counterInput(temp.root), context(temp));
    await llmJudge(server, 'openai', dir, { prompt: 'skeptical' }).judge(counterInput(temp.root), context(temp));
    await llmJudge(server, 'openai', dir).judge(counterInput(temp.root, { report: 'Another report.' }), context(temp));
    expect(server.requests).toHaveLength(3);
    expect((await cacheStats(dir)).entries).toBe(3);
  });

  it('gives each repeat its own answer when sampling (temperature > 0)', async () => {
    const dir = await tempDir();
    server.enqueue(answerJson(DONE), answerJson(DONE));
    const judge = llmJudge(server, 'openai', dir, { temperature: 0.7 });
    expect(judge.deterministic).toBe(false);
    await judge.judge(counterInput(temp.root), context(temp, { repeat: 0 }));
    await judge.judge(counterInput(temp.root), context(temp, { repeat: 1 }));
    await judge.judge(counterInput(temp.root), context(temp, { repeat: 1 }));
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.body.temperature).toBe(0.7);
  });

  it('in read-only mode fails a miss clearly, naming the key, without a request', async () => {
    const dir = await tempDir();
    const judge = llmJudge(server, 'anthropic', dir, { cache: 'read-only' });
    await expect(judge.judge(counterInput(temp.root), context(temp))).rejects.toThrow(
      new RegExp(`^cache miss in read-only mode: key [0-9a-f]{64} is not in ${dir}$`),
    );
    expect(server.requests).toHaveLength(0);
  });

  it('in read-only mode replays what `on` recorded, and `off` neither reads nor writes', async () => {
    const dir = await tempDir();
    server.enqueue(answerJson(DONE), answerJson(DONE));
    await llmJudge(server, 'anthropic', dir).judge(counterInput(temp.root), context(temp));
    const replayed = await llmJudge(server, 'anthropic', dir, { cache: 'read-only' }).judge(counterInput(temp.root), context(temp));
    expect(replayed.usage).toMatchObject({ costUsd: 0, cached: true });
    const off = await llmJudge(server, 'anthropic', dir, { cache: 'off' }).judge(counterInput(temp.root), context(temp));
    expect(off.usage?.cached).toBeUndefined();
    expect(server.requests).toHaveLength(2);
    expect((await cacheStats(dir)).entries).toBe(1);
  });

  it('counts entries by model and clears only entry files', async () => {
    const dir = await tempDir();
    server.enqueue(answerJson(DONE), answerJson(DONE));
    await llmJudge(server, 'openai', dir).judge(counterInput(temp.root), context(temp));
    await llmJudge(server, 'anthropic', dir).judge(counterInput(temp.root), context(temp));
    const stats = await cacheStats(dir);
    expect(stats).toMatchObject({ entries: 2, byModel: { 'openai/gpt-4o-mini': 1, 'anthropic/claude-haiku-4-5': 1 } });
    expect(stats.bytes).toBeGreaterThan(0);
    expect(await clearCache(dir)).toBe(2);
    expect((await cacheStats(dir)).entries).toBe(0);
  });
});
