import { readFile } from 'node:fs/promises';
import { StopHookInputSchema } from '../../formats/claude-code/stop-hook-io.js';
import { parseFinalMessage } from '../../agents/final-message.js';
import { InputError } from '../../errors.js';
import { judgeRepository } from '../../judge-repo.js';
import { checkValue } from '../../load/yaml.js';
import { readTaskFile } from '../../load/task-file.js';
import { selectJudge } from '../../judges/select.js';
import { resolveSandbox, type SandboxSettings } from '../../sandbox/settings.js';
import type { Verdict } from '../../schemas/judging.js';
import { BlockState } from './block-state.js';
import { parseClaudeTranscript, type ReadTranscript } from '../../formats/claude-code/transcript-read.js';
import { sessionOfTranscript } from '../../repo/session-start.js';

export interface ClaudeCodeHookOptions {
  contractFile: string;
  judgeId?: string | undefined;
  configFile?: string | undefined;
  /** Blocks in a row after which the stop goes through whatever the judge says. Default 3. */
  maxBlocks: number;
  base?: string | undefined;
  signal?: AbortSignal | undefined;
  /** How the judge's commands run. Default: resolveSandbox() (STOPBENCH_SANDBOX, else `auto`). */
  sandbox?: SandboxSettings | undefined;
}

/** The hook's answer in Claude Code's protocol: stdout and exit code (0 always; a failure is thrown). */
export interface HookAnswer {
  /** `{"decision":"block","reason":...}` to send the agent back; empty to let it stop. */
  stdout: string;
  /** A note for the user (Claude Code shows a hook's stderr in verbose mode). */
  note: string;
  verdict: Verdict | null;
}

/**
 * Any stopbench judge as a Claude Code Stop hook: reads the session's transcript, judges the
 * session's repository against the contract, and blocks the stop (`continue`) or lets it through
 * (`done`, `blocked`). Blocks in a row are counted per session; `stop_hook_active: false` means a new
 * request started, so the count starts again, and at `maxBlocks` the stop goes through.
 */
export async function runClaudeCodeHook(stdin: string, options: ClaudeCodeHookOptions): Promise<HookAnswer> {
  let value: unknown;
  try {
    value = JSON.parse(stdin);
  } catch {
    throw new InputError('stdin: not JSON (expected the Stop hook input of Claude Code)');
  }
  const payload = checkValue(value, 'stdin', StopHookInputSchema);
  const sandbox = options.sandbox ?? resolveSandbox();
  const state = await BlockState.for(payload.cwd, sandbox);
  const blocks = payload.stop_hook_active ? await state.blocks(payload.session_id) : 0;
  if (blocks >= options.maxBlocks) {
    await state.set(payload.session_id, 0);
    return { stdout: '', note: `stopbench: let the stop through after ${blocks} blocks in a row (--max-blocks ${options.maxBlocks})`, verdict: null };
  }

  const [task, judge, transcript] = await Promise.all([
    readTaskFile(options.contractFile),
    selectJudge({ id: options.judgeId, configFile: options.configFile }),
    readTranscript(payload.transcript_path ?? undefined, payload.cwd),
  ]);
  const finalMessage = payload.last_assistant_message ?? transcript.lastAssistantText ?? '';
  const { claim, report } = parseFinalMessage(finalMessage);
  const { verdict, baseRev, input } = await judgeRepository({
    task, repoDir: payload.cwd, base: options.base, claim, report,
    transcript: transcript.entries, turn: transcript.turns, judge, signal: options.signal, sandbox,
    session: { id: payload.session_id, startedAt: transcript.startedAt }, contractFile: options.contractFile,
    transcriptMissing: transcript.missing,
  });
  const unchanged = input.diff.files.length === 0 ? `; no changes since ${baseRev ? baseRev.slice(0, 12) : 'an empty tree'}` : '';
  if (verdict.decision === 'continue') {
    await state.set(payload.session_id, blocks + 1);
    const reason = verdict.feedback ?? `The ${judge.id} judge says the goal is not met yet.`;
    return { stdout: `${JSON.stringify({ decision: 'block', reason })}\n`, note: `stopbench ${judge.id}: continue (block ${blocks + 1} of ${options.maxBlocks})${unchanged}`, verdict };
  }
  await state.set(payload.session_id, 0);
  return { stdout: '', note: `stopbench ${judge.id}: ${verdict.decision}${unchanged}`, verdict };
}

/**
 * The session's transcript. None given: judged without one (the checks that need it are skipped). Given
 * but missing or unreadable: bad input, so the hook fails open with one line rather than judging an
 * agent by an empty record ("never run", "write a report").
 */
async function readTranscript(file: string | undefined, cwd: string): Promise<ReadTranscript & { missing: boolean; startedAt?: string | undefined }> {
  if (!file) return { entries: [], lastAssistantText: null, firstUserText: null, turns: 1, missing: true };
  const expanded = file.startsWith('~/') ? `${process.env.HOME ?? ''}${file.slice(1)}` : file;
  const text = await readFile(expanded, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`transcript_path: ${file}: ${error.code === 'ENOENT' ? 'file not found' : `cannot read (${error.code ?? 'unknown error'})`}`);
  });
  return { ...parseClaudeTranscript(text, cwd), missing: false, startedAt: sessionOfTranscript(text).startedAt };
}
