import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { renderTask } from '../../agents/task-prompt.js';
import type { JudgeInput, TranscriptEntry } from '../../schemas/judging.js';
import { shellQuote } from '../../text/shell-quote.js';

/** What an earlier stop of the same episode looked like: the agent's report and the hooks' answer. */
export interface EarlierStop {
  report: string;
  /** What Claude Code sends back, after `Stop hook feedback:\n` (several blocking hooks: one part each). */
  feedback: string;
  /** The hooks that ran at that stop, for its `stop_hook_summary` record. Default: one unnamed hook. */
  summary?: StopHookSummary;
}

/** The fields of Claude Code's `system` `stop_hook_summary` record (written after every Stop hook run). */
export interface StopHookSummary {
  hookInfos: Array<{ command: string; durationMs?: number }>;
  /** The block reasons and non-blocking errors of that stop. */
  hookErrors: string[];
  /** A hook answered `"continue": false`. */
  preventedContinuation: boolean;
  stopReason: string;
  hasOutput: boolean;
}

export interface TranscriptOptions {
  sessionId: string;
  /** The report and feedback of an earlier turn's stop, when known (see history.ts). */
  earlier(turn: number): EarlierStop | undefined;
  /** Timestamp of the first line; later lines are one second apart. Default: now. */
  start?: Date;
}

/**
 * The `version` field of every line. Claude Code writes its own version number there, and hooks that
 * parse it (or compare it) expect one; this is the release whose record shapes the writer follows.
 */
export const TRANSCRIPT_VERSION = '2.1.123';

/** What Claude Code writes as the result of a Bash call that succeeded without output. */
export const EMPTY_BASH_RESULT = '(Bash completed with no output)';

/**
 * The episode so far as a Claude Code session transcript (JSONL, one compact JSON object a line, as
 * `~/.claude/projects/<project>/<session>.jsonl`): the contract as the user's prompt; per transcript
 * entry an assistant message with a `tool_use` block (`Bash` for runs and deletions, `Write`, `Edit`)
 * and a user message with its `tool_result`, or an assistant `text` message for `say`; between turns
 * the report and a `Stop hook feedback:` user message; last, the final message (finalMessageOf). Lines are
 * compact JSON so that hooks that grep for `"role":"assistant"` (the Ralph loop does) find them.
 */
export function claudeTranscript(input: JudgeInput, options: TranscriptOptions): string {
  const lines = new LineWriter(input.workspace, options.sessionId, options.start ?? new Date());
  lines.user(renderTask(input.contract));
  for (let turn = 1; turn <= input.turn; turn++) {
    for (const entry of input.transcript.filter((e) => e.turn === turn)) writeEntry(lines, entry, input.workspace);
    if (turn === input.turn) break;
    const earlier = options.earlier(turn);
    lines.assistantText(earlier?.report ?? `(the report of turn ${turn} is not part of the judge input)`);
    // As Claude Code records a blocked stop: the feedback as a meta user message, then the summary.
    const feedback = earlier?.feedback ?? '(not recorded)';
    lines.user(`Stop hook feedback:\n${feedback}`, { isMeta: true });
    lines.system('stop_hook_summary', {
      hookCount: earlier?.summary?.hookInfos.length ?? 1,
      hookInfos: earlier?.summary?.hookInfos ?? [{ command: 'stop hook' }],
      hookErrors: earlier?.summary?.hookErrors ?? [feedback],
      preventedContinuation: earlier?.summary?.preventedContinuation ?? false,
      stopReason: earlier?.summary?.stopReason ?? '',
      hasOutput: earlier?.summary?.hasOutput ?? true,
      level: 'suggestion',
    });
  }
  lines.assistantText(finalMessageOf(input));
  return lines.text();
}

/**
 * The agent's last message as a Stop hook sees it: the report, and for a `blocked` claim the
 * `<promise>BLOCKED</promise>` tag of the final-message convention, since Claude Code has no other
 * way to say it (and `stopbench hook claude-code` reads it back as the claim).
 */
export function finalMessageOf(input: Pick<JudgeInput, 'claim' | 'report'>): string {
  return input.claim === 'blocked' ? `${input.report.trimEnd()}\n\n<promise>BLOCKED</promise>` : input.report;
}

function writeEntry(lines: LineWriter, entry: TranscriptEntry, workspace: string): void {
  const file = (relPath: string) => path.join(workspace, relPath);
  switch (entry.kind) {
    case 'run': {
      const failed = entry.exitCode !== 0;
      // The agent ran in its own workspace; the hook sees the judge's copy as cwd, so paths follow it.
      const stdout = inWorkspace(entry.stdout ?? entry.output, workspace);
      const stderr = inWorkspace(entry.stderr ?? '', workspace);
      const head = entry.timedOut ? 'Command timed out\n' : failed ? `Exit code ${entry.exitCode ?? 'unknown'}\n` : '';
      const body = head + joinStreams(stdout, stderr);
      lines.tool('Bash', { command: entry.command, description: 'Run a command' }, body || EMPTY_BASH_RESULT, failed, {
        stdout, stderr, interrupted: Boolean(entry.timedOut), isImage: false,
      });
      return;
    }
    case 'write':
      lines.tool('Write', { file_path: file(entry.path), content: entry.content ?? '' },
        `File created successfully at: ${file(entry.path)}`, false, { type: 'create', filePath: file(entry.path) });
      return;
    case 'edit':
      lines.tool('Edit', { file_path: file(entry.path), old_string: entry.old ?? '', new_string: entry.new ?? '', replace_all: false },
        `The file ${file(entry.path)} has been updated.`, false, { filePath: file(entry.path) });
      return;
    case 'delete': {
      lines.tool('Bash', { command: `rm -rf -- ${shellQuote(entry.path)}`, description: 'Delete a file' }, EMPTY_BASH_RESULT, false, {
        stdout: '', stderr: '', interrupted: false, isImage: false,
      });
      return;
    }
    case 'say':
      lines.assistantText(entry.text);
  }
}

/** Builds the lines with the fields every Claude Code transcript line carries, chained by parentUuid. */
class LineWriter {
  private readonly out: string[] = [];
  private parent: string | null = null;
  private tools = 0;

  constructor(
    private readonly cwd: string,
    private readonly sessionId: string,
    private readonly start: Date,
  ) {}

  user(content: string | object[], extra: Record<string, unknown> = {}): void {
    this.push({ type: 'user', message: { role: 'user', content }, ...extra });
  }

  system(subtype: string, fields: Record<string, unknown>): void {
    this.push({ type: 'system', subtype, ...fields });
  }

  assistantText(text: string): void {
    this.assistant([{ type: 'text', text }], 'end_turn');
  }

  tool(name: string, input: Record<string, unknown>, result: string, isError: boolean, toolUseResult: object): void {
    this.tools += 1;
    const id = `toolu_${this.id(`tool${this.tools}`).replaceAll('-', '').slice(0, 24)}`;
    this.assistant([{ type: 'tool_use', id, name, input }], 'tool_use');
    this.user([{ tool_use_id: id, type: 'tool_result', content: result, is_error: isError }], { toolUseResult });
  }

  text(): string {
    return this.out.map((line) => `${line}\n`).join('');
  }

  private assistant(content: object[], stopReason: string): void {
    const n = this.out.length;
    this.push({
      type: 'assistant',
      message: {
        id: `msg_${this.id(`msg${n}`).replaceAll('-', '').slice(0, 24)}`, type: 'message', role: 'assistant',
        model: 'stopbench-replay', content, stop_reason: stopReason, stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0 },
      },
    });
  }

  private push(body: Record<string, unknown>): void {
    const uuid = this.id(`line${this.out.length}`);
    const line = {
      parentUuid: this.parent, isSidechain: false, userType: 'external', cwd: this.cwd, sessionId: this.sessionId,
      version: TRANSCRIPT_VERSION, gitBranch: '', ...body, uuid,
      timestamp: new Date(this.start.getTime() + this.out.length * 1000).toISOString(),
    };
    this.out.push(JSON.stringify(line));
    this.parent = uuid;
  }

  /** Stable ids: the same episode state gives the same transcript. */
  private id(salt: string): string {
    return uuidFrom(`${this.sessionId}\0${salt}`);
  }
}

/**
 * The run's other temp folders in recorded output (`<tmp>/stopbench-X/<name>-Y`: the agent's live
 * workspace, with or without a path after it) named as the copy the hook runs in, which is the
 * transcript's `cwd`. The run's HOME (`home`) keeps its name.
 */
const TEMP_DIR = new RegExp(`${os.tmpdir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/stopbench-[A-Za-z0-9-]+/(?!home(?![^/\\s'"]))[^/\\s'"]+`, 'g');

function inWorkspace(output: string, workspace: string): string {
  return output.replace(TEMP_DIR, () => workspace);
}

/** What Claude Code shows the model of a Bash run: stdout, then stderr on its own line. */
function joinStreams(stdout: string, stderr: string): string {
  if (!stdout || !stderr) return stdout || stderr;
  return stdout.endsWith('\n') ? `${stdout}${stderr}` : `${stdout}\n${stderr}`;
}

/** A UUID-shaped id derived from text. */
export function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
