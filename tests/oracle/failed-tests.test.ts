import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failedTestNames, outputTail } from '../../src/oracle/failed-tests.js';

/**
 * The failing test names are read from the real output of the runners the fixtures use (node --test
 * in both reporters, python's unittest, a shell runner), so a change of format shows here.
 */
const NODE_TESTS = `import { test, describe, it } from 'node:test';
import assert from 'node:assert';
describe('lru', () => {
  it('evicts the oldest key', () => assert.equal(1, 2));
  it('keeps recent keys', () => {});
  describe('capacity', () => { it('zero # means none', () => { throw new Error('boom'); }); });
});
test('top level fails', () => assert.ok(false));
test('unfinished', { todo: true }, () => assert.ok(false));
test('passes', () => {});
`;
const PY_TESTS = `import unittest
class Merge(unittest.TestCase):
    def test_ok(self): pass
    def test_touching(self): self.assertEqual(1, 2)
    def test_empty(self): raise ValueError('x')
    def test_each(self):
        for i in range(2):
            with self.subTest(i=i): self.assertEqual(i, 0)
    @unittest.expectedFailure
    def test_known(self): self.assertEqual(1, 2)
`;
const SH_RUNNER = `echo "test_quotes ok"
printf 'FAIL test_export_prefix\\n  expected: [a]\\n  actual:   [b]\\n'
printf 'FAIL test_empty_value\\n'
echo "hidden: 7 passed, 2 failed"
exit 1
`;

let dir: string;
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return `${r.stdout}${r.stderr}`;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-failed-tests-'));
  await writeFile(path.join(dir, 'lru.test.mjs'), NODE_TESTS);
  await mkdir(path.join(dir, 'pk'));
  await writeFile(path.join(dir, 'pk/__init__.py'), '');
  await writeFile(path.join(dir, 'pk/test_merge.py'), PY_TESTS);
  await writeFile(path.join(dir, 'run.sh'), SH_RUNNER);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NODE_FAILED = ['lru > evicts the oldest key', 'lru > capacity > zero # means none', 'top level fails'];

describe('failedTestNames', () => {
  it('reads node --test TAP: leaf failures with their suites, not the suites themselves or TODO tests', () => {
    const tap = run(process.execPath, ['--test', '--test-reporter=tap', 'lru.test.mjs']);
    expect(tap).toContain('not ok');
    expect(failedTestNames(tap)).toEqual(NODE_FAILED);
  });

  it('reads node --test spec output, ignoring the closing summary that repeats them', () => {
    const spec = run(process.execPath, ['--test', '--test-reporter=spec', 'lru.test.mjs']);
    expect(spec).toContain('✖ failing tests:');
    expect(failedTestNames(spec)).toEqual(NODE_FAILED);
  });

  it('reads python unittest failures and errors, verbose or not, subtests included', () => {
    // Python before 3.11 prints \`test_x (pk.test_merge.Merge)\`, later ones add the method name again.
    const names = [/^test_empty \(pk\.test_merge\.Merge(\.test_empty)?\)$/, /^test_touching \(pk\.test_merge\.Merge(\.test_touching)?\)$/, /^test_each \(pk\.test_merge\.Merge(\.test_each)?\) \(i=1\)$/];
    const verbose = run('python3', ['-m', 'unittest', '-v', 'pk.test_merge']);
    const found = failedTestNames(verbose);
    expect(found).toHaveLength(3);
    for (const name of names) expect(found.some((n) => name.test(n)), String(name)).toBe(true);
    expect(failedTestNames(run('python3', ['-m', 'unittest', 'pk.test_merge']))).toEqual(failedTestNames(verbose));
  });

  it('reads the plain shell form: FAIL lines next to an "N passed, N failed" summary', () => {
    expect(failedTestNames(run('sh', ['run.sh']))).toEqual(['test_export_prefix', 'test_empty_value']);
  });

  it('finds no name in output that has none, so the caller falls back to the command and exit code', () => {
    expect(failedTestNames('Error: Cannot find module ./src/x.js\nexit status 1\n')).toEqual([]);
    expect(failedTestNames('  FAIL indented lines are not test names\nERROR: a log line, no unittest rule above\n')).toEqual([]);
  });

  it('caps the number of names and their length', () => {
    const many = Array.from({ length: 80 }, (_, i) => `FAIL t${i}`).join('\n');
    expect(failedTestNames(many)).toHaveLength(50);
    expect(failedTestNames(`FAIL ${'x'.repeat(500)}`)[0]!.length).toBe(200);
  });
});

describe('outputTail', () => {
  it('keeps the last 40 lines and at most 4 KB, cut at a line start, colours dropped', () => {
    const output = Array.from({ length: 100 }, (_, i) => `\u001b[31mline ${i}\u001b[0m`).join('\n');
    const tail = outputTail(output);
    expect(tail.split('\n')).toHaveLength(40);
    expect(tail.split('\n')[0]).toBe('line 60');
    expect(tail.endsWith('line 99')).toBe(true);
    const wide = Array.from({ length: 30 }, (_, i) => `${i} ${'é'.repeat(300)}`).join('\n');
    const cut = outputTail(wide);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(4096);
    expect(cut.startsWith('24 ')).toBe(true);
    const oneLong = outputTail('€'.repeat(5000));
    expect(Buffer.byteLength(oneLong)).toBeLessThanOrEqual(4096);
    expect(oneLong).not.toContain('\uFFFD');
  });
});
