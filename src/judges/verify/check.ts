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
}

export type Check = (context: VerifyContext) => Promise<Finding> | Finding;

export function met(id: CheckId, evidence: string): Finding {
  return { id, met: true, evidence };
}

export function notMet(id: CheckId, evidence: string, feedback: string): Finding {
  return { id, met: false, evidence, feedback };
}
