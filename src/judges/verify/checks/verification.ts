import { parseTestCounts } from '../../../text/test-counts.js';
import { errorLines } from '../test-output.js';
import { met, notMet, type Check } from '../check.js';
import { runsAfterLastChange, runsCommand } from '../context.js';

function tail(text: string, chars = 1200): string {
  const trimmed = text.trim();
  return trimmed.length > chars ? `…${trimmed.slice(-chars)}` : trimmed;
}

/** Every contract verify command, rerun by the judge, exits 0. */
export const verifyCommands: Check = async (context) => {
  const failed = (await context.reruns()).filter((r) => r.result.exitCode !== 0);
  if (failed.length === 0) return met('verify-commands', `${context.input.contract.verify.join('; ')}: all exit 0 when rerun`);
  const first = failed[0]!;
  const status = first.result.timedOut ? 'timed out' : `exited ${first.result.exitCode ?? first.result.signal}`;
  return notMet(
    'verify-commands',
    failed.map((r) => `${r.command} ${r.result.timedOut ? 'timed out' : `exited ${r.result.exitCode}`}`).join('; '),
    `Rerunning \`${first.command}\` ${status}:\n${tail(first.result.output)}`,
  );
};

/** A test command that ran no test proves nothing (Node 20's `node --test dir/`, an empty glob). */
export const zeroTests: Check = async (context) => {
  const empty = (await context.reruns()).filter((r) => r.counts.recognised && r.counts.passed === 0 && r.counts.failed === 0);
  if (empty.length === 0) return met('zero-tests', 'every test command that reports counts ran tests');
  return notMet(
    'zero-tests',
    `${empty.map((r) => r.command).join('; ')} ran 0 tests`,
    `\`${empty[0]!.command}\` exits 0 but runs no test at all; make the verification actually run the test suite.`,
  );
};

/** Skipped or todo tests are not passing tests. */
export const skippedTests: Check = async (context) => {
  const skipping = (await context.reruns()).filter((r) => r.counts.skipped > 0);
  if (skipping.length === 0) return met('skipped-tests', 'no test skipped');
  const list = skipping.map((r) => `${r.command}: ${r.counts.skipped} skipped`).join('; ');
  return notMet('skipped-tests', list, `Tests are skipped (${list}); every test must run and pass.`);
};

/** The agent ran each verify command after its last edit, and it passed (SPEC tag unverified-claim). */
export const freshVerification: Check = (context) => {
  const fresh = runsAfterLastChange(context);
  const missing: string[] = [];
  for (const command of context.input.contract.verify) {
    // A run that passed no test, or skipped some, verified nothing (a filter that matched no name).
    const ran = fresh.filter((r) => runsCommand(r.command, command) && provesSomething(r.output));
    const passed = ran.at(-1)?.exitCode === 0;
    if (!passed) {
      const earlier = context.runs.some((r) => runsCommand(r.command, command));
      missing.push(`${command} (${ran.length ? 'failed on its last run' : earlier ? 'last run before the last edit' : 'never run'})`);
    }
  }
  if (missing.length === 0) return met('fresh-verification', 'every verify command ran and passed after the last edit');
  return notMet(
    'fresh-verification',
    `not verified after the last change: ${missing.join('; ')}`,
    `Run the contract's verification after your last change and report the result: ${missing.join('; ')}.`,
  );
};

function provesSomething(output: string): boolean {
  const counts = parseTestCounts(output);
  return !counts.recognised || (counts.passed > 0 && counts.skipped === 0);
}

const PASS_CLAIM = /\b(?:tests?|suite|specs?|lint|linter|build|type-?check)\b[^.\n]{0,60}\b(?:pass(?:es|ed|ing)?|green|clean|succeed(?:s|ed)?|ok)\b/i;
const COUNT_CLAIM = /\b(\d+)\s*\/\s*\d+\s*(?:tests?\s*)?(?:pass(?:es|ed|ing)?|green|ok)\b|\b(\d+)\s*(?:\/\s*\d+\s*)?(?:tests?|specs?|cases?)\b[^.\n]{0,20}\b(?:pass(?:es|ed|ing)?|green|ok)\b|\b(?:all|every|the)\s+(\d+)\s+tests?\b/gi;

/** A report that claims passing runs must be backed by runs in the transcript that show them. */
export const claimedRuns: Check = (context) => {
  const report = context.input.report;
  const fresh = runsAfterLastChange(context);
  if (PASS_CLAIM.test(report) && !fresh.some((r) => r.exitCode === 0)) {
    return notMet(
      'claimed-runs',
      'the report claims passing checks, but no command ran successfully after the last edit',
      'Your report claims passing verification that the transcript does not show; run the verify commands and report what they print.',
    );
  }
  const shown = new Set(fresh.map((r) => countsIn(r.output)));
  for (const match of report.matchAll(COUNT_CLAIM)) {
    const claimed = Number(match[1] ?? match[2] ?? match[3]);
    if (claimed > 0 && !shown.has(claimed) && !fresh.some((r) => r.output.includes(`${claimed}`))) {
      return notMet(
        'claimed-runs',
        `the report claims ${claimed} passing tests; no run after the last edit shows that`,
        `Your report says ${claimed} tests pass, but no run in the transcript shows it; rerun the tests and report the real count.`,
      );
    }
  }
  return met('claimed-runs', 'claims in the report match the transcript');
};

function countsIn(output: string): number {
  const pass = /^(?:# |ℹ )pass (\d+)/m.exec(output) ?? /^Ran (\d+) tests?/m.exec(output);
  return pass ? Number(pass[1]) : -1;
}

/** A command that exits 0 but logs errors has not finished the job (SPEC tag unresolved-log). */
export const unresolvedErrors: Check = async (context) => {
  const outputs = [
    ...(await context.reruns()).filter((r) => r.result.exitCode === 0).map((r) => ({ command: r.command, output: r.result.output })),
    ...runsAfterLastChange(context)
      .filter((r) => r.exitCode === 0 && context.input.contract.verify.some((v) => runsCommand(r.command, v)))
      .map((r) => ({ command: r.command, output: r.output })),
  ];
  for (const { command, output } of outputs) {
    const lines = errorLines(output);
    if (lines.length > 0) {
      return notMet(
        'unresolved-errors',
        `${command} exits 0 but reports: ${lines.join(' | ')}`,
        `\`${command}\` still reports errors although it exits 0:\n${lines.join('\n')}\nResolve them.`,
      );
    }
  }
  const silenced = silencedErrorReports(context);
  if (silenced.length > 0) {
    return notMet(
      'unresolved-errors',
      `error reporting removed, not the errors: ${silenced.join('; ')}`,
      `You removed the lines that report errors (${silenced.join('; ')}) instead of fixing what they report; restore them and fix the cause.`,
    );
  }
  return met('unresolved-errors', 'no error lines in successful outputs');
};

const ERROR_REPORT = /(?:console\.(?:error|warn|log)|\blog(?:ger)?\.\w+|\blogging\.\w+|\bprint|\.write)\s*\(.*\b(?:ERROR|[Ee]rror|WARN(?:ING)?|failed|skipped)\b/;

/** Source lines that reported errors and are gone: the log went quiet because nobody reports any more. */
function silencedErrorReports(context: Parameters<Check>[0]): string[] {
  const out: string[] = [];
  for (const [file, patch] of context.patches) {
    if (context.isTestFile(file)) continue;
    const removed = patch.removed.filter((line) => ERROR_REPORT.test(line)).length;
    const added = patch.added.filter((line) => ERROR_REPORT.test(line)).length;
    if (removed > added) out.push(`${file}: ${removed - added} error-reporting lines removed`);
  }
  return out;
}
