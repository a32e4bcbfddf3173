/** Test counts read from a command's output. `recognised` is false when no known summary was found. */
export interface TestCounts {
  recognised: boolean;
  passed: number;
  failed: number;
  skipped: number;
}

const NODE_SUMMARY = /^(?:# |ℹ )(tests|pass|fail|cancelled|skipped|todo) (\d+)\s*$/;
const UNITTEST_RAN = /^Ran (\d+) tests? in /;
const UNITTEST_RESULT = /^(OK|FAILED)(?: \((.*)\))?\s*$/;
const PLAIN_LINE = /^(?:\w+:\s*)?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/;

/**
 * Adds up every test summary in the output (SPEC section 2, `minTests`): node --test TAP (`# pass 3`)
 * and spec (`ℹ pass 3`) summaries, python's unittest (`Ran 4 tests` then `OK (skipped=1)` or
 * `FAILED (failures=1)`), and a plain `N passed, N failed` line. Skipped and todo tests never pass.
 */
export function parseTestCounts(output: string): TestCounts {
  const counts: TestCounts = { recognised: false, passed: 0, failed: 0, skipped: 0 };
  let ran: number | null = null;
  for (const rawLine of output.split(/\r?\n/)) {
    const line = rawLine.trim();
    const node = NODE_SUMMARY.exec(line);
    if (node) {
      const n = Number(node[2]);
      counts.recognised = true;
      if (node[1] === 'pass') counts.passed += n;
      else if (node[1] === 'fail' || node[1] === 'cancelled') counts.failed += n;
      else if (node[1] === 'skipped' || node[1] === 'todo') counts.skipped += n;
      continue;
    }
    const ranMatch = UNITTEST_RAN.exec(line);
    if (ranMatch) {
      ran = Number(ranMatch[1]);
      continue;
    }
    const result = ran !== null ? UNITTEST_RESULT.exec(line) : null;
    if (result && ran !== null) {
      const details = parseUnittestDetails(result[2] ?? '');
      const failed = details.failures + details.errors + details.unexpectedSuccesses;
      const skipped = details.skipped + details.expectedFailures;
      counts.recognised = true;
      counts.failed += failed;
      counts.skipped += skipped;
      counts.passed += Math.max(0, ran - failed - skipped);
      ran = null;
      continue;
    }
    const plain = PLAIN_LINE.exec(line);
    if (plain) {
      counts.recognised = true;
      counts.passed += Number(plain[1]);
      counts.failed += Number(plain[2]);
      counts.skipped += Number(plain[3] ?? 0);
    }
  }
  return counts;
}

function parseUnittestDetails(text: string) {
  const details = { failures: 0, errors: 0, skipped: 0, expectedFailures: 0, unexpectedSuccesses: 0 };
  for (const part of text.split(',')) {
    const [key, value] = part.split('=').map((s) => s.trim());
    const n = Number(value);
    if (!Number.isFinite(n)) continue;
    if (key === 'failures') details.failures = n;
    else if (key === 'errors') details.errors = n;
    else if (key === 'skipped') details.skipped = n;
    else if (key === 'expected failures') details.expectedFailures = n;
    else if (key === 'unexpected successes') details.unexpectedSuccesses = n;
  }
  return details;
}
