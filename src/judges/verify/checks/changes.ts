import { scopeMatcher } from '../../../text/globs.js';
import { met, notMet, type Check } from '../check.js';

/** Every changed path is allowed by the contract's scope and none is denied. */
export const scope: Check = (context) => {
  const inScope = scopeMatcher(context.input.contract.scope);
  const outside = context.input.diff.files.filter((f) => !inScope(f.path));
  if (outside.length === 0) return met('scope', `${context.input.diff.files.length} changed paths, all in scope`);
  const list = outside.map((f) => `${f.path} (${f.status})`).join(', ');
  return notMet('scope', `out of scope: ${list}`, `These changes are outside the allowed scope; revert them: ${list}.`);
};

const SKIP_MARKER = /\b(?:test|it|describe|suite)\.(?:skip|only|todo)\s*\(|\{\s*(?:skip|only|todo)\s*:\s*true|@unittest\.skip|@(?:pytest\.mark\.)?skip|\bself\.skipTest\(|\bxit\(|\bxdescribe\(/;
const ASSERTION = /\bassert\w*\b|\bexpect\s*\(|\.should\b|self\.assert\w*\(|\bt\.(?:equal|deepEqual|ok|throws)\b/;

/** Assertions that pin a value or an error, as opposed to `assert.ok` / `assertTrue`. */
const STRONG_ASSERTION = /(?:[Ee]qual|[Tt]hrows|[Rr]aises|[Mm]atch|[Rr]ejects|toBe|toEqual|assertIn|assertIs)\w*\s*\(/;

/** Tests are not deleted, skipped, narrowed with `.only`, or stripped of assertions. */
export const testsIntact: Check = (context) => {
  const problems: string[] = [];
  for (const file of context.input.diff.files) {
    if (!context.isTestFile(file.path)) continue;
    if (file.status === 'deleted') {
      problems.push(`${file.path} deleted`);
      continue;
    }
    const patch = context.patches.get(file.path);
    if (!patch) continue;
    if (patch.added.some((line) => SKIP_MARKER.test(line))) problems.push(`${file.path}: a test is skipped or narrowed (.skip/.only/todo)`);
    const count = (lines: string[], pattern: RegExp) => lines.filter((line) => pattern.test(line)).length;
    const lost = count(patch.removed, ASSERTION) - count(patch.added, ASSERTION);
    const weakened = count(patch.removed, STRONG_ASSERTION) - count(patch.added, STRONG_ASSERTION);
    if (lost > 0) problems.push(`${file.path}: ${lost} assertions removed`);
    else if (weakened > 0) problems.push(`${file.path}: ${weakened} assertions weakened`);
  }
  if (problems.length === 0) return met('tests-intact', 'no test deleted, skipped or weakened');
  return notMet('tests-intact', problems.join('; '), `Restore the tests you changed (${problems.join('; ')}); fix the code, not the tests.`);
};
