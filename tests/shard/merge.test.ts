import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_FIXTURES, runCli } from '../helpers/cli.js';
import { withoutTimes } from '../helpers/results-files.js';
import { withoutOracleOutput } from '../helpers/oracle-output.js';
import type { Checkpoint } from '../../src/schemas/result.js';

interface Line { key: string; startedAt?: string; cost: { wallMs?: number; judgeMs?: number }; checkpoints: Array<Pick<Checkpoint, 'oracleFailures'> & { judgeMs?: number }> }
const recordsOf = async (dir: string): Promise<Line[]> =>
  (await readFile(path.join(dir, 'results.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Line);
const keysOf = async (dir: string) => (await recordsOf(dir)).map((r) => r.key);

/**
 * Each episode's record without its times (fields, the test runners' own `duration_ms` lines in
 * quoted feedback, and the oracle's output tails, which also name temporary paths), keyed for comparison whatever order the episodes finished in.
 */
async function timelessRecords(dir: string): Promise<Map<string, unknown>> {
  return new Map((await recordsOf(dir)).map((r) => {
    delete r.startedAt;
    delete r.cost.wallMs;
    delete r.cost.judgeMs;
    r.checkpoints = r.checkpoints.map(withoutOracleOutput);
    for (const c of r.checkpoints) delete c.judgeMs;
    return [r.key, JSON.parse(JSON.stringify(r).replace(/duration_ms:? [0-9.]+/g, 'duration_ms N')) as unknown];
  }));
}

describe('a suite run as 3 shards and merged', () => {
  let dir: string;
  let suite: string;
  const shards = [1, 2, 3].map((i) => `s${i}`);
  const at = (name: string) => path.join(dir, name);
  const run = (...args: string[]) => runCli(['run', '--suite', suite, '--no-progress', '--sandbox', 'none', ...args]);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-shards-'));
    suite = at('suite.yaml');
    const judges = '[{ id: trust, type: trust }, { id: exit-code, type: exit-code }, { id: verify, type: verify }]';
    await writeFile(suite, ['name: shards', `fixtures: [${JSON.stringify(MINI_FIXTURES)}]`, 'agents: [{ id: replay, type: replay }]', `judges: ${judges}`, 'repeat: 2'].join('\n'));
    // The same fixtures under other judges: its shards belong to another suite.
    await writeFile(at('other.yaml'), ['name: shards', `fixtures: [${JSON.stringify(MINI_FIXTURES)}]`, 'agents: [{ id: replay, type: replay }]', 'judges: [{ id: trust, type: trust }]'].join('\n'));
    expect(run('--out', at('whole')).code).toBe(0);
    for (const [i, name] of shards.entries()) expect(run('--shard', `${i + 1}/3`, '--out', at(name)).code).toBe(0);
  }, 300_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('splits without overlap and merges into the unsharded run\'s results and summary (times aside)', async () => {
    const parts = await Promise.all(shards.map((name) => keysOf(at(name))));
    for (const part of parts) expect(part.length).toBeGreaterThan(0);
    const whole = await keysOf(at('whole'));
    expect(parts.flat().sort()).toEqual([...whole].sort());

    const merged = runCli(['merge', ...shards.map(at), '--out', at('merged')]);
    expect(merged.stderr).toBe(`merged 3 shards: ${whole.length} episodes\n`);
    expect(merged.code).toBe(0);
    // Every record as the unsharded run wrote it (results.jsonl is in finish order, so compared by key),
    // and the reports in the unsharded run's plan order.
    expect((await keysOf(at('merged'))).sort()).toEqual([...whole].sort());
    expect(await timelessRecords(at('merged'))).toEqual(await timelessRecords(at('whole')));
    const rows = (text: string) => text.split('\n').filter((line) => line.startsWith('| replay'));
    expect(rows(await readFile(at('merged/report.md'), 'utf8')).map((r) => r.replace(/\d+(\.\d+)?s\b/g, 'T'))).toEqual(rows(await readFile(at('whole/report.md'), 'utf8')).map((r) => r.replace(/\d+(\.\d+)?s\b/g, 'T')));
    expect(withoutTimes(await readFile(at('merged/summary.csv'), 'utf8'))).toBe(withoutTimes(await readFile(at('whole/summary.csv'), 'utf8')));
    for (const report of ['report.md', 'report.html', 'summary.json', 'junit.xml']) await expect(readFile(at(`merged/${report}`), 'utf8')).resolves.toBeTruthy();
  });

  it('refuses a missing, doubled or foreign shard with exit 2, naming it', async () => {
    const missing = runCli(['merge', at('s1'), at('s3'), '--out', at('m-missing')]);
    expect([missing.code, missing.stderr]).toEqual([2, 'stopbench: missing shard 2/3 (given: 1/3, 3/3)\n']);

    const doubled = runCli(['merge', at('s1'), at('s2'), at('s2'), at('s3'), '--out', at('m-doubled')]);
    expect([doubled.code, doubled.stderr]).toEqual([2, `stopbench: shard 2/3 given twice: ${at('s2')} and ${at('s2')}\n`]);

    expect(runCli(['run', '--suite', at('other.yaml'), '--no-progress', '--sandbox', 'none', '--shard', '2/3', '--out', at('foreign')]).code).toBe(0);
    const foreign = runCli(['merge', at('s1'), at('foreign'), at('s3'), '--out', at('m-foreign')]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(new RegExp(`^stopbench: ${at('foreign')}: shard 2/3 of another suite or configuration \\(shards, \\w+\\) than ${at('s1')} \\(shards, \\w+\\)\\n$`));

    const unsharded = runCli(['merge', at('s1'), at('whole'), at('s3'), '--out', at('m-whole')]);
    expect([unsharded.code, unsharded.stderr]).toEqual([2, `stopbench: ${at('whole')}: no shard.json: not the results folder of a sharded run (stopbench run --shard i/n)\n`]);
  });

  it('names an unfinished shard, and --resume with the same --shard finishes it', async () => {
    const results = at('s2/results.jsonl');
    const lines = (await readFile(results, 'utf8')).trim().split('\n');
    await writeFile(results, `${lines.slice(0, -1).join('\n')}\n`);
    const refused = runCli(['merge', ...shards.map(at), '--out', at('m-unfinished')]);
    expect(refused.code).toBe(2);
    await expect(readFile(at('m-unfinished/results.jsonl'))).rejects.toThrow(); // nothing that looks like results
    expect(refused.stderr).toMatch(new RegExp(`^stopbench: ${at('s2')}: shard 2/3 is unfinished: 1 of ${lines.length} episodes missing \\(first: [^)]+\\); finish it with stopbench run \\.\\.\\. --shard 2/3 --resume ${at('s2')}\\n$`));

    const wrongShard = run('--shard', '1/3', '--resume', at('s2'));
    expect(wrongShard.code).toBe(2);
    expect(wrongShard.stderr).toMatch(/shard\.json: this folder holds shard 2\/3 of suite shards \(\w+\); the resume asks for shard 1\/3/);

    expect(run('--shard', '2/3', '--resume', at('s2')).code).toBe(0);
    const merged = runCli(['merge', ...shards.map(at), '--out', at('m-resumed')]);
    expect(merged.code).toBe(0);
    expect(withoutTimes(await readFile(at('m-resumed/summary.csv'), 'utf8'))).toBe(withoutTimes(await readFile(at('whole/summary.csv'), 'utf8')));
  });
});
