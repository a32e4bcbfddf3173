import type { JudgeInput, Verdict } from '../schemas/judging.js';
import type { CommandCache } from '../cache/command-cache.js';
import type { SandboxSettings } from '../sandbox/settings.js';
import type { TempArea } from '../workspace/temp-area.js';

export interface JudgeContext {
  signal: AbortSignal;
  temp: TempArea;
  /** How the judge's commands run: the run's sandbox settings. */
  sandbox: SandboxSettings;
  repeat: number;
  /** Timeout of one command a judge runs (the fixture's `limits.commandTimeoutMs`). */
  commandTimeoutMs: number;
  /** The run's cache of deterministic command results, when it has one. */
  commands?: CommandCache;
  /** The episode being judged (unique in a run), for judges that keep state between its stops. */
  episode?: string;
  /**
   * The stop came without a transcript (`stopbench judge` with no `--transcript`, a hook input with no
   * `transcript_path`): checks that read what the agent did are skipped, not failed. Default false.
   */
  transcriptMissing?: boolean;
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
