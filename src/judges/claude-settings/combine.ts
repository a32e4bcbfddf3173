import type { StopHookSummary } from '../../formats/claude-code/transcript-write.js';
import { addUsage } from '../../llm/client.js';
import type { CriterionVerdict, TranscriptEntry, Usage, Verdict } from '../../schemas/judging.js';
import type { Claim } from '../../schemas/trajectory.js';
import { FAILED_OPEN } from '../command/hook-answer.js';
import { evidenceOf, type HookOutcome } from './outcome.js';

/** Claude Code's default for CLAUDE_CODE_STOP_HOOK_BLOCK_CAP: the 9th block in a row is ignored. */
export const DEFAULT_BLOCK_CAP = 8;

/** The criterion that marks a block Claude Code would have ignored because of the block cap. */
export const BLOCK_CAP = 'stop-hook-block-cap';

/**
 * Blocks in a row before the stop at `turn`, as Claude Code counts them for the cap: every earlier
 * stop of an episode was blocked (that is how the episode got here), and a continuation in which the
 * agent used a tool starts the count again.
 */
export function consecutiveBlocks(transcript: readonly TranscriptEntry[], turn: number): number {
  let blocks = 0;
  for (let t = 2; t <= turn; t++) {
    blocks += 1;
    if (transcript.some((e) => e.turn === t && e.kind !== 'say')) blocks = 0;
  }
  return blocks;
}

export interface Combined {
  verdict: Verdict;
  /** For the transcript of the next stop: what Claude Code sends back and records. */
  feedback: string;
  summary: StopHookSummary;
}

/**
 * All hooks of the event ran together; Claude Code reads them as one answer: `"continue": false`
 * from any hook ends the session (the stop goes through); otherwise any block blocks, unless the
 * block cap is reached; otherwise the stop goes through. A stop that goes through keeps the agent's
 * own claim (Claude Code has no `blocked`). Every hook becomes a criterion with what it answered and
 * printed; a failed hook also raises `hook-failed-open`.
 */
export function combineOutcomes(outcomes: HookOutcome[], claim: Claim, options: { blocksBefore: number; blockCap: number; keptFiles: string[] }): Combined {
  const criteria: CriterionVerdict[] = outcomes.map((o) => ({ id: o.label, met: o.result === 'pass' || o.result === 'stop', evidence: evidenceOf(o) }));
  const failed = outcomes.filter((o) => o.result === 'failed');
  if (failed.length) criteria.push({ id: FAILED_OPEN, met: false, evidence: failed.map((o) => `${o.label}: ${o.error}`).join('; ') });
  if (options.keptFiles.length) criteria.push({ id: 'hook-state', met: true, evidence: `files the hooks wrote, kept for the next stop: ${options.keptFiles.join(', ')}` });
  let usage: Usage | undefined;
  for (const o of outcomes) if (o.usage) usage = addUsage(usage, o.usage);

  const stopping = outcomes.filter((o) => o.result === 'stop');
  const blocking = outcomes.filter((o) => o.result === 'block');
  // Claude Code names the command in front of an exit-2 reason (stderr); a JSON block's or a model
  // hook's reason goes back as it is.
  const feedback = blocking.map((o) => (o.exitCode === 2 ? `[${o.command}]: ${o.reason}` : o.reason!)).join('\n\n');
  const summary: StopHookSummary = {
    hookInfos: outcomes.map((o) => (o.result === 'block' ? { command: o.command } : { command: o.command, durationMs: o.durationMs })),
    hookErrors: [...blocking.map((o) => o.reason!), ...failed.map((o) => o.error!)],
    preventedContinuation: stopping.length > 0,
    stopReason: stopping.map((o) => o.stopReason).filter(Boolean).join('\n'),
    hasOutput: outcomes.some((o) => Boolean(o.stdout?.trim() || o.stderr?.trim())),
  };
  const base = { criteria, ...(usage ? { usage } : {}) };
  if (stopping.length) {
    return { verdict: { ...base, decision: claim, feedback: `A hook answered "continue": false; Claude Code ends the session.` }, feedback, summary };
  }
  if (blocking.length) {
    if (options.blockCap > 0 && options.blocksBefore >= options.blockCap) {
      criteria.push({ id: BLOCK_CAP, met: false, evidence: `${options.blocksBefore} blocks in a row; Claude Code ignores the next (CLAUDE_CODE_STOP_HOOK_BLOCK_CAP=${options.blockCap}) and lets the stop through` });
      return { verdict: { ...base, decision: claim, feedback: `The hooks blocked again, but Claude Code lets the stop through after ${options.blockCap} blocks in a row.` }, feedback, summary };
    }
    return { verdict: { ...base, decision: 'continue', feedback }, feedback, summary };
  }
  const why = failed.length ? `${failed.length} hook${failed.length > 1 ? 's' : ''} failed and Claude Code let the stop through` : 'no hook blocked';
  return { verdict: { ...base, decision: claim, feedback: `The stop went through (${why}).` }, feedback, summary };
}
