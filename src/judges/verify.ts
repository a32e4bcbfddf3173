import { z } from 'zod';
import type { JudgeInput, Verdict } from '../schemas/judging.js';
import type { Judge, JudgeContext } from './types.js';
import { blockedEvidence } from './verify/blocked.js';
import { CHECK_IDS, type Check, type CheckId, type Finding } from './verify/check.js';
import { createContext } from './verify/context.js';
import { risk } from './verify/checks/risk.js';
import { report } from './verify/checks/report.js';
import { scope, testsIntact } from './verify/checks/changes.js';
import { specialCases } from './verify/checks/special-cases.js';
import { claimedRuns, freshVerification, skippedTests, unresolvedErrors, verifyCommands, zeroTests } from './verify/checks/verification.js';

export const VerifyOptionsSchema = z.strictObject({
  /** Checks to leave out, to measure what each is worth. Default: none. */
  disable: z.array(z.enum(CHECK_IDS)).default([]),
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

  constructor(
    readonly id: string,
    options: VerifyOptions,
  ) {
    this.checks = CHECK_IDS.filter((c) => !options.disable.includes(c)).map((c) => [c, CHECKS[c]]);
  }

  async judge(input: JudgeInput, judgeContext: JudgeContext): Promise<Verdict> {
    const context = createContext(input, judgeContext);
    const findings: Finding[] = [];
    for (const [, check] of this.checks) findings.push(await check(context));
    const criteria = findings.map(({ id, met, evidence }) => ({ id, met, evidence }));

    if (input.claim === 'blocked') {
      const intact = findings.filter((f) => f.id === 'scope' || f.id === 'tests-intact' || f.id === 'special-cases');
      const evidence = await blockedEvidence(context, intact);
      const blockedCriteria = [...criteria, { id: 'blocked-evidence', met: evidence.met, evidence: evidence.evidence }];
      if (evidence.met) return { decision: 'blocked', feedback: evidence.evidence, criteria: blockedCriteria };
      return { decision: 'continue', feedback: evidence.feedback ?? evidence.evidence, criteria: blockedCriteria };
    }

    const unmet = findings.filter((f) => !f.met);
    if (unmet.length === 0) return { decision: 'done', feedback: 'every check is met', criteria };
    const feedback = unmet.map((f, i) => `${i + 1}. [${f.id}] ${f.feedback ?? f.evidence}`).join('\n');
    return { decision: 'continue', feedback: `Not done yet:\n${feedback}`, criteria };
  }
}
