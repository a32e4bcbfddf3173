import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeFiles } from '../helpers/files.js';

const roots: string[] = [];

/** A git repository built commit by commit: each commit is a map of files to write. */
async function repoWithHistory(commits: Array<{ message: string; files: Record<string, string> }>): Promise<{ dir: string; shas: string[] }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'from-commit-'));
  roots.push(dir);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  const shas: string[] = [];
  for (const commit of commits) {
    await writeFiles(dir, commit.files);
    git('add', '-A');
    git('commit', '-q', '-m', commit.message);
    shas.push(git('rev-parse', 'HEAD'));
  }
  return { dir, shas };
}

const NODE_START = {
  'package.json': '{ "name": "clampy", "type": "module", "scripts": { "test": "node --test" } }\n',
  'README.md': '# clampy\n\nclamp(x, lo, hi) keeps x within lo..hi.\n',
  'src/clamp.js': 'export function clamp(x, lo, hi) {\n  return Math.min(lo, Math.max(hi, x));\n}\n',
  'src/lerp.js': 'export function lerp(a, b, t) {\n  return a + (b - a) * t;\n}\n',
  'test/lerp.test.js': "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { lerp } from '../src/lerp.js';\n\ntest('lerp halfway', () => assert.equal(lerp(0, 10, 0.5), 5));\n",
};
const NODE_FIX = {
  'src/clamp.js': 'export function clamp(x, lo, hi) {\n  return Math.max(lo, Math.min(hi, x));\n}\n',
  'test/clamp.test.js': "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { clamp } from '../src/clamp.js';\n\ntest('inside', () => assert.equal(clamp(5, 0, 10), 5));\ntest('below', () => assert.equal(clamp(-3, 0, 10), 0));\ntest('above', () => assert.equal(clamp(12, 0, 10), 10));\n",
};

const PY_START = {
  'stats/__init__.py': '',
  'stats/mean.py': 'def mean(xs):\n    return sum(xs) / (len(xs) + 1)\n',
  'stats/spread.py': 'def spread(xs):\n    return max(xs) - min(xs)\n',
  'tests/__init__.py': '',
  'tests/test_spread.py': 'import unittest\nfrom stats.spread import spread\n\n\nclass SpreadTest(unittest.TestCase):\n    def test_spread(self):\n        self.assertEqual(spread([1, 4, 2]), 3)\n',
};
const PY_FIX = {
  'stats/mean.py': 'def mean(xs):\n    if not xs:\n        raise ValueError("mean of nothing")\n    return sum(xs) / len(xs)\n',
  'tests/test_mean.py': 'import unittest\nfrom stats.mean import mean\n\n\nclass MeanTest(unittest.TestCase):\n    def test_mean(self):\n        self.assertEqual(mean([1, 2, 3]), 2)\n\n    def test_empty(self):\n        with self.assertRaises(ValueError):\n            mean([])\n',
};

afterAll(async () => {
  await Promise.all(roots.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('stopbench fixture from-commit', () => {
  it('writes a Node fixture from a fix commit with a new test, and validate accepts it', async () => {
    const { dir, shas } = await repoWithHistory([
      { message: 'Add clamp and lerp', files: NODE_START },
      { message: 'Fix clamp returning the wrong bound\n\nclamp(5, 0, 10) returned 0: min and max were swapped.', files: NODE_FIX },
    ]);
    const out = path.join(dir, '..', `${path.basename(dir)}-out`, 'clamp-bounds');
    roots.push(path.dirname(out));
    const made = runCli(['fixture', 'from-commit', '--repo', dir, '--fix', shas[1]!, '--out', out]);
    expect(made.code, made.stdout + made.stderr).toBe(0);
    expect(made.stdout).toContain('1 source and 1 test files changed');
    expect(made.stdout).toContain('hidden tests: node --test test/clamp.test.js (3 pass with the solution); visible suite: npm test (4)');
    expect(made.stdout).toMatch(/ok {3}clamp-bounds: start incomplete \(hidden-tests, visible-suite\); solution complete/);

    const task = parse(await readFile(path.join(out, 'task.yaml'), 'utf8'));
    expect(task).toMatchObject({ id: 'clamp-bounds', title: 'Fix clamp returning the wrong bound', draft: true, solvable: true });
    expect(task.contract.scope.allow).toEqual(['src/**']);
    expect(task.contract.scope.deny).toEqual(expect.arrayContaining(['**/test/**', 'package.json']));
    expect(task.contract.verify).toEqual(['npm test']);
    expect(task.contract.background).toContain('min and max were swapped');
    expect(await readFile(path.join(out, 'repo/README.md'), 'utf8')).toContain('## Known problem\n\nThis needs fixing: clamp returning the wrong bound');
    expect(await readFile(path.join(out, 'repo/src/clamp.js'), 'utf8')).toBe(NODE_START['src/clamp.js']);
    expect(await readdir(path.join(out, 'repo/test'))).toEqual(['lerp.test.js']);
    expect(await readFile(path.join(out, 'solution/src/clamp.js'), 'utf8')).toBe(NODE_FIX['src/clamp.js']);
    expect(await readFile(path.join(out, 'oracle/files/test/clamp.test.js'), 'utf8')).toBe(NODE_FIX['test/clamp.test.js']);

    const validated = runCli(['validate', out]);
    expect(validated.code, validated.stdout).toBe(0);
    expect(validated.stdout).toContain('1 fixtures, 1 trajectories: all valid');
  }, 300_000);

  it('writes a Python fixture (python3 -m unittest) the same way', async () => {
    const { dir, shas } = await repoWithHistory([
      { message: 'Add stats', files: PY_START },
      { message: 'fix: mean divided by one more than the count', files: PY_FIX },
    ]);
    const out = path.join(dir, 'fixtures', 'py-mean');
    const made = runCli(['fixture', 'from-commit', '--repo', dir, '--fix', shas[1]!, '--out', out]);
    expect(made.code, made.stdout + made.stderr).toBe(0);
    expect(made.stdout).toContain('hidden tests: python3 -m unittest tests.test_mean (2 pass with the solution); visible suite: python3 -m unittest (3)');
    const task = parse(await readFile(path.join(out, 'task.yaml'), 'utf8'));
    expect(task.contract.goal).toBe('Fix this bug without changing the tests: mean divided by one more than the count');
    expect(task.contract.scope.allow).toEqual(['stats/**']);
    expect(runCli(['validate', out]).code).toBe(0);
  }, 300_000);

  it('stops with the reason when the fix\'s test already passes before the fix, and writes nothing', async () => {
    const { dir, shas } = await repoWithHistory([
      { message: 'Add clamp and lerp', files: NODE_START },
      {
        message: 'Tidy lerp and test it',
        files: {
          'src/lerp.js': 'export function lerp(a, b, t) {\n  return a * (1 - t) + b * t;\n}\n',
          'test/lerp-ends.test.js': "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { lerp } from '../src/lerp.js';\n\ntest('ends', () => { assert.equal(lerp(2, 8, 0), 2); assert.equal(lerp(2, 8, 1), 8); });\n",
        },
      },
    ]);
    const out = path.join(dir, 'out', 'lerp-tidy');
    const made = runCli(['fixture', 'from-commit', '--repo', dir, '--fix', shas[1]!, '--out', out]);
    expect(made.code).toBe(1);
    expect(made.stderr).toMatch(/"Tidy lerp and test it": the fix's tests already pass on the parent commit \(hidden-tests: .*\); they do not show the bug/);
    await expect(readdir(out)).rejects.toThrow();
  }, 300_000);

  it('refuses bad input with exit 2: not a repository, an unknown revision', async () => {
    const { dir } = await repoWithHistory([{ message: 'Add clamp and lerp', files: NODE_START }]);
    const notRepo = runCli(['fixture', 'from-commit', '--repo', os.tmpdir(), '--fix', 'HEAD', '--out', path.join(dir, 'x')]);
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toContain('not a git repository');
    const noRev = runCli(['fixture', 'from-commit', '--repo', dir, '--fix', 'nope', '--out', path.join(dir, 'x')]);
    expect(noRev.code).toBe(2);
    expect(noRev.stderr).toContain('--fix nope: no such commit');
  }, 300_000);
});
