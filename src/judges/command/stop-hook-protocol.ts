import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../../errors.js';
import type { JudgeInput, Verdict } from '../../schemas/judging.js';
import { checkLimits, ResourceLimitError, runCommand, type RunOptions } from '../../workspace/exec.js';
import type { TempArea } from '../../workspace/temp-area.js';
import { claudeTranscript, finalMessageOf, uuidFrom } from '../../formats/claude-code/transcript-write.js';
import type { StopHookPayload } from '../../formats/claude-code/stop-hook-io.js';
import type { CodexStopPayload } from '../../formats/codex/stop-hook-io.js';
import { failedOpen, mapHookAnswer } from './hook-answer.js';
import type { StopHistory } from './history.js';

export interface StopHookRun {
  command: string;
  input: JudgeInput;
  temp: TempArea;
  sessionId: string;
  history: StopHistory;
  run: RunOptions;
  /** Whose Stop input to send. Default `claude-code`. */
  dialect?: 'claude-code' | 'codex';
  /** Codex only: the `model` field. */
  model?: string;
}

/**
 * The `claude-code-stop-hook` protocol: writes the episode so far as a Claude Code transcript where
 * Claude Code keeps them (`$HOME/.claude/projects/<project>/<session>.jsonl`, HOME being the run's),
 * runs the hook in the workspace copy with the Stop payload on stdin, and maps its answer
 * (hook-answer.ts). `stop_hook_active` is true from the second turn on: an episode only
 * reaches turn 2 when this judge blocked turn 1. The contract is also written as a task file whose
 * path is in STOPBENCH_CONTRACT_FILE, so `stopbench hook claude-code` itself can run as such a hook.
 */
export async function runStopHookProtocol(job: StopHookRun): Promise<Verdict> {
  const { input, history } = job;
  // Where Claude Code keeps transcripts, under the HOME that commands see: the sandbox shows a
  // command its HOME and its folder, nothing else of the temp area.
  const dir = path.join(job.temp.home, '.claude', 'projects', input.workspace.replace(/[^A-Za-z0-9]/g, '-'));
  await mkdir(dir, { recursive: true });
  try {
    const transcriptPath = path.join(dir, `${job.sessionId}.jsonl`);
    await writeFile(transcriptPath, claudeTranscript(input, { sessionId: job.sessionId, earlier: (turn) => history.earlier(input, turn) }));
    const contractFile = path.join(dir, `${job.sessionId}.task.json`);
    await writeFile(contractFile, JSON.stringify({ id: input.fixture, title: input.fixture, contract: input.contract }, null, 2));
    const claude: StopHookPayload = {
      session_id: job.sessionId,
      transcript_path: transcriptPath,
      cwd: input.workspace,
      permission_mode: 'default',
      hook_event_name: 'Stop',
      stop_hook_active: input.turn > 1,
      last_assistant_message: finalMessageOf(input),
    };
    const codex = job.dialect === 'codex';
    const payload: StopHookPayload | CodexStopPayload = codex
      ? { ...claude, transcript_path: null, turn_id: uuidFrom(`${job.sessionId}\0turn${input.turn}`), model: job.model ?? 'unknown' }
      : claude;
    const env = { ...job.run.env, ...(codex ? {} : { CLAUDE_PROJECT_DIR: input.workspace }), STOPBENCH_CONTRACT_FILE: contractFile };
    let verdict: Verdict;
    try {
      const result = await runCommand(job.command, { ...job.run, env, stdin: JSON.stringify(payload), purpose: 'judge' });
      if (result.aborted) job.run.signal?.throwIfAborted();
      verdict = mapHookAnswer(checkLimits(result), input.claim, job.run.timeoutMs);
    } catch (error) {
      job.run.signal?.throwIfAborted();
      // A sandbox limit is the run's rule, not the hook's answer: an error, never a fail-open.
      if (error instanceof ResourceLimitError) throw error;
      verdict = failedOpen(input.claim, `could not start: ${errorMessage(error)}`);
    }
    if (verdict.decision === 'continue') history.record(input, verdict.feedback ?? '');
    return verdict;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
