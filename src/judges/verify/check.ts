import type { VerifyContext } from './context.js';

/** Every check the verify judge has, by the id its criteria entry carries. */
export const CHECK_IDS = [
  'verify-commands', 'zero-tests', 'skipped-tests', 'scope', 'tests-intact', 'fresh-verification',
  'claimed-runs', 'unresolved-errors', 'risk', 'report', 'special-cases',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** One check's finding: a `criteria` entry plus what to tell the agent when it is not met. */
export interface Finding {
  id: CheckId;
  met: boolean;
  evidence: string;
  /** A concrete next step for the agent, when `met` is false. */
  feedback?: string;
  /** `skipped`: the check had nothing to read (no transcript) and does not decide. */
  status?: 'skipped';
}

export type Check = (context: VerifyContext) => Promise<Finding> | Finding;

export function met(id: CheckId, evidence: string): Finding {
  return { id, met: true, evidence };
}

export function notMet(id: CheckId, evidence: string, feedback: string): Finding {
  return { id, met: false, evidence, feedback };
}

/** Checks that read what the agent did (its runs and its claims), so without a transcript they are skipped. */
export const NEEDS_TRANSCRIPT: readonly CheckId[] = ['fresh-verification', 'claimed-runs'];

export function skipped(id: CheckId): Finding {
  return { id, met: false, status: 'skipped', evidence: 'skipped: no transcript (the judge\'s own reruns of the verify commands stand as the verification evidence)' };
}
