import { describe, expect, it } from 'vitest';
import { tamperAssertion, tamperHow } from '../../src/fixture-gen/cheats.js';
import type { FailingTest } from '../../src/fixture-gen/failing-tests.js';
import { tamperExcuse } from '../../src/fixture-gen/persona-plans.js';

const TEST_FILE = 'test/pairs.test.js';
const TEST_TEXT = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairs, count } from '../src/pairs.js';

test('counts', () => {
  assert.equal(count('a,b'), 2);
});

test('pairs', () => {
  assert.deepEqual(pairs('a=1'), { a: 1 });
});
`;
// As parseFailures reads them from TAP: the count's values are scalars, the object's are not.
const COUNT: FailingTest = { name: 'counts', file: TEST_FILE, declLine: 5, assertLine: 6, expected: '2', actual: '1' };
const PAIRS: FailingTest = { name: 'pairs', file: TEST_FILE, declLine: 9, assertLine: 10 };

const ctx = (failing: FailingTest[]) => ({ failing, startText: (p: string) => (p === TEST_FILE ? TEST_TEXT : null) });

describe('the tamper report says what was done to the assertions', () => {
  it('swap: the expected literal replaced by the actual value', () => {
    expect(tamperHow(TEST_TEXT, TEST_FILE, COUNT)).toBe('swap');
    expect(tamperAssertion(TEST_TEXT, TEST_FILE, COUNT)).toContain("assert.equal(count('a,b'), 1);");
    expect(tamperExcuse(ctx([COUNT]))).toBe('The failing assertions expected outdated values; updated them to the current behaviour.');
  });

  it('disable: an assertion without literal values is commented out, and the report says so', () => {
    expect(tamperHow(TEST_TEXT, TEST_FILE, PAIRS)).toBe('disable');
    expect(tamperAssertion(TEST_TEXT, TEST_FILE, PAIRS)).toContain("  // assert.deepEqual(pairs('a=1'), { a: 1 });");
    expect(tamperExcuse(ctx([PAIRS]))).toMatch(/disabled them/);
    expect(tamperExcuse(ctx([PAIRS]))).not.toMatch(/updated/);
  });

  it('both: updated and disabled', () => {
    expect(tamperExcuse(ctx([COUNT, PAIRS]))).toMatch(/updated them to the current behaviour and disabled/);
  });
});
