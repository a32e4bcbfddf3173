import { createHash } from 'node:crypto';
import path from 'node:path';
import { renderTask } from '../../agents/task-prompt.js';
import type { JudgeInput, TranscriptEntry } from '../../schemas/judging.js';

/** What an earlier stop of the same episode looked like: the agent's report and the hook's answer. */
export interface EarlierStop {
  report: string;
  feedback: string;
}

export interface TranscriptOptions {
  sessionId: string;
  /** The report and feedback of an earlier turn's stop, when known (see history.ts). */
  earlier(turn: number): EarlierStop | undefined;
  /** Timestamp of the first line; later lines are one second apart. Default: now. */
  start?: Date;
}

/** The `version` field of every line: marks the transcript as synthesized, not written by Claude Code. */
export const TRANSCRIPT_VERSION = 'stopbench';

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
    lines.user(`Stop hook feedback:\n${earlier?.feedback ?? '(not recorded)'}`);
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
      const head = entry.timedOut ? 'Command timed out\n' : failed ? `Exit code ${entry.exitCode ?? 'unknown'}\n` : '';
      lines.tool('Bash', { command: entry.command, description: 'Run a command' }, head + entry.output, failed, {
        stdout: entry.output, stderr: '', interrupted: Boolean(entry.timedOut), isImage: false,
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
      const quoted = `'${entry.path.replaceAll("'", `'\\''`)}'`;
      lines.tool('Bash', { command: `rm -rf -- ${quoted}`, description: 'Delete a file' }, '', false, {
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

/** A UUID-shaped id derived from text. */
export function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
