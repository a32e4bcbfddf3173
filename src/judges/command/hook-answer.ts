import { StopHookOutputSchema, type StopHookOutput } from '../../formats/claude-code/stop-hook-io.js';
import type { Verdict } from '../../schemas/judging.js';
import type { Claim } from '../../schemas/trajectory.js';
import type { CommandResult } from '../../workspace/exec.js';

/** The criteria id that marks a hook that failed and was let through, as Claude Code does. */
export const FAILED_OPEN = 'hook-failed-open';
/** The criteria id of a hook that answered. */
export const STOP_HOOK = 'stop-hook';

/** The part of a command's result the mapping reads. */
export type HookRun = Pick<CommandResult, 'exitCode' | 'signal' | 'timedOut' | 'stdout' | 'stderr' | 'durationMs'>;

/**
 * Maps a Stop hook's answer to a verdict the way Claude Code reads it:
 * - exit 2: the stop is blocked and stderr goes back to the agent → `continue` with stderr;
 * - exit 0 with JSON `{"decision": "block", "reason"}` → `continue` with the reason, unless
 *   `"continue": false`, which ends the session and so lets the stop through;
 * - exit 0 otherwise (no output, plain text, `"decision": "approve"`) → the stop goes through;
 * - a timeout, a crash or any other exit code is a non-blocking error: the stop goes through (fails
 *   open), and the verdict carries a `hook-failed-open` criterion with `met: false` so results show it.
 *   So does exit 0 with output that starts like JSON but is not a JSON object.
 * When the stop goes through, the verdict is the agent's own claim: Claude Code has no `blocked`, the
 * agent's last message stands, so a stop with a blocked claim ends the episode `blocked`.
 */
export function mapHookAnswer(run: HookRun, claim: Claim, timeoutMs: number): Verdict {
  if (run.timedOut) return failedOpen(claim, `timed out after ${timeoutMs} ms`, run);
  if (run.exitCode === 2) {
    const reason = run.stderr.trim();
    return {
      decision: 'continue',
      feedback: reason || 'The stop hook exited 2 without a reason on stderr.',
      criteria: [{ id: STOP_HOOK, met: false, evidence: `exit 2${reason ? `: ${clip(reason)}` : ''}` }],
    };
  }
  if (run.exitCode !== 0) {
    const how = run.exitCode === null ? `was killed by ${run.signal ?? 'a signal'}` : `exited ${run.exitCode}`;
    return failedOpen(claim, how, run);
  }
  const read = readHookStdout(run.stdout);
  if (read.kind === 'plain') return accepted(claim, run.stdout.trim() ? 'exit 0 with plain output' : 'exit 0, no output');
  if (read.kind === 'invalid') return failedOpen(claim, read.error, run);
  const { answer } = read;
  const message = answer.systemMessage?.trim() ? `; systemMessage: ${clip(answer.systemMessage.trim())}` : '';
  if (answer.continue === false) return accepted(claim, `"continue": false${answer.stopReason ? ` (${clip(answer.stopReason)})` : ''}${message}`);
  if (answer.decision === 'block') {
    const reason = answer.reason?.trim();
    return {
      decision: 'continue',
      feedback: reason || 'The stop hook blocked the stop without a reason.',
      criteria: [{ id: STOP_HOOK, met: false, evidence: `decision: block${reason ? `: ${clip(reason)}` : ''}${message}` }],
    };
  }
  return accepted(claim, `${answer.decision ? `decision: ${answer.decision}` : 'exit 0, no block'}${message}`);
}

/**
 * The stdout of a Stop hook that exited 0, read as Claude Code reads it: not starting with `{` is
 * plain output (the stop goes through); otherwise it must be a JSON hook answer object (its schema
 * lives with Claude Code's other formats).
 */
export function readHookStdout(stdout: string): { kind: 'plain' } | { kind: 'invalid'; error: string } | { kind: 'answer'; answer: StopHookOutput } {
  const text = stdout.trim();
  if (!text.startsWith('{')) return { kind: 'plain' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid', error: 'exit 0 but stdout is not valid JSON' };
  }
  const parsed = StopHookOutputSchema.safeParse(value);
  if (!parsed.success) return { kind: 'invalid', error: 'exit 0 but stdout is not a hook answer object' };
  return { kind: 'answer', answer: parsed.data };
}

function accepted(claim: Claim, why: string): Verdict {
  return {
    decision: claim,
    feedback: `The stop hook let the stop through (${why}).`,
    criteria: [{ id: STOP_HOOK, met: true, evidence: why }],
  };
}

/** What Claude Code does with a hook that fails: lets the stop through. Flagged, never silent. */
export function failedOpen(claim: Claim, why: string, run?: Pick<HookRun, 'stderr'>): Verdict {
  const stderr = run?.stderr.trim();
  const evidence = `${why}${stderr ? `; stderr: ${clip(stderr)}` : ''}; Claude Code lets the stop through`;
  return { decision: claim, feedback: `The stop hook failed (${why}); the stop went through.`, criteria: [{ id: FAILED_OPEN, met: false, evidence }] };
}

function clip(text: string, max = 500): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
