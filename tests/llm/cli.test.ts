import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpisodeResultSchema, type EpisodeResult } from '../../src/schemas/result.js';
import { MINI_FIXTURES, ROOT, runCliAsync, type CliRun } from '../helpers/cli.js';
import { FakeLlmServer, ruleJudge } from '../helpers/fake-llm-server.js';
import { removeTempDirs, tempDir } from '../helpers/llm.js';

const readResults = async (out: string): Promise<EpisodeResult[]> =>
  (await readFile(path.join(out, 'results.jsonl'), 'utf8')).trim().split('\n').map((l) => EpisodeResultSchema.parse(JSON.parse(l)));

const csvRows = async (out: string) => {
  const [header, ...rows] = (await readFile(path.join(out, 'summary.csv'), 'utf8')).trim().split('\n').map((l) => l.split(','));
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]!])));
};

describe('stopbench run --suite llm-judges.yaml against the local server', () => {
  let server: FakeLlmServer;
  let dir: string;
  let suite: string;
  let env: Record<string, string>;
  let first: CliRun;

  beforeAll(async () => {
    server = await FakeLlmServer.start({ fallback: ruleJudge });
    dir = await tempDir();
    // The shipped suite, on the mini fixtures, with its cache in the temp folder.
    const shipped = parse(await readFile(path.join(ROOT, 'benchmarks/llm-judges.yaml'), 'utf8'));
    shipped.fixtures = [MINI_FIXTURES];
    shipped.judges = shipped.judges.map((j: Record<string, unknown>) => ({ ...j, cacheDir: 'cache' }));
    suite = path.join(dir, 'llm-judges.yaml');
    await writeFile(suite, stringify(shipped));
    env = { STOPBENCH_OPENAI_BASE_URL: server.openaiBaseURL, OPENAI_API_KEY: 'test-key' };
    first = await runCliAsync(['run', '--suite', suite, '--out', path.join(dir, 'out1'), '--no-progress'], env);
  });
  afterAll(async () => {
    await server.close();
    await removeTempDirs();
  });

  it('compares the three templates and prints the table', () => {
    // No judge, model or error line; other warnings (no bubblewrap on this machine) may share stderr.
    expect(first.stderr.split('\n').filter((line) => /error|judge|llm|openai|skipped/i.test(line))).toEqual([]);
    expect(first.code).toBe(0);
    for (const judge of ['llm-minimal', 'llm-checklist', 'llm-skeptical']) expect(first.stdout).toMatch(new RegExp(`replay\\s+${judge}\\s+3\\s`));
    expect(server.requests).toHaveLength(9);
    expect(server.requests.map((r) => r.body.model)).toEqual(Array(9).fill('gpt-4o-mini'));
  });

  it('writes judge tokens and USD per checkpoint and in summary.csv', async () => {
    const results = await readResults(path.join(dir, 'out1'));
    expect(results).toHaveLength(9);
    for (const result of results) {
      for (const checkpoint of result.checkpoints) {
        expect(checkpoint.usage!.inputTokens).toBeGreaterThan(0);
        expect(checkpoint.usage!.costUsd).toBeCloseTo((checkpoint.usage!.inputTokens * 0.15 + checkpoint.usage!.outputTokens * 0.6) / 1e6, 12);
      }
    }
    for (const row of await csvRows(path.join(dir, 'out1'))) {
      const mine = results.filter((r) => r.judge === row.judge);
      const tokens = mine.flatMap((r) => r.checkpoints).reduce((n, c) => n + c.usage!.inputTokens, 0);
      expect(Number(row.judge_input_tokens)).toBe(tokens);
      expect(Number(row.judge_usd)).toBeGreaterThan(0);
      expect(Number(row.judge_usd)).toBeCloseTo(mine.reduce((n, r) => n + r.cost.judgeUsd!, 0), 5); // csv rounds to 6 places
    }
  });

  it('pays nothing the second time: every answer comes from the cache', async () => {
    const before = server.requests.length;
    const again = await runCliAsync(['run', '--suite', suite, '--out', path.join(dir, 'out2'), '--no-progress'], env);
    expect(again.code).toBe(0);
    expect(server.requests.length).toBe(before);
    const results = await readResults(path.join(dir, 'out2'));
    expect(results.flatMap((r) => r.checkpoints).every((c) => c.usage?.cached === true && c.usage.costUsd === 0)).toBe(true);
    expect((await csvRows(path.join(dir, 'out2'))).map((r) => r.judge_usd)).toEqual(['0.000000', '0.000000', '0.000000']);
  });

  it('reports and clears the cache with `stopbench cache`', async () => {
    const cache = path.join(dir, 'cache');
    const stats = await runCliAsync(['cache', 'stats', '--dir', cache], {});
    expect(stats.stdout).toMatch(/^9 cached answers, [\d.]+ KiB, in .*cache\n {2}openai\/gpt-4o-mini: 9\n$/);
    const clear = await runCliAsync(['cache', 'clear', '--dir', cache], {});
    expect(clear.stdout).toBe(`removed 9 cached answers from ${cache}\n`);
    expect((await runCliAsync(['cache', 'stats', '--dir', cache], {})).stdout).toMatch(/^0 cached answers/);
  });

  it('skips the judges with a one-line notice when no key is set', async () => {
    const run = await runCliAsync(['run', '--suite', suite, '--out', path.join(dir, 'out3'), '--judges', 'llm-minimal'], {
      OPENAI_API_KEY: '', STOPBENCH_OPENAI_BASE_URL: server.openaiBaseURL,
    });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')).toContain(`stopbench: ${suite}: nothing left to run (judge "llm-minimal" skipped: OPENAI_API_KEY is not set)`);
  });
});
