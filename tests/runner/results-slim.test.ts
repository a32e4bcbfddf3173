import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResults } from '../../src/runner/results-file.js';
import { episode } from '../helpers/episodes.js';

const failures = [{ id: 'hidden', detail: 'exit 1', run: { command: 'node --test', exitCode: 1, failedTests: ['a'], outputTail: 'not ok 1 - a' } }];

describe('readResults({ slim: true })', () => {
  it('drops the oracle output of episodes that stopped right and keeps it for false stops', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-slim-'));
    try {
      const right = episode({ status: 'done', checkpoints: [{ label: 'incomplete', decision: 'continue', failedChecks: ['hidden'], oracleFailures: failures }, { label: 'complete', decision: 'done' }] });
      const wrong = episode({ status: 'done', fixture: 'g', checkpoints: [{ label: 'incomplete', decision: 'done', failedChecks: ['hidden'], oracleFailures: failures }] });
      const file = path.join(dir, 'results.jsonl');
      await writeFile(file, `${JSON.stringify(right)}\n${JSON.stringify(wrong)}\n`);
      const { results } = await readResults(file, { slim: true });
      expect(results[0]!.outcome).toBe('correct-done');
      expect(results[0]!.checkpoints[0]!.oracleFailures).toBeUndefined();
      expect(results[0]!.checkpoints[0]!.failedChecks).toEqual(['hidden']);
      expect(results[1]!.checkpoints[0]!.oracleFailures).toEqual(failures);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
