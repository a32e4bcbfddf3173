import { z } from 'zod';
import type { JudgeInput, Verdict } from '../schemas/judging.js';
import type { Judge, JudgeContext } from './types.js';
import { blockedEvidence } from './verify/blocked.js';
import { CHECK_IDS, NEEDS_TRANSCRIPT, skipped, type Check, type CheckId, type Finding } from './verify/check.js';
import { accountForCriteria, uncoveredLine } from './verify/criteria.js';
import { createContext } from './verify/context.js';
import { risk } from './verify/checks/risk.js';
import { report } from './verify/checks/report.js';
import { scope, testsIntact } from './verify/checks/changes.js';
import { specialCases } from './verify/checks/special-cases.js';
import { claimedRuns, freshVerification, skippedTests, unresolvedErrors, verifyCommands, zeroTests } from './verify/checks/verification.js';

export const VerifyOptionsSchema = z.strictObject({
  /** Checks to leave out, to measure what each is worth. Default: none. */
  disable: z.array(z.enum(CHECK_IDS)).default([]),
  /**
   * What a done criterion that no check covers does to the decision: `note` (default) names it in the
   * verdict (criterion `done:<id>`, `unknown`) and decides on the rest; `continue` sends the agent back.
   */
  uncovered: z.enum(['continue', 'note']).default('note'),
});
export type VerifyOptions = z.infer<typeof VerifyOptionsSchema>;

const CHECKS: Record<CheckId, Check> = {
  'verify-commands': verifyCommands,
  'zero-tests': zeroTests,
  'skipped-tests': skippedTests,
  scope,
  'tests-intact': testsIntact,
  'fresh-verification': freshVerification,
  'claimed-runs': claimedRuns,
  'unresolved-errors': unresolvedErrors,
  risk,
  report,
  'special-cases': specialCases,
};

/**
 * Checks evidence instead of trusting claims: reruns the contract's verification in its own copy,
 * reads the diff and the transcript, and says `done` only when every enabled check is met.
 */
export class VerifyJudge implements Judge {
  readonly deterministic = true;
  // It copies the state itself, and only when a verify command must really run (see verify/context.ts).
  readonly needsWorkspace = false;
  private readonly checks: Array<[CheckId, Check]>;
  private readonly uncoveredMode: VerifyOptions['uncovered'];

  constructor(
    readonly id: string,
    options: Omit<VerifyOptions, 'uncovered'> & Partial<Pick<VerifyOptions, 'uncovered'>>,
  ) {
    this.checks = CHECK_IDS.filter((c) => !options.disable.includes(c)).map((c) => [c, CHECKS[c]]);
    this.uncoveredMode = options.uncovered ?? 'note';
  }

  async judge(input: JudgeInput, judgeContext: JudgeContext): Promise<Verdict> {
    const context = createContext(input, judgeContext);
    const findings: Finding[] = [];
    for (const [id, check] of this.checks) {
      findings.push(judgeContext.transcriptMissing && NEEDS_TRANSCRIPT.includes(id) ? skipped(id) : await check(context));
    }
    const account = accountForCriteria(input.contract, findings, this.checks.map(([id]) => id));
    const criteria = [
      ...findings.map(({ id, met, evidence, status }) => ({ id, met, evidence, ...(status ? { status } : {}) })),
      ...account.criteria,
    ];

    if (input.claim === 'blocked') {
      const intact = findings.filter((f) => f.id === 'scope' || f.id === 'tests-intact' || f.id === 'special-cases');
      const evidence = await blockedEvidence(context, intact);
      const blockedCriteria = [...criteria, { id: 'blocked-evidence', met: evidence.met, evidence: evidence.evidence }];
      if (evidence.met) return { decision: 'blocked', feedback: evidence.evidence, criteria: blockedCriteria };
      return { decision: 'continue', feedback: evidence.feedback ?? evidence.evidence, criteria: blockedCriteria };
    }

    const unmet = findings.filter((f) => !f.met && f.status === undefined);
    const lines = unmet.map((f) => `[${f.id}] ${f.feedback ?? f.evidence}`);
    const blocking = this.uncoveredMode === 'continue' && account.uncovered.length > 0;
    if (blocking) {
      lines.push(...account.uncovered.map((u) => `[done:${u.id}] No check covers "${u.text}"; verify it yourself and say in your report how you did.`));
    }
    if (lines.length === 0) {
      const note = account.uncovered.length > 0 ? `; note: ${uncoveredLine(account.uncovered)}` : '';
      return { decision: 'done', feedback: `every check is met${note}`, criteria };
    }
    const feedback = lines.map((line, i) => `${i + 1}. ${line}`).join('\n');
    return { decision: 'continue', feedback: `Not done yet:\n${feedback}`, criteria };
  }
}
