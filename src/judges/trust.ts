import { z } from 'zod';
import type { JudgeInput, Verdict } from '../schemas/judging.js';
import type { Judge } from './types.js';

export const TrustOptionsSchema = z.strictObject({});

/**
 * The "no judge" baseline: believes the agent, as a Ralph loop does. `done` when the agent claims
 * done, `blocked` when it claims blocked.
 */
export class TrustJudge implements Judge {
  readonly deterministic = true;
  readonly needsWorkspace = false;

  constructor(readonly id: string) {}

  async judge(input: JudgeInput): Promise<Verdict> {
    return { decision: input.claim, feedback: `accepted the agent's claim (${input.claim})` };
  }
}
