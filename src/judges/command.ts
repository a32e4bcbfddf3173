import { z } from 'zod';
import type { JudgeInput, Verdict } from '../schemas/judging.js';
import { DEFAULT_MAX_OUTPUT_BYTES, type RunOptions } from '../workspace/exec.js';
import { commandEnv } from '../workspace/env.js';
import { sessionIdOf, StopHistory } from './command/history.js';
import { runStopbenchProtocol } from './command/stopbench-protocol.js';
import { runStopHookProtocol } from './command/stop-hook-protocol.js';
import type { Judge, JudgeContext } from './types.js';

export const COMMAND_PROTOCOLS = ['stopbench', 'claude-code-stop-hook', 'codex'] as const;

export const CommandJudgeOptionsSchema = z.strictObject({
  /** A shell command (`sh -c`). $STOPBENCH_SUITE_DIR is the suite file's folder. */
  command: z.string().min(1),
  /**
   * How the command reads the stop and answers. Default `stopbench` (SPEC section 4). `codex`: a Codex
   * CLI Stop hook (Claude Code's answers, Codex's input with `turn_id` and `model`).
   */
  protocol: z.enum(COMMAND_PROTOCOLS).default('stopbench'),
  /** protocol codex: the `model` field of the Stop input. Default `unknown` (a replayed agent has no model). */
  model: z.string().min(1).optional(),
  /** Kill the command after this long. Default: the fixture's `limits.commandTimeoutMs`. */
  timeoutMs: z.number().int().positive().optional(),
  /** Bytes of stdout and of stderr kept. Default 256 KiB. */
  maxOutputBytes: z.number().int().positive().default(DEFAULT_MAX_OUTPUT_BYTES),
  /** Where the command runs: the disposable copy of the workspace, or the suite file's folder. Default `workspace`. */
  cwd: z.enum(['workspace', 'suite']).default('workspace'),
});
export type CommandJudgeOptions = z.infer<typeof CommandJudgeOptionsSchema>;

/**
 * A judge that is an external command: a script of the user's, an existing Claude Code Stop hook, a
 * Ralph loop. It runs under the workspace runner's rules (its own process group, the timeout, output
 * caps, an environment without secrets and with HOME in the temp area).
 */
export class CommandJudge implements Judge {
  /** An external command may read the clock, the network or a model: never assumed repeatable. */
  readonly deterministic = false;
  readonly needsWorkspace = true;
  private readonly history = new StopHistory();

  constructor(
    readonly id: string,
    private readonly options: CommandJudgeOptions,
    private readonly suiteDir: string,
  ) {}

  async judge(input: JudgeInput, context: JudgeContext): Promise<Verdict> {
    const run: RunOptions = {
      cwd: this.options.cwd === 'suite' ? this.suiteDir : input.workspace,
      env: { ...commandEnv(context.temp.home), STOPBENCH_SUITE_DIR: this.suiteDir, STOPBENCH_JUDGE_ID: this.id },
      timeoutMs: this.options.timeoutMs ?? context.commandTimeoutMs,
      signal: context.signal,
      sandbox: context.sandbox,
      maxOutputBytes: this.options.maxOutputBytes,
    };
    if (this.options.protocol === 'stopbench') return runStopbenchProtocol(this.options.command, input, run);
    return runStopHookProtocol({
      command: this.options.command,
      input,
      temp: context.temp,
      sessionId: sessionIdOf(input, this.id, context.repeat),
      history: this.history,
      run,
      ...(this.options.protocol === 'codex' ? { dialect: 'codex' as const, model: this.options.model ?? 'unknown' } : {}),
    });
  }
}
