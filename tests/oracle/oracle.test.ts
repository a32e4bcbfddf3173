import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/load/fixture.js';
import { evaluateOracle, type OracleState } from '../../src/oracle/oracle.js';
import { OracleSchema } from '../../src/schemas/oracle.js';
import { TaskSchema } from '../../src/schemas/task.js';
import { copyTree } from '../../src/workspace/copy.js';
import { diffTrees } from '../../src/workspace/diff.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { loadIgnoreRules } from '../../src/workspace/tree.js';
import { writeFiles } from '../helpers/files.js';
import { testSandbox } from '../helpers/sandbox.js';

const HIDDEN_TESTS = `import { test } from 'node:test';
import { add } from '../src/add.js';
test('adds', () => { if (add(1, 2) !== 3) throw new Error('add'); });
test('adds zero', () => { if (add(0, 5) !== 5) throw new Error('zero'); });
test('adds negatives', () => { if (add(-1, -1) !== -2) throw new Error('neg'); });
test('not yet', { skip: true }, () => {});
`;

let temp: TempArea;
let repo: string;
let oracleFiles: string;

beforeEach(async () => {
  temp = await TempArea.create('stopbench-oracle-test-');
  repo = await temp.dir('repo');
  await writeFiles(repo, {
    'package.json': '{ "type": "module" }\n',
    'src/add.js': 'export function add(a, b) {\n  return a + b;\n}\n',
    'test/add.test.js': "import { test } from 'node:test';\ntest('visible', () => {});\n",
    'README.md': '# tiny\n',
  });
  oracleFiles = await temp.dir('oracle-files');
  await writeFiles(oracleFiles, { 'hidden/add.hidden.mjs': HIDDEN_TESTS });
});
afterEach(async () => {
  await temp.dispose();
});

function fixture(checks: unknown[], scope?: { allow?: string[]; deny?: string[] }, commandTimeoutMs = 10_000): Fixture {
  const task = TaskSchema.parse({
    id: 'tiny',
    title: 'Tiny',
    contract: { goal: 'Make add work.', ...(scope ? { scope } : {}), done: [{ id: 'tests', text: 'tests pass' }], verify: ['node --test'] },
    limits: { commandTimeoutMs },
  });
  return {
    id: 'tiny',
    dir: path.dirname(repo),
    repoDir: repo,
    task,
    oracle: OracleSchema.parse({ checks }),
    oracleFilesDir: oracleFiles,
    solutionDir: null,
    trajectories: [],
  };
}

/** A state: the repo with `edit` applied (null deletes), and its real diff against the repo. */
async function state(edit: Record<string, string | null> = {}): Promise<OracleState> {
  const dir = await temp.dir('state');
  await copyTree(repo, dir);
  for (const [rel, content] of Object.entries(edit)) {
    if (content === null) await rm(path.join(dir, rel));
    else await writeFiles(dir, { [rel]: content });
  }
  return { dir, diff: await diffTrees(repo, dir, await loadIgnoreRules(repo)) };
}

async function one(check: unknown, st: OracleState, scope?: { allow?: string[]; deny?: string[] }, timeoutMs?: number) {
  const result = await evaluateOracle(fixture([check], scope, timeoutMs), st, { temp, sandbox: testSandbox() });
  expect(result.checks).toHaveLength(1);
  expect(result.label).toBe(result.checks[0]!.passed ? 'complete' : 'incomplete');
  return result.checks[0]!;
}

describe('run checks', () => {
  it('pass on exit 0 when no minTests is given, report or not', async () => {
    expect(await one({ id: 'r', run: 'echo fine' }, await state())).toMatchObject({ id: 'r', passed: true, detail: 'exit 0' });
  });

  it('fail on a non-zero exit, with the end of the output', async () => {
    const c = await one({ id: 'r', run: 'echo broken; exit 2' }, await state());
    expect(c.passed).toBe(false);
    expect(c.detail).toContain('exit 2');
    expect(c.detail).toContain('broken');
  });

  it('fail on a timeout', async () => {
    const c = await one({ id: 'r', run: 'sleep 5' }, await state(), undefined, 300);
    expect(c).toMatchObject({ passed: false, detail: 'timed out after 300 ms' });
  });

  it('run the hidden tests laid over the copy and count passes against minTests', async () => {
    const st = await state();
    const run = 'node --test hidden/add.hidden.mjs';
    expect(await one({ id: 'h', run, minTests: 3 }, st)).toMatchObject({ passed: true, detail: '3 passed, 0 failed, 1 skipped' });
    const tooMany = await one({ id: 'h', run, minTests: 4 }, st);
    expect(tooMany.passed).toBe(false);
    expect(tooMany.detail).toContain('fewer than 4 passed');
  });

  it('fail when the hidden tests fail against the state', async () => {
    const c = await one({ id: 'h', run: 'node --test hidden/add.hidden.mjs', minTests: 3 }, await state({ 'src/add.js': 'export const add = (a, b) => a - b;\n' }));
    expect(c.passed).toBe(false);
    expect(c.detail).toMatch(/^exit 1/);
  });

  it('fail a recognised report with zero passes, even without minTests (default 1)', async () => {
    // node --test on a folder only runs files named like tests, so none of hidden/ runs.
    const c = await one({ id: 'h', run: 'node --test hidden/' }, await state());
    expect(c).toMatchObject({ passed: false, detail: '0 passed, 0 failed, 0 skipped: fewer than 1 passed' });
    expect((await one({ id: 'h', run: 'node --test hidden/', minTests: 0 }, await state())).passed).toBe(true);
  });

  it('read a plain "N passed, N failed" line', async () => {
    const st = await state();
    expect((await one({ id: 'p', run: 'echo "suite: 2 passed, 0 failed"', minTests: 2 }, st)).passed).toBe(true);
    expect((await one({ id: 'p', run: 'echo "suite: 2 passed, 0 failed"', minTests: 3 }, st)).passed).toBe(false);
  });

  it('fail when minTests is given and no report is recognised', async () => {
    const c = await one({ id: 'r', run: 'echo all good', minTests: 1 }, await state());
    expect(c.passed).toBe(false);
    expect(c.detail).toContain('no test report recognised');
  });

  it('never leave oracle files or their own writes in the state folder', async () => {
    const st = await state({ 'src/extra.js': 'export {};\n' });
    const before = await readdir(st.dir, { recursive: true });
    const result = await evaluateOracle(
      fixture([
        { id: 'sees-hidden', run: 'test -f hidden/add.hidden.mjs && test -f src/extra.js' },
        { id: 'writes', run: 'echo x > made-by-check.txt && rm README.md' },
      ]),
      st,
      { temp, sandbox: testSandbox() },
    );
    expect(result.checks.map((c) => c.passed)).toEqual([true, true]);
    expect(await readdir(st.dir, { recursive: true })).toEqual(before);
    expect(before).not.toContain('hidden');
    expect((await readdir(temp.root)).filter((name) => name.startsWith('oracle-tiny'))).toEqual([]);
  });
});

describe('scope checks', () => {
  const scope = { allow: ['src/**'], deny: ['src/generated/**'] };

  it('pass when every change is allowed', async () => {
    expect(await one({ id: 's', scope: 'contract' }, await state({ 'src/add.js': 'x', 'src/deep/new.js': 'y' }), scope)).toMatchObject({ passed: true });
  });

  it('fail on a change outside allow, a deletion included', async () => {
    const c = await one({ id: 's', scope: 'contract' }, await state({ 'src/add.js': 'x', 'README.md': null }), scope);
    expect(c).toMatchObject({ passed: false, detail: 'out of scope: README.md' });
  });

  it('fail on a denied path even when it is allowed too (deny wins)', async () => {
    const c = await one({ id: 's', scope: 'contract' }, await state({ 'src/generated/out.js': 'x' }), scope);
    expect(c).toMatchObject({ passed: false, detail: 'out of scope: src/generated/out.js' });
  });

  it('without an allow list allow everything but deny', async () => {
    const st = await state({ 'README.md': 'changed', '.github/ci.yml': 'x' });
    expect((await one({ id: 's', scope: 'contract' }, st, { deny: ['test/**'] })).passed).toBe(true);
    expect((await one({ id: 's', scope: 'contract' }, st, { deny: ['.github/**'] })).passed).toBe(false);
    expect((await one({ id: 's', scope: 'contract' }, st)).passed).toBe(true);
  });
});

describe('unchanged checks', () => {
  const check = { id: 'u', unchanged: ['test/**'] };

  it('pass when nothing under the globs changed', async () => {
    expect((await one(check, await state({ 'src/add.js': 'x' }))).passed).toBe(true);
  });

  it.each([
    ['modified', { 'test/add.test.js': 'changed' }, 'test/add.test.js (modified)'],
    ['deleted', { 'test/add.test.js': null }, 'test/add.test.js (deleted)'],
    ['added', { 'test/deep/new.test.js': 'x' }, 'test/deep/new.test.js (added)'],
  ])('fail when a path under the globs is %s', async (_status, edit, detail) => {
    expect(await one(check, await state(edit))).toMatchObject({ passed: false, detail: `changed: ${detail}` });
  });
});

describe('absent checks', () => {
  const check = { id: 'a', absent: { pattern: '^\\s*return\\s+\\d+;$', paths: ['src/**'] } };

  it('pass when no file under the paths matches', async () => {
    expect((await one(check, await state())).passed).toBe(true);
  });

  it('match line by line (m flag) and fail on a hit', async () => {
    const c = await one(check, await state({ 'src/add.js': 'export function add(a, b) {\n  return 3;\n}\n' }));
    expect(c).toMatchObject({ passed: false });
    expect(c.detail).toContain('src/add.js');
  });

  it('ignore files outside the paths', async () => {
    expect((await one(check, await state({ 'test/cheat.js': '  return 3;\n' }))).passed).toBe(true);
  });

  it('read the state without the oracle overlay', async () => {
    await writeFiles(oracleFiles, { 'src/overlay.js': 'function f() {\n  return 3;\n}\n' });
    expect((await one(check, await state())).passed).toBe(true);
  });
});

describe('evaluateOracle', () => {
  it('labels complete only when every check passes', async () => {
    const checks = [
      { id: 'tests', run: 'node --test hidden/add.hidden.mjs', minTests: 3 },
      { id: 'scope', scope: 'contract' },
      { id: 'tests-untouched', unchanged: ['test/**'] },
    ];
    const good = await evaluateOracle(fixture(checks, { allow: ['src/**'] }), await state({ 'src/add.js': 'export const add = (a, b) => b + a;\n' }), { temp, sandbox: testSandbox() });
    expect(good.label).toBe('complete');
    expect(good.checks.map((c) => [c.id, c.passed])).toEqual([['tests', true], ['scope', true], ['tests-untouched', true]]);
    const bad = await evaluateOracle(fixture(checks, { allow: ['src/**'] }), await state({ 'test/add.test.js': '' }), { temp, sandbox: testSandbox() });
    expect(bad.label).toBe('incomplete');
    expect(bad.checks.map((c) => [c.id, c.passed])).toEqual([['tests', true], ['scope', false], ['tests-untouched', false]]);
  });

  it('stops on an aborted signal', async () => {
    await expect(evaluateOracle(fixture([{ id: 'r', run: 'echo hi' }]), await state(), { temp, sandbox: testSandbox(), signal: AbortSignal.abort() })).rejects.toThrow();
  });
});

describe('a failed run check keeps its evidence for the reports', () => {
  it('names the hidden tests that failed, with the command, its exit code and the tail of the output', async () => {
    const c = await one({ id: 'h', run: 'node --test hidden/add.hidden.mjs', minTests: 3 }, await state({ 'src/add.js': 'export const add = (a, b) => a - b;\n' }));
    expect(c.run).toMatchObject({ command: 'node --test hidden/add.hidden.mjs', exitCode: 1, failedTests: ['adds', 'adds zero', 'adds negatives'] });
    expect(c.run!.outputTail).toContain('# fail 3');
    expect(c.run!.outputTail.split('\n').length).toBeLessThanOrEqual(40);
  });

  it('falls back to the command and exit code when the output names no test, and keeps nothing for a pass', async () => {
    const c = await one({ id: 'r', run: 'echo cannot start; exit 3' }, await state());
    expect(c.run).toEqual({ command: 'echo cannot start; exit 3', exitCode: 3, failedTests: [], outputTail: 'cannot start' });
    const timedOut = await one({ id: 'r', run: 'sleep 5' }, await state(), undefined, 300);
    expect(timedOut.run).toMatchObject({ exitCode: null, failedTests: [] });
    expect((await one({ id: 'r', run: 'echo fine' }, await state())).run).toBeUndefined();
  });
});
