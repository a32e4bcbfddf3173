import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { LlmJudge, LlmJudgeOptionsSchema } from '../../src/judges/llm.js';
import type { JudgeContext } from '../../src/judges/types.js';
import type { ProviderName } from '../../src/llm/types.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { ROOT } from './cli.js';
import { testSandbox } from './sandbox.js';
import { FakeLlmServer } from './fake-llm-server.js';

export const PROVIDERS: readonly ProviderName[] = ['openai', 'anthropic'];

/** A model of each provider that the shipped price table prices. */
export const MODEL: Record<ProviderName, string> = { openai: 'gpt-4o-mini', anthropic: 'claude-haiku-4-5' };

export function baseURLOf(server: FakeLlmServer, provider: ProviderName): string {
  return provider === 'openai' ? server.openaiBaseURL : server.anthropicBaseURL;
}

/** Options that point a model plugin at the local server with a literal key: no network, no real key. */
export function localModel(server: FakeLlmServer, provider: ProviderName, cacheDir: string): Record<string, unknown> {
  return { model: MODEL[provider], baseURL: baseURLOf(server, provider), apiKey: 'test-key', maxRetries: 1, timeoutMs: 10_000, cacheDir };
}

/** An `llm` judge built through its options schema, as a suite would build it. */
export function llmJudge(server: FakeLlmServer, provider: ProviderName, cacheDir: string, over: Record<string, unknown> = {}): LlmJudge {
  const options = LlmJudgeOptionsSchema.parse({ provider, prompt: 'minimal', ...localModel(server, provider, cacheDir), ...over });
  return LlmJudge.create('llm', options, ROOT);
}

/** The USD the shipped price table gives, read independently of src/llm/prices.ts. */
export async function tablePrice(model: string, tokens: { input: number; output: number }): Promise<number> {
  const table = parse(await readFile(path.join(ROOT, 'benchmarks/prices.yaml'), 'utf8')) as { models: Record<string, { input: number; output: number }> };
  const price = table.models[model]!;
  return (tokens.input * price.input + tokens.output * price.output) / 1_000_000;
}

const dirs: string[] = [];

export async function tempDir(prefix = 'stopbench-llm-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A stop attempt of the mini counter fixture (shared with the command-judge tests). */
export { counterStop as counterInput } from './counter-stop.js';

export function context(temp: TempArea, over: Partial<JudgeContext> = {}): JudgeContext {
  return { signal: new AbortController().signal, temp, sandbox: testSandbox(), repeat: 0, commandTimeoutMs: 20_000, ...over };
}

/**
 * The local server and a temp area for the enclosing describe block. After each test the recorded
 * requests are cleared and every queued answer must have been used; at the end both are closed and
 * the temp dirs removed. Read `.server` and `.temp` inside tests (they are set in beforeAll).
 */
export function useLocalServer(options: Parameters<typeof FakeLlmServer.start>[0] = {}, tempPrefix?: string): { server: FakeLlmServer; temp: TempArea } {
  const local = {} as { server: FakeLlmServer; temp: TempArea };
  beforeAll(async () => {
    local.server = await FakeLlmServer.start(options);
    local.temp = await TempArea.create(tempPrefix);
  });
  afterEach(() => {
    local.server.requests.length = 0;
    expect(local.server.pending).toBe(0);
  });
  afterAll(async () => {
    await local.server.close();
    await local.temp.dispose();
    await removeTempDirs();
  });
  return local;
}
