import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_FIXTURES, ROOT, runCli } from '../helpers/cli.js';
import { lineCount, withoutTimes } from '../helpers/results-files.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `stopbench run` of a suite into `out`, started without waiting, so the test can signal it. */
function startRun(suite: string, out: string) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/bin.js'), 'run', '--suite', suite, '--out', out, '--no-progress', '--sandbox', 'none'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = { child, stderr: '', exited: new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))) };
  child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return run;
}

describe('a run interrupted with SIGINT', () => {
  let dir: string;
  let suite: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-interrupt-'));
    suite = path.join(dir, 'suite.yaml');
    // A slow command judge that records its shell's pid, so the test can see its process group end.
    const slow = `echo $$ >> "$STOPBENCH_SUITE_DIR/pids"; sleep 1; cat >/dev/null; echo '{"decision":"done"}'`;
    await writeFile(
      suite,
      [
        'name: interrupt',
        `fixtures: [${JSON.stringify(MINI_FIXTURES)}]`,
        'agents: [{ id: replay, type: replay }]',
        `judges: [{ id: trust, type: trust }, { id: slow, type: command, command: ${JSON.stringify(slow)} }]`,
        'concurrency: 1',
      ].join('\n'),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('ends running commands, keeps finished episodes, prints the resume command, exits 130; the resume ends like an uninterrupted run', async () => {
    const whole = path.join(dir, 'whole');
    expect(runCli(['run', '--suite', suite, '--out', whole, '--no-progress', '--sandbox', 'none']).code).toBe(0);

    const out = path.join(dir, 'out');
    const run = startRun(suite, out);
    const { child, exited } = run;
    const results = path.join(out, 'results.jsonl');
    while ((await lineCount(results)) < 1) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    const code = await exited;

    expect(code).toBe(130);
    const finished = await lineCount(results);
    expect(finished).toBeGreaterThanOrEqual(1);
    expect(finished).toBeLessThan(6);
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe(`interrupted: ${finished} of 6 episodes finished; resume with: stopbench run --suite ${suite} --no-progress --sandbox none --resume ${out}`);
    expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
    await expect(stat(path.join(out, 'summary.csv'))).rejects.toThrow(); // never looks complete
    // Every judge command that was started has ended, its process group with it.
    const pids = (await readFile(path.join(dir, 'pids'), 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number);
    expect(pids.filter(alive)).toEqual([]);

    const resumed = runCli(['run', '--suite', suite, '--no-progress', '--sandbox', 'none', '--resume', out]);
    expect(resumed.code).toBe(0);
    expect(await lineCount(results)).toBe(6);
    expect(withoutTimes(await readFile(path.join(out, 'summary.csv'), 'utf8'))).toBe(withoutTimes(await readFile(path.join(whole, 'summary.csv'), 'utf8')));
  });

  it('refuses to run into a finished run\'s folder: exit 2, its results.jsonl byte-identical; --overwrite replaces it', async () => {
    const out = path.join(dir, 'again');
    const args = ['run', '--suite', suite, '--out', out, '--no-progress', '--sandbox', 'none', '--judges', 'trust'];
    expect(runCli(args).code).toBe(0);
    const before = await readFile(path.join(out, 'results.jsonl'));
    const refused = runCli(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`stopbench: ${out}: holds the results of an earlier run (results.jsonl); continue it with --resume ${out}, or replace them with --overwrite\n`);
    expect((await readFile(path.join(out, 'results.jsonl'))).equals(before)).toBe(true);
    const replaced = runCli([...args, '--overwrite']);
    expect(replaced.code).toBe(0);
    expect(await lineCount(path.join(out, 'results.jsonl'))).toBe(3);
  });

  it('a second SIGINT while running commands will not end stops at once: exit 130 and the resume line', async () => {
    // A judge whose background child leaves its own process group yet holds the output pipe open:
    // the first SIGINT kills the judge's group, but its output never closes, so the run cannot wind down.
    const stuck = path.join(dir, 'stuck.yaml');
    const hold = `setsid sleep 30 & echo $! >> "$STOPBENCH_SUITE_DIR/escaped"; echo $$ >> "$STOPBENCH_SUITE_DIR/stuck-pids"; sleep 30`;
    await writeFile(
      stuck,
      [
        'name: stuck',
        `fixtures: [${JSON.stringify(MINI_FIXTURES)}]`,
        'agents: [{ id: replay, type: replay }]',
        `judges: [{ id: hold, type: command, command: ${JSON.stringify(hold)} }]`,
        'concurrency: 1',
      ].join('\n'),
    );
    const out = path.join(dir, 'stuck-out');
    const run = startRun(stuck, out);
    const { child, exited } = run;
    const pidsFile = path.join(dir, 'stuck-pids');
    try {
      while ((await lineCount(pidsFile)) < 1) await new Promise((resolve) => setTimeout(resolve, 20));
      child.kill('SIGINT');
      while (!run.stderr.includes('SIGINT again to stop at once')) await new Promise((resolve) => setTimeout(resolve, 20));
      // Still running after the first: it waits for the held output.
      const early = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('running'), 500))]);
      expect(early).toBe('running');
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      const lines = run.stderr.trim().split('\n');
      expect(lines.at(-2)).toBe('stopbench: SIGINT again: stopped at once');
      expect(lines.at(-1)).toBe(`interrupted: 0 of 3 episodes finished; resume with: stopbench run --suite ${stuck} --no-progress --sandbox none --resume ${out}`);
      expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
    } finally {
      const escaped = (await readFile(path.join(dir, 'escaped'), 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number);
      for (const pid of escaped) if (alive(pid)) process.kill(pid, 'SIGKILL');
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
