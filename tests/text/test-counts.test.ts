import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTestCounts } from '../../src/text/test-counts.js';
import { commandEnv } from '../../src/workspace/env.js';
import { runCommand } from '../../src/workspace/exec.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { testSandbox } from '../helpers/sandbox.js';

const NODE_TESTS = `import { test } from 'node:test';
test('one', () => {});
test('two', () => {});
test('skipped', { skip: true }, () => {});
test('later', { todo: true }, () => {});
`;

const PY_TESTS = `import unittest

class T(unittest.TestCase):
    def test_ok(self): pass
    def test_ok_too(self): pass
    @unittest.skip('not today')
    def test_skip(self): pass
    def test_fail(self): self.assertEqual(1, 2)
`;

let temp: TempArea;
let dir: string;

async function run(command: string): Promise<{ exitCode: number | null; output: string }> {
  const r = await runCommand(command, { cwd: dir, env: commandEnv(temp.home), timeoutMs: 15_000, sandbox: testSandbox() });
  return { exitCode: r.exitCode, output: r.output };
}

beforeAll(async () => {
  temp = await TempArea.create('stopbench-counts-test-');
  dir = await temp.dir('repo');
  await writeFile(path.join(dir, 'a.test.mjs'), NODE_TESTS);
  await writeFile(path.join(dir, 'mod_test.py'), PY_TESTS);
  await mkdir(path.join(dir, 'hidden'));
  await writeFile(path.join(dir, 'hidden', 'x.hidden.mjs'), NODE_TESTS);
});
afterAll(async () => {
  await temp.dispose();
});

describe('parseTestCounts on real runner output', () => {
  it('reads node --test TAP (the default without a TTY)', async () => {
    const r = await run('node --test a.test.mjs');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain('# pass 2');
    expect(parseTestCounts(r.output)).toEqual({ recognised: true, passed: 2, failed: 0, skipped: 2 });
  });

  it('reads node --test --test-reporter=spec', async () => {
    const r = await run('node --test --test-reporter=spec a.test.mjs');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain('ℹ pass 2');
    expect(parseTestCounts(r.output)).toEqual({ recognised: true, passed: 2, failed: 0, skipped: 2 });
  });

  it('reads a node --test run that found no test file as recognised with 0 passed', async () => {
    // node --test dir/ only runs files named like tests; *.hidden.mjs is not one.
    const r = await run('node --test hidden/');
    expect(r.exitCode).toBe(0);
    expect(parseTestCounts(r.output)).toEqual({ recognised: true, passed: 0, failed: 0, skipped: 0 });
  });

  it('reads a failing node --test run', async () => {
    await writeFile(path.join(dir, 'b.test.mjs'), "import { test } from 'node:test';\ntest('ok', () => {});\ntest('bad', () => { throw new Error('x'); });\n");
    const r = await run('node --test b.test.mjs');
    expect(r.exitCode).toBe(1);
    expect(parseTestCounts(r.output)).toEqual({ recognised: true, passed: 1, failed: 1, skipped: 0 });
  });

  it('reads python3 -m unittest with a skip and a failure', async () => {
    const r = await run('python3 -m unittest mod_test');
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/^FAILED \(failures=1, skipped=1\)$/m);
    expect(parseTestCounts(r.output)).toEqual({ recognised: true, passed: 2, failed: 1, skipped: 1 });
  });

  it('reads a passing python3 -m unittest run', async () => {
    await writeFile(path.join(dir, 'ok_test.py'), 'import unittest\n\nclass T(unittest.TestCase):\n    def test_a(self): pass\n    def test_b(self): pass\n    def test_c(self): pass\n');
    const r = await run('python3 -m unittest ok_test');
    expect(r.exitCode).toBe(0);
    expect(parseTestCounts(r.output)).toEqual({ recognised: true, passed: 3, failed: 0, skipped: 0 });
  });
});

describe('parseTestCounts on literal output', () => {
  it.each([
    ['3 passed, 1 failed', { passed: 3, failed: 1, skipped: 0 }],
    ['3 passed, 0 failed, 2 skipped', { passed: 3, failed: 0, skipped: 2 }],
    ['tests: 4 passed, 0 failed', { passed: 4, failed: 0, skipped: 0 }],
    ['Results:   5 passed, 2 failed, 1 skipped  ', { passed: 5, failed: 2, skipped: 1 }],
    ['  0 passed, 0 failed\r\n', { passed: 0, failed: 0, skipped: 0 }],
  ])('reads the plain line %j', (output, counts) => {
    expect(parseTestCounts(output)).toEqual({ recognised: true, ...counts });
  });

  it('adds up several summaries', () => {
    const output = [
      '# pass 2', '# fail 1', '# skipped 1',
      'ℹ pass 3', 'ℹ todo 2', 'ℹ cancelled 1',
      'Ran 4 tests in 0.001s', '', 'OK (skipped=1, expected failures=1)',
      'suite: 5 passed, 0 failed',
    ].join('\n');
    expect(parseTestCounts(output)).toEqual({ recognised: true, passed: 2 + 3 + 2 + 5, failed: 1 + 1, skipped: 1 + 2 + 2 });
  });

  it('counts unittest errors and unexpected successes as failures', () => {
    const output = 'Ran 6 tests in 0.1s\n\nFAILED (failures=1, errors=2, unexpected successes=1)\n';
    expect(parseTestCounts(output)).toEqual({ recognised: true, passed: 2, failed: 4, skipped: 0 });
  });

  it('needs "Ran N tests" before a unittest OK', () => {
    expect(parseTestCounts('OK\n').recognised).toBe(false);
    expect(parseTestCounts('Ran 1 test in 0.000s\n\nOK\n')).toEqual({ recognised: true, passed: 1, failed: 0, skipped: 0 });
  });

  it.each([
    [''],
    ['all good!\n'],
    ['Tests: 3 passed, 1 total\n'],
    ['we had 3 passed, 1 failed earlier, see log\n'],
    ['my test suite: 3 passed, 1 failed'],
    ['pass 2\nfail 0\n'],
  ])('does not recognise %j', (output) => {
    expect(parseTestCounts(output)).toEqual({ recognised: false, passed: 0, failed: 0, skipped: 0 });
  });
});
