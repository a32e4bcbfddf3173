import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeFiles } from '../helpers/files.js';

const roots: string[] = [];

/**
 * A fixture whose `coin` check alternates: it keeps a counter in $HOME (the run's one writable
 * home, shared by every oracle command of a validate run) and passes on every other run.
 */
async function fixture(id: string, coin: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'repeat-'));
  roots.push(root);
  const dir = path.join(root, id);
  const files: Record<string, string> = {
    'task.yaml': `id: ${id}\ntitle: Write done.txt\ncontract:\n  goal: Create done.txt.\n  done:\n    - id: file\n      text: done.txt exists\n  verify:\n    - test -f done.txt\n`,
    'oracle/oracle.yaml': `checks:\n  - id: done-file\n    run: test -f done.txt\n  - id: coin\n    run: '${coin}'\n`,
    'repo/README.md': 'Create done.txt.\n',
    'solution/done.txt': 'done\n',
    'trajectories/writer.yaml': 'persona: diligent\nturns:\n  - steps:\n      - write: { path: done.txt, content: "done\\n" }\n    claim: done\n    report: Wrote done.txt.\n',
  };
  await writeFiles(dir, files);
  return dir;
}

afterAll(async () => {
  await Promise.all(roots.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('stopbench validate --repeat', () => {
  it('reports a check that passes on some runs of the same state and fails on others', async () => {
    const dir = await fixture('flaky-coin', 'n=$(cat "$HOME/coin" 2>/dev/null || echo 0); echo $((n+1)) > "$HOME/coin"; [ $((n % 2)) -eq 0 ]');
    const result = runCli(['validate', '--repeat', '3', dir]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/FAIL flaky-coin: flaky oracle checks: coin on the start passed [12] of 3 runs; coin on the solution passed [12] of 3 runs/);
  }, 300_000);

  it('says no check is flaky when every run agrees, and repeats nothing without --repeat', async () => {
    const dir = await fixture('steady-coin', 'true');
    const repeated = runCli(['validate', '--repeat', '3', dir]);
    expect(repeated.code, repeated.stdout).toBe(0);
    expect(repeated.stdout).toContain('ok   steady-coin: oracle run 3 times on the start and the solution: no flaky check');
    const once = runCli(['validate', dir]);
    expect(once.code, once.stdout).toBe(0);
    expect(once.stdout).not.toContain('oracle run');
  }, 300_000);

  it('refuses a --repeat that is not a whole number of 1 or more', () => {
    const result = runCli(['validate', '--repeat', '0', 'fixtures']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected a whole number of 1 or more');
  });
});
