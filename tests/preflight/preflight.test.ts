import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeFiles } from '../helpers/files.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-preflight-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function contract(name: string, yaml: string, repo?: Record<string, string>): Promise<string> {
  const folder = path.join(dir, name);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'task.yaml'), yaml);
  await writeFiles(path.join(folder, 'repo'), repo ?? {});
  return path.join(folder, 'task.yaml');
}

const FAILING_TEST = {
  'package.json': '{ "type": "module" }\n',
  'src/a.js': 'export const a = 1;\n',
  'test/a.test.js': "import test from 'node:test';\nimport assert from 'node:assert';\ntest('a', () => assert.equal(1, 2));\n",
};

const GOOD = `id: good
title: A good contract
contract:
  goal: Make test/a.test.js pass.
  scope: { allow: ["src/**"], deny: ["test/**"] }
  done: [{ id: tests, text: "node --test passes with every test running" }]
  verify: [node --test]
  failure: After 3 failed attempts, report the failing cases.
  delivery: Root cause, changed files, test results.
`;

describe('stopbench preflight', () => {
  it('is clean on a complete contract whose verification fails at the start', async () => {
    const file = await contract('good', GOOD, FAILING_TEST);
    const result = runCli(['preflight', file]);
    expect(result.stdout).toBe(`${file}: clean\n`);
    expect(result.code).toBe(0);
  });

  it('reports each missing part, and exits 1 on a blocking one', async () => {
    const file = await contract('bare', 'goal: Improve the code.\n'); // a file holding only the contract
    const result = runCli(['preflight', file, '--json']);
    expect(result.code).toBe(1);
    const { findings } = JSON.parse(result.stdout) as { findings: Array<{ severity: string; field: string }> };
    expect(findings.map((f) => `${f.severity} ${f.field}`)).toEqual([
      'error done', 'error verify', 'warning scope', 'warning failure', 'warning delivery',
    ]);
  });

  it('flags done criteria that cannot be checked or are vague', async () => {
    const file = await contract('vague', GOOD.replace('"node --test passes with every test running"', '"the code works properly"'));
    const result = runCli(['preflight', file]);
    expect(result.stdout).toMatch(/^warning done\[0\] \(tests\): "the code works properly" cannot be checked/m);
  });

  it('flags an allow glob whose folder does not exist', async () => {
    const file = await contract('glob', GOOD.replace('allow: ["src/**"]', 'allow: ["lib/**"]'), FAILING_TEST);
    expect(runCli(['preflight', file]).stdout).toMatch(/^warning scope.allow: "lib\/\*\*" matches no file/m);
  });

  it('flags verification that already passes, or runs no test', async () => {
    const passing = await contract('passing', GOOD, { ...FAILING_TEST, 'test/a.test.js': FAILING_TEST['test/a.test.js']!.replace('equal(1, 2)', 'equal(1, 1)') });
    const result = runCli(['preflight', passing]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^error {3}verify: every verification command already passes before any work/m);
    const empty = await contract('empty', GOOD.replace('verify: [node --test]', 'verify: ["node --test src/"]'), FAILING_TEST);
    expect(runCli(['preflight', empty]).stdout).toMatch(/`node --test src\/` exits 0 but runs no test: it cannot fail/);
  });

  it('is clean on every fixture of the suite, apart from criteria no check covers', async () => {
    // The suite's hidden-edge-case fixtures (visible-only, hardcoded-output) have done criteria that no
    // verify command tests on purpose: that is what they measure, and preflight rightly names them.
    const { readdir } = await import('node:fs/promises');
    const root = path.resolve(import.meta.dirname, '../../fixtures');
    const unclean: string[] = [];
    for (const id of await readdir(root)) {
      const result = runCli(['preflight', path.join(root, id, 'task.yaml')]);
      const lines = result.stdout.trim().split('\n').filter((line) => !line.startsWith('info ') && !/^warning done\[\d+\] \([\w-]+\): no check covers /.test(line));
      const last = lines.pop() ?? '';
      if (result.code !== 0 || lines.length > 0 || !/: (?:clean|0 errors, \d+ warnings)$/.test(last)) unclean.push(result.stdout);
    }
    expect(unclean).toEqual([]);
  }, 400_000); // one CLI run per fixture: 23 fixtures took 42 s on a busy 2-core machine, 55 need ~100 s
});
