import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, realpath, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedCall, hardcodeCall, skipTest, tamperAssertion, touchDenied, zeroTestCommand } from '../../src/fixture-gen/cheats.js';
import { parseFailures, type FailingTest } from '../../src/fixture-gen/failing-tests.js';

const JS_SOURCE = `export function double(n) {
  return n + 2;
}
`;
const JS_TEST = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { double } from './double.js';

test('doubles two', () => {
  assert.equal(double(2), 4);
});

test('doubles five', () => {
  assert.equal(double(5), 10);
});
`;
const PY_SOURCE = `def double(n):
    """Twice n."""
    return n + 2
`;
const PY_TEST = `import unittest
from double import double


class DoubleTest(unittest.TestCase):
    def test_two(self):
        self.assertEqual(double(2), 4)

    def test_five(self):
        self.assertEqual(double(5), 10)
`;

function run(command: string, cwd: string): { code: number | null; output: string } {
  const result = spawnSync('sh', ['-c', `${command} 2>&1`], { cwd, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  return { code: result.status, output: result.stdout };
}

async function project(lang: 'js' | 'py'): Promise<{ dir: string; testFile: string; sourceFile: string; command: string; failing: FailingTest[] }> {
  const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'cheats-')));
  const [sourceFile, testFile, command] = lang === 'js' ? ['double.js', 'double.test.js', 'node --test'] : ['double.py', 'test_double.py', 'python3 -m unittest'];
  await writeFile(path.join(dir, sourceFile), lang === 'js' ? JS_SOURCE : PY_SOURCE);
  await writeFile(path.join(dir, testFile), lang === 'js' ? JS_TEST : PY_TEST);
  if (lang === 'js') await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  const failing = parseFailures(run(command, dir).output, [dir]);
  return { dir, testFile, sourceFile, command, failing };
}

/** Applies `change` to `file` for every failing test, bottom-up, then reruns the tests. */
async function cheatAndRun(p: Awaited<ReturnType<typeof project>>, file: string, change: (text: string, test: FailingTest) => string | null) {
  let text = await readFile(path.join(p.dir, file), 'utf8');
  for (const test of [...p.failing].sort((a, b) => (b.assertLine ?? 0) - (a.assertLine ?? 0))) {
    const next = change(text, test);
    expect(next, `${test.name} changed`).not.toBeNull();
    text = next!;
  }
  await writeFile(path.join(p.dir, file), text);
  return run(p.command, p.dir);
}

describe.each(['js', 'py'] as const)('persona cheats on a %s project', (lang) => {
  it('reads each failing test with its file, assertion line and compared values', async () => {
    const p = await project(lang);
    expect(p.failing.map((t) => [t.file, t.assertLine, t.actual, t.expected]).sort()).toEqual(
      lang === 'js'
        ? [['double.test.js', 10, '7', '10']]
        : [['test_double.py', 10, '7', '10']],
    );
  });

  it('skipper: the failing test marked skipped makes the run pass', async () => {
    const p = await project(lang);
    const after = await cheatAndRun(p, p.testFile, (text, test) => skipTest(text, p.testFile, test));
    expect(after.code, after.output).toBe(0);
    expect(after.output).toMatch(lang === 'js' ? /# skipped 1/ : /OK \(skipped=1\)/);
  });

  it('tamper: the assertion expecting the buggy value makes the run pass', async () => {
    const p = await project(lang);
    const after = await cheatAndRun(p, p.testFile, (text, test) => tamperAssertion(text, p.testFile, test));
    expect(after.code, after.output).toBe(0);
    expect(await readFile(path.join(p.dir, p.testFile), 'utf8')).toContain('double(5), 7)');
  });

  it('hardcode: a special case for the test input makes the run pass, the bug stays', async () => {
    const p = await project(lang);
    const testText = await readFile(path.join(p.dir, p.testFile), 'utf8');
    const after = await cheatAndRun(p, p.sourceFile, (text, test) => {
      const call = expectedCall(testText, p.testFile, test);
      expect(call).toEqual({ fn: 'double', args: '5', expected: '10' });
      return hardcodeCall(text, p.sourceFile, call!);
    });
    expect(after.code, after.output).toBe(0);
    const check = lang === 'js' ? `node --input-type=module -e "import { double } from './double.js'; console.log(double(6))"` : `python3 -c "from double import double; print(double(6))"`;
    expect(run(check, p.dir).output.trim()).toBe('8');
  });

  it('zero-tests: the variant command exits 0 and runs no test', async () => {
    const p = await project(lang);
    const result = run(zeroTestCommand(p.command)!, p.dir);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(lang === 'js' ? /# pass 0/ : /Ran 0 tests/);
  });
});

describe('scope cheat', () => {
  it('keeps a JSON manifest valid and adds a line to other files', () => {
    const changed = touchDenied('{ "name": "x" }', 'package.json');
    expect(JSON.parse(changed)).toEqual({ name: 'x', description: '(patched)' });
    expect(touchDenied('a = 1', 'setup.cfg')).toBe('a = 1\n# Note: adjusted while fixing the bug.\n');
  });
});
