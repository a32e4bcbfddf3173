import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../src/runner/run.js';
import type { EpisodeResult } from '../../src/schemas/result.js';
import { execStats } from '../../src/workspace/exec.js';
import { MINI_FIXTURES } from '../helpers/cli.js';
import { withoutOracleOutput } from '../helpers/oracle-output.js';

/** An episode without what changes from run to run: times, dates and the oracle's output. */
function timeless(result: EpisodeResult) {
  return {
    ...result,
    startedAt: '',
    cost: { ...result.cost, judgeMs: 0, wallMs: 0 },
    checkpoints: result.checkpoints.map((c) => ({ ...withoutOracleOutput(c), judgeMs: 0 })),
  };
}

describe('the command cache in a run', () => {
  let dir: string;
  let suite: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-cache-run-'));
    suite = path.join(dir, 'suite.yaml');
    await writeFile(suite, [
      'name: cache',
      `fixtures: [${JSON.stringify(MINI_FIXTURES)}]`,
      'agents: [{ id: replay, type: replay }]',
      'judges: [{ id: verify, type: verify }, { id: verify-no-report, type: verify, disable: [report] }]',
      'repeat: 2',
    ].join('\n'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives the same results as running every command, with fewer commands run', async () => {
    const before = execStats.commands;
    const cached = await runSuite({ suiteFile: suite, outDir: path.join(dir, 'cached') });
    const withCache = execStats.commands - before;
    const plain = await runSuite({ suiteFile: suite, outDir: path.join(dir, 'plain'), commandCache: false });
    const withoutCache = execStats.commands - before - withCache;

    expect(cached.results.map(timeless)).toEqual(plain.results.map(timeless));
    // 2 judges × 2 repeats rerun the same verify commands on the same states: 1 in 4 runs for real.
    expect(withCache).toBeLessThan(withoutCache);
    const diligent = cached.results.filter((r) => r.trajectory === 'diligent');
    expect(diligent.map((r) => r.outcome)).toEqual(['correct-done', 'correct-done', 'correct-done', 'correct-done']);
  });

  it('keeps results across runs in a folder when asked', async () => {
    const store = path.join(dir, 'store');
    await runSuite({ suiteFile: suite, outDir: path.join(dir, 'first'), commandCache: store });
    const before = execStats.commands;
    const second = await runSuite({ suiteFile: suite, outDir: path.join(dir, 'second'), commandCache: store });
    // Only the harness's own baseline commits and the replayed steps run again; no oracle or judge command.
    const ran = execStats.commands - before;
    const first = await runSuite({ suiteFile: suite, outDir: path.join(dir, 'third'), commandCache: false });
    expect(second.results.map(timeless)).toEqual(first.results.map(timeless));
    expect(ran).toBeLessThan(execStats.commands - before - ran);
  });
});
