import { parseTestCounts } from '../../text/test-counts.js';
import type { Finding } from './check.js';
import type { VerifyContext } from './context.js';
import { failingTests } from './test-output.js';

const CONTRADICTION = /contradict\w*|conflict\w*|incompatible|mutually exclusive|cannot both|can't both|both .{0,40}(?:cannot|can't)|impossible|inconsistent|irreconcil\w*/i;

/**
 * Accepts `blocked` only on evidence that the contract itself cannot be met, never as a way out of work:
 * verification still fails, the agent left tests and scope alone, and either its attempts traded one
 * failing test for another (fixing A broke B), or its report names the failing tests and the
 * contradiction between them.
 */
export async function blockedEvidence(context: VerifyContext, intact: Finding[]): Promise<Finding> {
  const reruns = await context.reruns();
  const failing = reruns.filter((r) => r.result.exitCode !== 0);
  if (failing.length === 0) {
    return notProven('verification passes in the current state, so nothing blocks the goal', 'The verification passes now; finish the task instead of reporting it blocked.');
  }
  const tampered = intact.filter((f) => !f.met);
  if (tampered.length > 0) {
    return notProven(`the agent changed what it may not: ${tampered.map((f) => f.evidence).join('; ')}`, 'Undo the changes outside the contract before reporting blocked.');
  }
  const failingNow = new Set(failing.flatMap((r) => failingTests(r.result.output)));
  const attempts = context.runs
    .filter((r) => r.exitCode !== 0 && parseTestCounts(r.output).recognised)
    .map((r) => new Set(failingTests(r.output)))
    .filter((set) => set.size > 0);
  const traded = attempts.some((a, i) => attempts.slice(i + 1).some((b) => [...a].some((t) => !b.has(t)) && [...b].some((t) => !a.has(t))));
  if (traded) return { id: 'verify-commands', met: true, evidence: 'attempts traded one failing test for another: the tests conflict' };
  const named = [...failingNow].filter((name) => context.input.report.includes(name));
  if (named.length > 0 && CONTRADICTION.test(context.input.report)) {
    return { id: 'verify-commands', met: true, evidence: `the report names failing tests (${named.join(', ')}) and the contradiction between them` };
  }
  return notProven(
    'no evidence that the contract cannot be met: no attempt traded failing tests, and the report does not name the conflicting tests',
    'Show why the goal cannot be met: name the tests or requirements that contradict each other, with the runs that show it, or keep working.',
  );
}

function notProven(evidence: string, feedback: string): Finding {
  return { id: 'verify-commands', met: false, evidence, feedback };
}
