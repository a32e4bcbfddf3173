import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_FIXTURES, ROOT, runCli } from '../helpers/cli.js';
import { lineCount, withoutTimes } from '../helpers/results-files.js';

describe('a run killed with SIGKILL', () => {
  let dir: string;
  let suite: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-resume-'));
    suite = path.join(dir, 'suite.yaml');
    await writeFile(
      suite,
      [
        'name: resume',
        `fixtures: [${JSON.stringify(MINI_FIXTURES)}]`,
        'agents: [{ id: replay, type: replay }]',
        'judges: [{ id: trust, type: trust }, { id: exit-code, type: exit-code }, { id: verify, type: verify }]',
        'repeat: 2',
        'concurrency: 1',
      ].join('\n'),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('resumes where it stopped, loses no finished episode, and ends with the same summary', async () => {
    const whole = path.join(dir, 'whole');
    expect(runCli(['run', '--suite', suite, '--out', whole, '--no-progress']).code).toBe(0);

    const killed = path.join(dir, 'killed');
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/bin.js'), 'run', '--suite', suite, '--out', killed, '--no-progress'], { stdio: 'ignore' });
    const results = path.join(killed, 'results.jsonl');
    // Kill it once some episodes are written and others are not.
    while ((await lineCount(results)) < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const finishedBefore = await lineCount(results);
    expect(finishedBefore).toBeLessThan(18);
    await expect(stat(path.join(killed, 'summary.csv'))).rejects.toThrow(); // never looks complete
    const kept = (await readFile(results, 'utf8')).split('\n').filter(Boolean);
    // A crash mid-write leaves half a line: the resume drops it with a warning.
    await appendFile(results, '{"key":"replay/trust/counter/lazy/1","configHash":"');

    const resumed = runCli(['run', '--suite', suite, '--resume', killed]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/truncated line dropped/);
    expect(resumed.stderr).toContain(`Resuming: ${finishedBefore} episodes already finished.`);
    const after = (await readFile(results, 'utf8')).split('\n').filter(Boolean);
    expect(after).toHaveLength(18);
    // Finished episodes were kept as they were, not rerun.
    expect(after.slice(0, kept.length).map((l) => JSON.parse(l))).toEqual(kept.map((l) => JSON.parse(l)));
    expect(withoutTimes(await readFile(path.join(killed, 'summary.csv'), 'utf8'))).toBe(
      withoutTimes(await readFile(path.join(whole, 'summary.csv'), 'utf8')),
    );
  });
});
