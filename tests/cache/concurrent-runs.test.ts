import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpisodeResultSchema, type EpisodeResult } from '../../src/schemas/result.js';
import { MINI_FIXTURES, ROOT, runCliAsync } from '../helpers/cli.js';
import { FakeLlmServer, ruleJudge } from '../helpers/fake-llm-server.js';
import { removeTempDirs, tempDir } from '../helpers/llm.js';
import { withoutOracleOutput } from '../helpers/oracle-output.js';

/**
 * An episode without what differs between runs by design: times, and what a cache hit changes (a
 * cached model call costs $0 and is flagged `cached`).
 */
async function comparable(out: string) {
  const lines = (await readFile(path.join(out, 'results.jsonl'), 'utf8')).trim().split('\n');
  const results: EpisodeResult[] = lines.map((l) => EpisodeResultSchema.parse(JSON.parse(l)));
  return results
    .map((r) => ({
      ...r,
      startedAt: '',
      cost: { ...r.cost, judgeMs: 0, wallMs: 0, judgeUsd: 0, agentUsd: 0 },
      checkpoints: r.checkpoints.map(({ usage, ...c }) => ({ ...withoutOracleOutput(c), judgeMs: 0, tokens: usage ? [usage.inputTokens, usage.outputTokens] : null })),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** Every file under a cache folder, parsed: a torn or half-written entry fails here. */
async function readAllEntries(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    expect(entry.name).toMatch(/^[0-9a-f]{64}\.json$/); // no temp file left behind
    JSON.parse(await readFile(path.join(entry.parentPath, entry.name), 'utf8'));
    count += 1;
  }
  return count;
}

describe('two runs sharing one LLM cache and one --command-cache at the same time', () => {
  let server: FakeLlmServer;
  let dir: string;
  let env: Record<string, string>;
  // Same suite, in two folders: its LLM cache folder `cache` is relative to each suite file's folder.
  const suiteIn = async (folder: string) => {
    await mkdir(path.join(dir, folder));
    const suite = path.join(dir, folder, 'suite.yaml');
    await writeFile(suite, [
      'name: cache-race',
      `fixtures: [${JSON.stringify(MINI_FIXTURES)}]`,
      'agents: [{ id: replay, type: replay }]',
      `judges: [{ id: llm, type: llm, provider: openai, model: gpt-4o-mini, baseURLEnv: STOPBENCH_OPENAI_BASE_URL, prompt: minimal, cacheDir: cache }, { id: verify, type: verify }]`,
      'repeat: 2',
    ].join('\n'));
    return suite;
  };

  beforeAll(async () => {
    server = await FakeLlmServer.start({ fallback: ruleJudge });
    dir = await tempDir();
    env = { STOPBENCH_OPENAI_BASE_URL: server.openaiBaseURL, OPENAI_API_KEY: 'test-key' };
  });
  afterAll(async () => {
    await server.close();
    await removeTempDirs();
  });

  it('leaves both caches readable and gives the results of separate runs', async () => {
    const run = (suite: string, out: string, commands: string) =>
      runCliAsync(['run', '--suite', suite, '--out', path.join(dir, out), '--command-cache', path.join(dir, commands), '--no-progress', '--sandbox', 'none'], env);
    const alone = await run(await suiteIn('alone'), 'out-alone', 'commands-alone');
    expect(alone.code).toBe(0);

    const shared = await suiteIn('shared');
    const [a, b] = await Promise.all([run(shared, 'out-a', 'commands-shared'), run(shared, 'out-b', 'commands-shared')]);
    expect([a.code, a.stderr, b.code, b.stderr]).toEqual([0, '', 0, '']);

    const expected = await comparable(path.join(dir, 'out-alone'));
    expect(expected).toHaveLength(12);
    expect(await comparable(path.join(dir, 'out-a'))).toEqual(expected);
    expect(await comparable(path.join(dir, 'out-b'))).toEqual(expected);
    // Both caches hold whole entries only, as many as a run alone leaves.
    expect(await readAllEntries(path.join(dir, 'shared/cache'))).toBe(await readAllEntries(path.join(dir, 'alone/cache')));
    expect(await readAllEntries(path.join(dir, 'commands-shared'))).toBe(await readAllEntries(path.join(dir, 'commands-alone')));
    // And a third run reads them: every model answer comes from the shared cache.
    const requests = server.requests.length;
    expect((await run(shared, 'out-c', 'commands-shared')).code).toBe(0);
    expect(server.requests.length).toBe(requests);
    expect(await comparable(path.join(dir, 'out-c'))).toEqual(expected);
  });
});
