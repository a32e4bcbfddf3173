import { errorMessage } from '../../errors.js';
import { checkLimits, ResourceLimitError, runCommand, type CommandResult, type RunOptions } from '../../workspace/exec.js';
import { readHookStdout } from '../command/hook-answer.js';
import type { HookOutcome } from './outcome.js';
import { hookLabel, type CommandHook } from './settings-file.js';

/**
 * `${CLAUDE_PLUGIN_ROOT}` and `${CLAUDE_PROJECT_DIR}` are replaced in the command text before it
 * runs, as Claude Code does for plugin hooks; every other `$VAR` / `${VAR}` is the shell's, from the
 * hook's environment (which holds those two as well).
 */
export function expandCommand(command: string, vars: Record<string, string | undefined>): string {
  return command.replace(/\$\{(CLAUDE_PLUGIN_ROOT|CLAUDE_PROJECT_DIR)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** Runs one command hook with the Stop input on stdin and reads its answer (see outcome.ts). */
export async function runCommandHook(hook: CommandHook, stdin: string, run: RunOptions & { vars: Record<string, string | undefined> }): Promise<HookOutcome> {
  const base = { label: hookLabel(hook), command: hook.command };
  const timeoutMs = hook.timeout !== undefined ? Math.round(hook.timeout * 1000) : run.timeoutMs;
  let result: CommandResult;
  try {
    result = checkLimits(await runCommand(expandCommand(hook.command, run.vars), { ...run, timeoutMs, stdin, purpose: 'judge' }));
  } catch (error) {
    run.signal?.throwIfAborted();
    // A sandbox limit is the run's rule, not the hook's answer: an error, never a fail-open.
    if (error instanceof ResourceLimitError) throw error;
    return { ...base, result: 'failed', error: `could not start: ${errorMessage(error)}`, durationMs: 0 };
  }
  if (result.aborted) run.signal?.throwIfAborted();
  return { ...base, ...readAnswer(result, timeoutMs) };
}

/** Claude Code's reading of a command hook's exit code and output (its stdout as the command judge reads it). */
function readAnswer(result: Pick<CommandResult, 'exitCode' | 'signal' | 'timedOut' | 'stdout' | 'stderr' | 'durationMs'>, timeoutMs: number): Omit<HookOutcome, 'label' | 'command'> {
  const seen = { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, durationMs: Math.round(result.durationMs) };
  if (result.timedOut) return { ...seen, result: 'failed', error: `timed out after ${timeoutMs} ms` };
  if (result.exitCode === 2) return { ...seen, result: 'block', reason: result.stderr.trim() || 'The stop hook exited 2 without a reason on stderr.' };
  if (result.exitCode !== 0) {
    const how = result.exitCode === null ? `killed by ${result.signal ?? 'a signal'}` : `exited ${result.exitCode}`;
    return { ...seen, result: 'failed', error: `${how}${result.stderr.trim() ? '' : ' (no stderr output)'}` };
  }
  const read = readHookStdout(result.stdout);
  if (read.kind === 'plain') return { ...seen, result: 'pass' };
  if (read.kind === 'invalid') return { ...seen, result: 'failed', error: read.error };
  const { answer } = read;
  const message = answer.systemMessage?.trim() ? { systemMessage: answer.systemMessage.trim() } : {};
  if (answer.continue === false) return { ...seen, ...message, result: 'stop', stopReason: answer.stopReason ?? '' };
  if (answer.decision === 'block') return { ...seen, ...message, result: 'block', reason: answer.reason?.trim() || 'The stop hook blocked the stop without a reason.' };
  return { ...seen, ...message, result: 'pass' };
}
