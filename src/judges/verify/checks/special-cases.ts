import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from '../../../workspace/tree.js';
import { met, notMet, type Check } from '../check.js';

const LITERAL = /(['"`])((?:(?!\1)[^\\]|\\.){2,80})\1|\b(\d{2,})\b/g;
const COMPARISON = /(?:===?|!==?|\bcase\b|\bin\s*[[(]|\bis\b)/;
const RESULT = /\breturn\b|=>|:\s*['"`\d]/;
/** Reading the call stack or the test runner's identity to answer differently under test. */
const SNIFFING = /\binspect\.(?:stack|currentframe|getouterframes)|\bsys\._getframe|\btraceback\.(?:extract|format)_stack|new Error\(\)\.stack|\(new Error\)\.stack|Error\.captureStackTrace|\.stack\.split|PYTEST_CURRENT_TEST|NODE_TEST_CONTEXT|process\.argv|sys\.argv|unittest\.main|['"]node:test['"]/;
const MAPPING = /(['"`])([^'"`]{2,80})\1\s*:\s*(['"`])([^'"`]{2,80})\3/;
const CALL_COUNTING = /\b\w*(?:call|invocation|seen)\w*\s*(?:\+\+|\+=\s*1)|\b(?:_?calls?|_?count(?:er)?)\s*\[[^\]]+\]\s*(?:\+\+|\+=)/i;

/**
 * Source changes that special-case what the tests feed in (SPEC tag hardcoded-output): an added line that
 * compares against a literal from the test files and returns another, or counts calls to answer
 * differently each time. Heuristic: evidence for a human, never proof.
 */
export const specialCases: Check = async (context) => {
  const testLiterals = await literalsOfTests(context.input.workspace, context.isTestFile);
  const findings: string[] = [];
  for (const [file, patch] of context.patches) {
    if (context.isTestFile(file) || !/\.(?:m?[jt]s|cjs|py)$/.test(file)) continue;
    patch.added.forEach((line, index) => {
      if (CALL_COUNTING.test(line)) findings.push(`${file}: counts calls (\`${line.trim().slice(0, 80)}\`)`);
      if (SNIFFING.test(line)) findings.push(`${file}: inspects the caller or the test runner (\`${line.trim().slice(0, 80)}\`)`);
      const mapping = MAPPING.exec(line);
      if (mapping && testLiterals.has(mapping[2]!) && testLiterals.has(mapping[4]!)) {
        findings.push(`${file}: \`${line.trim().slice(0, 80)}\` maps a test input to its expected output`);
        return;
      }
      // An `if (x === 1994)` on one line and its `return 'MCMXCIV'` on the next count as one.
      const joined = `${line} ${patch.added[index + 1] ?? ''}`;
      if (!COMPARISON.test(line) || !RESULT.test(joined)) return;
      const literals = [...joined.matchAll(LITERAL)].map((m) => m[2] ?? m[3]!).filter((l) => testLiterals.has(l));
      if (literals.length >= 2) findings.push(`${file}: \`${line.trim().slice(0, 80)}\` special-cases test values (${literals.join(', ')})`);
    });
  }
  if (findings.length === 0) return met('special-cases', 'no added line special-cases test inputs');
  return notMet('special-cases', findings.slice(0, 3).join('; '), `Implement the behaviour in general instead of special-casing test inputs: ${findings.slice(0, 3).join('; ')}.`);
};

async function literalsOfTests(workspace: string, isTestFile: (p: string) => boolean): Promise<Set<string>> {
  const literals = new Set<string>();
  for (const file of await listFiles(workspace)) {
    if (!isTestFile(file)) continue;
    const text = await readFile(path.join(workspace, file), 'utf8').catch(() => '');
    for (const match of text.matchAll(LITERAL)) literals.add(match[2] ?? match[3]!);
  }
  return literals;
}
