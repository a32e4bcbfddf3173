import type { Usage } from '../../schemas/judging.js';

/**
 * What one hook did at a stop, read the way Claude Code reads it:
 * - `block`: exit 2, `{"decision": "block"}`, or a model hook's `ok: false` — the agent continues;
 * - `stop`: `"continue": false` — Claude Code ends the session, the stop goes through;
 * - `pass`: the stop goes through;
 * - `failed`: a non-blocking error (a crash, a timeout, bad output, an API error) — Claude Code
 *   lets the stop through, and the result says so.
 */
export interface HookOutcome {
  /** `command: ./stop.sh`, for results and reports. */
  label: string;
  /** The command (or prompt) as Claude Code lists it in `stop_hook_summary.hookInfos`. */
  command: string;
  result: 'block' | 'pass' | 'stop' | 'failed';
  /** block: the reason, as the agent gets it. */
  reason?: string;
  /** stop: the hook's stopReason. */
  stopReason?: string;
  /** failed: what went wrong. */
  error?: string;
  systemMessage?: string;
  /** A command hook's exit code (null: a signal or a timeout). */
  exitCode?: number | null;
  stdout?: string;
  stderr?: string;
  durationMs: number;
  usage?: Usage;
}

const clip = (text: string, max = 400) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The outcome as one line of evidence: what the hook answered, its systemMessage, stdout and stderr. */
export function evidenceOf(outcome: HookOutcome): string {
  const parts: string[] = [];
  if (outcome.exitCode !== undefined) parts.push(outcome.exitCode === null ? 'no exit code' : `exit ${outcome.exitCode}`);
  if (outcome.result === 'block') parts.push(`blocked: ${clip(outcome.reason ?? '')}`);
  if (outcome.result === 'stop') parts.push(`"continue": false${outcome.stopReason ? ` (${clip(outcome.stopReason)})` : ''}`);
  if (outcome.result === 'failed') parts.push(`failed, Claude Code lets the stop through: ${clip(outcome.error ?? '')}`);
  if (outcome.result === 'pass') parts.push('let the stop through');
  if (outcome.systemMessage) parts.push(`systemMessage: ${clip(outcome.systemMessage)}`);
  if (outcome.stdout?.trim()) parts.push(`stdout: ${clip(outcome.stdout.trim())}`);
  if (outcome.stderr?.trim()) parts.push(`stderr: ${clip(outcome.stderr.trim())}`);
  parts.push(`${outcome.durationMs} ms`);
  return parts.join('; ');
}
