import { execFileSync, execSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitIgnoredFiles } from '../../src/validate/git-ignored.js';
import { MINI_FIXTURES, ROOT, runCli } from '../helpers/cli.js';

/** A user's repository holding a fixture, with an ignore rule that hides one of the fixture's files. */
describe('validate names fixture files that git would not commit', () => {
  let root: string;
  let fixture: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'stopbench-ignored-'));
    fixture = path.join(root, 'bench', 'counter');
    await cp(path.join(MINI_FIXTURES, 'counter'), fixture, { recursive: true });
    await mkdir(path.join(fixture, 'repo', 'data'));
    await writeFile(path.join(fixture, 'repo', 'data', 'sample.log'), 'line one\n');
    await writeFile(path.join(root, '.gitignore'), 'node_modules/\n*.log\n');
    execSync('git init -q && git add -A && git -c user.name=t -c user.email=t@t -c commit.gpgsign=false commit -qm start', { cwd: root });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists the ignored file with the rule that hides it', async () => {
    expect(await gitIgnoredFiles(fixture)).toEqual([{ path: 'repo/data/sample.log', rule: '.gitignore:2:*.log' }]);
  });

  it('fails validation with one line naming the file and the rule', () => {
    const run = runCli(['validate', fixture, '--sandbox', 'none']);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n').filter((line) => line.includes('sample.log'));
    expect(lines).toEqual([
      'FAIL counter: repo/data/sample.log is ignored by git (.gitignore:2:*.log): a clone will not have it; commit it (git add -f) or change the rule',
    ]);
  });

  it('says nothing once the file is committed, or outside a git work tree', async () => {
    execSync('git add -f bench/counter/repo/data/sample.log', { cwd: root });
    expect(await gitIgnoredFiles(fixture)).toEqual([]);
    const outside = await mkdtemp(path.join(os.tmpdir(), 'stopbench-no-git-'));
    try {
      expect(await gitIgnoredFiles(outside)).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe("this project's ignore rules", () => {
  it('do not apply under fixtures/ or tests/fixtures/', () => {
    for (const file of ['fixtures/x/repo/data/commits.log', 'fixtures/x/repo/node_modules/m/index.js', 'fixtures/x/repo/dist/a.js', 'tests/fixtures/x/a.log']) {
      expect(() => execFileSync('git', ['check-ignore', '-q', '--no-index', file], { cwd: ROOT }), file).toThrow();
    }
    // The rules still apply elsewhere (the check above is not vacuous).
    expect(execFileSync('git', ['check-ignore', '--no-index', 'debug.log'], { cwd: ROOT, encoding: 'utf8' })).toBe('debug.log\n');
  });
});
