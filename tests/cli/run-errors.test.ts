import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_FIXTURES, ROOT, runCliAsync } from '../helpers/cli.js';
import { FakeLlmServer, ruleJudge } from '../helpers/fake-llm-server.js';
import { removeTempDirs, tempDir } from '../helpers/llm.js';

/** A port on 127.0.0.1 that nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const csvRow = async (out: string) => {
  const [header, row] = (await readFile(path.join(out, 'summary.csv'), 'utf8')).trim().split('\n').map((l) => l.split(','));
  return Object.fromEntries(header!.map((h, i) => [h, row![i]!]));
};

describe('errors are never silent (the SDK base URL variables, the errors count, exit 1)', () => {
  let dir: string;
  let suite: string;
  let server: FakeLlmServer;

  beforeAll(async () => {
    server = await FakeLlmServer.start({ fallback: ruleJudge });
    dir = await tempDir();
    // The shipped LLM suite, one judge, on the mini fixtures: it names no baseURL of its own.
    const shipped = parse(await readFile(path.join(ROOT, 'benchmarks/llm-judges.yaml'), 'utf8'));
    shipped.fixtures = [MINI_FIXTURES];
    shipped.judges = shipped.judges.filter((j: { id: string }) => j.id === 'llm-minimal').map((j: Record<string, unknown>) => ({ ...j, cache: 'off' }));
    suite = path.join(dir, 'llm.yaml');
    await writeFile(suite, stringify(shipped));
  });
  afterAll(async () => {
    await server.close();
    await removeTempDirs();
  });

  it('an llm judge pointed at a closed port through OPENAI_BASE_URL: exit 1, the count in table and summary.csv, the error last', async () => {
    const out = path.join(dir, 'closed');
    const run = await runCliAsync(['run', '--suite', suite, '--out', out, '--no-progress'], {
      OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1`,
    });
    expect(run.code).toBe(1);
    const table = run.stdout.split('\n');
    const head = table.find((l) => l.startsWith('agent'))!.split(/\s{2,}/);
    const row = table.find((l) => l.startsWith('replay'))!.split(/\s{2,}/);
    expect(row[head.indexOf('errors')]).toBe('3');
    expect((await csvRow(out)).errors).toBe('3');
    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8'));
    expect(JSON.stringify(summary)).toContain('Connection error.');
    expect(await readFile(path.join(out, 'report.md'), 'utf8')).toContain('judge llm-minimal: 3 of 3 episodes errored');
    expect(await readFile(path.join(out, 'report.html'), 'utf8')).toContain('judge llm-minimal: 3 of 3 episodes errored');
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe('judge llm-minimal: 3 of 3 episodes errored: openai gpt-4o-mini: Connection error.');
  });

  it('--max-errors allows that many errors', async () => {
    const run = await runCliAsync(['run', '--suite', suite, '--out', path.join(dir, 'allowed'), '--no-progress', '--max-errors', '3'], {
      OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1`,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('3 of 3 episodes errored');
  });

  it('reads OPENAI_BASE_URL as the SDK does when the config names no baseURL: the local server answers, no error', async () => {
    const out = path.join(dir, 'served');
    const run = await runCliAsync(['run', '--suite', suite, '--out', out, '--no-progress'], {
      OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.openaiBaseURL,
    });
    expect(run.stderr).not.toContain('errored');
    expect(run.code).toBe(0);
    expect((await csvRow(out)).errors).toBe('0');
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it('baseURLEnv still overrides OPENAI_BASE_URL', async () => {
    const run = await runCliAsync(['run', '--suite', suite, '--out', path.join(dir, 'override'), '--no-progress'], {
      OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1`, STOPBENCH_OPENAI_BASE_URL: server.openaiBaseURL,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('errored');
  });
});
