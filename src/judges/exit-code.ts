import { z } from 'zod';
import type { JudgeInput, RunEntry, Verdict } from '../schemas/judging.js';
import type { Judge } from './types.js';

export const ExitCodeOptionsSchema = z.strictObject({
  /** Characters of the failing command's output sent back as feedback. Default 2000. */
  feedbackChars: z.number().int().positive().default(2000),
});
export type ExitCodeOptions = z.infer<typeof ExitCodeOptionsSchema>;

/**
 * The "tests pass" stop hook: accepts the agent's claim when the last command it ran exited 0,
 * otherwise sends it back with that command's output.
 */
export class ExitCodeJudge implements Judge {
  readonly deterministic = true;
  readonly needsWorkspace = false;

  constructor(
    readonly id: string,
    private readonly options: ExitCodeOptions,
  ) {}

  async judge(input: JudgeInput): Promise<Verdict> {
    const last = input.transcript.filter((e): e is RunEntry => e.kind === 'run').at(-1);
    if (!last) {
      return {
        decision: 'continue',
        feedback: 'No command was run; run the verification commands before stopping.',
        criteria: [{ id: 'last-command', met: false, evidence: 'no command in the transcript' }],
      };
    }
    if (last.exitCode === 0) {
      return {
        decision: input.claim,
        feedback: `the last command (${last.command}) exited 0`,
        criteria: [{ id: 'last-command', met: true, evidence: `${last.command} exited 0` }],
      };
    }
    const status = last.timedOut ? 'timed out' : `exited ${last.exitCode ?? 'by a signal'}`;
    return {
      decision: 'continue',
      feedback: `The last command, ${last.command}, ${status}:\n${last.output.slice(-this.options.feedbackChars)}`,
      criteria: [{ id: 'last-command', met: false, evidence: `${last.command} ${status}` }],
    };
  }
}
