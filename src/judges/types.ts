import type { Fixture } from '../load/fixture.js';
import type { JudgeInput, Verdict } from '../schemas/judging.js';
import type { TempArea } from '../workspace/temp-area.js';

export interface JudgeContext {
  signal: AbortSignal;
  fixture: Fixture;
  temp: TempArea;
  repeat: number;
}

/**
 * A judge plugin: one file under src/judges, registered by `type` in registry.ts. A failed judgement
 * throws; the runner records it as an `error` checkpoint, never as a verdict.
 */
export interface Judge {
  readonly id: string;
  /** Same input, same verdict: repeats may reuse it. */
  readonly deterministic: boolean;
  /** Whether `input.workspace` must be a disposable copy the judge may run commands in. */
  readonly needsWorkspace: boolean;
  judge(input: JudgeInput, context: JudgeContext): Promise<Verdict>;
}
