import {
  AssistantRecordSchema, BashInputSchema, BOOKKEEPING_TYPES, EditInputSchema, MessageUsageSchema, MultiEditInputSchema,
  NotebookEditInputSchema, SystemRecordSchema, ToolResultBlockSchema, ToolUseBlockSchema, TranscriptRecordSchema, UserRecordSchema,
  WriteInputSchema, messageText, type ContentBlock, type ToolUseBlock, type TranscriptRecord,
} from './records.js';
import { countSkip, readJsonLines, type RecordedAction, type RecordedSession, type RecordedTurn } from '../session.js';

export interface ClaudeSessionOptions {
  /** The texts of the session's subagent transcripts (`<session>/subagents/*.jsonl`), merged in by time. */
  subagents?: readonly string[];
}

/** How Claude Code starts the message that carries a Stop hook's block reason. */
const STOP_FEEDBACK = 'Stop hook feedback';
/** User lines that are Claude Code's own (slash commands and their output), not prompts. */
const LOCAL_COMMAND = /^\s*<(command-name|command-message|command-args|local-command-stdout|local-command-stderr)>/;

/**
 * Reads a Claude Code session (JSONL) into its turns. A turn ends where the agent stopped: the end of an
 * assistant turn that a user prompt, an interrupt or a Stop hook's block (`Stop hook feedback:`) follows,
 * or the end of the file. `Bash` calls are runs; `Edit`, `MultiEdit`, `Write` and `NotebookEdit` are file
 * changes; a call whose result is an error changed nothing and is left out (counted as `failed <tool>`).
 * Subagent work (sidechain lines, and subagent transcripts merged in by timestamp) is part of the turn it
 * happened in. Every other tool, unknown record types and lines that are not JSON are counted, never fatal.
 */
export function readClaudeSession(text: string, options: ClaudeSessionOptions = {}): RecordedSession {
  const skipped = new Map<string, number>();
  const main = parseRecords(text, skipped, false);
  const subs = (options.subagents ?? []).flatMap((t) => parseRecords(t, skipped, true));
  const records = mergeByTime(main, subs);
  const first = main.find((r) => r.cwd || r.sessionId || r.version);
  const session: RecordedSession = {
    tool: 'claude-code',
    sessionId: first?.sessionId ?? null,
    version: first?.version ?? null,
    cwd: first?.cwd ?? null,
    turns: [],
    skipped,
  };
  const builder = new TurnBuilder(session.turns);
  const pending = new Map<string, { actions: RecordedAction[]; tool: string }>();
  let prompted = false;

  for (const record of records) {
    if (record.type === 'assistant') {
      const parsed = AssistantRecordSchema.safeParse(record);
      if (!parsed.success) {
        countSkip(skipped, 'unreadable assistant records');
        continue;
      }
      const { message } = parsed.data;
      builder.usage(message.id, message.usage);
      const blocks = Array.isArray(message.content) ? message.content : [{ type: 'text', text: message.content ?? '' }];
      for (const block of blocks) {
        if (block.type === 'text') {
          if (!record.isSidechain) builder.text(message.id, typeof block.text === 'string' ? block.text : '');
        } else if (block.type === 'tool_use') {
          const use = ToolUseBlockSchema.safeParse(block);
          if (!use.success) {
            countSkip(skipped, 'unreadable tool uses');
            continue;
          }
          const actions = toolActions(use.data, skipped);
          if (actions) {
            builder.act(actions);
            pending.set(use.data.id, { actions, tool: use.data.name });
          }
        } else if (block.type !== 'thinking' && block.type !== 'redacted_thinking') {
          countSkip(skipped, 'unknown content blocks');
        }
      }
    } else if (record.type === 'user') {
      const parsed = UserRecordSchema.safeParse(record);
      if (!parsed.success) {
        countSkip(skipped, 'unreadable user records');
        continue;
      }
      const content = parsed.data.message.content ?? '';
      const prompt = messageText(content);
      if (record.isMeta) {
        if (prompt.startsWith(STOP_FEEDBACK)) builder.end('stop-hook');
        continue;
      }
      if (Array.isArray(content)) for (const block of content) if (block.type === 'tool_result') applyResult(block, pending, builder, skipped);
      if (record.isSidechain || !prompt.trim() || LOCAL_COMMAND.test(prompt)) continue;
      if (prompt.startsWith('[Request interrupted by user')) builder.end('aborted');
      else if (!prompted) prompted = true;
      else builder.end('user-message');
    } else if (record.type === 'system') {
      const parsed = SystemRecordSchema.safeParse(record);
      // Older versions wrote the block reason as a system line rather than a meta user message.
      if (parsed.success && !record.isSidechain && parsed.data.content?.startsWith(STOP_FEEDBACK)) builder.end('stop-hook');
    } else if (!(BOOKKEEPING_TYPES as readonly string[]).includes(record.type)) {
      countSkip(skipped, 'unknown record types');
    }
  }
  builder.end('end-of-file');
  return session;
}

interface TimedRecord extends TranscriptRecord {
  at: number;
}

function parseRecords(text: string, skipped: Map<string, number>, sidechain: boolean): TimedRecord[] {
  // `at` is NaN where the timestamp is missing or unreadable.
  return readJsonLines(text, TranscriptRecordSchema, skipped)
    .map((record) => ({ ...record, ...(sidechain ? { isSidechain: true } : {}), at: Date.parse(record.timestamp ?? '') }));
}

/** Subagent lines go before the first main line that is later than they are (main order is kept). */
function mergeByTime(main: TimedRecord[], subs: TimedRecord[]): TimedRecord[] {
  if (subs.length === 0) return main;
  const sorted = [...subs].sort((a, b) => (a.at || 0) - (b.at || 0));
  const out: TimedRecord[] = [];
  let next = 0;
  for (const record of main) {
    while (next < sorted.length && !Number.isNaN(record.at) && (sorted[next]!.at || 0) < record.at) out.push(sorted[next++]!);
    out.push(record);
  }
  return [...out, ...sorted.slice(next)];
}

function toolActions(use: ToolUseBlock, skipped: Map<string, number>): RecordedAction[] | null {
  const ref = { callId: use.id, tool: use.name };
  const unreadable = () => {
    countSkip(skipped, `${use.name} calls with unreadable input`);
    return null;
  };
  switch (use.name) {
    case 'Bash': {
      const input = BashInputSchema.safeParse(use.input);
      return input.success ? [{ ...ref, kind: 'run', command: input.data.command, exitCode: null }] : unreadable();
    }
    case 'Edit': {
      const input = EditInputSchema.safeParse(use.input);
      if (!input.success) return unreadable();
      const { file_path, old_string, new_string, replace_all } = input.data;
      return [{ ...ref, kind: 'edit', path: file_path, old: old_string, new: new_string, replaceAll: replace_all ?? false }];
    }
    case 'MultiEdit': {
      const input = MultiEditInputSchema.safeParse(use.input);
      if (!input.success) return unreadable();
      return input.data.edits.map((e) => ({ ...ref, kind: 'edit', path: input.data.file_path, old: e.old_string, new: e.new_string, replaceAll: e.replace_all ?? false }));
    }
    case 'Write': {
      const input = WriteInputSchema.safeParse(use.input);
      return input.success ? [{ ...ref, kind: 'write', path: input.data.file_path, content: input.data.content }] : unreadable();
    }
    case 'NotebookEdit': {
      const input = NotebookEditInputSchema.safeParse(use.input);
      if (!input.success) return unreadable();
      const { notebook_path, cell_id, new_source, cell_type, edit_mode } = input.data;
      return [{ ...ref, kind: 'notebook', path: notebook_path, cellId: cell_id, source: new_source, cellType: cell_type, mode: edit_mode }];
    }
    default:
      countSkip(skipped, use.name); // Read, Glob, Grep, TodoWrite, Task, WebFetch, MCP tools, ...
      return null;
  }
}

function applyResult(block: ContentBlock, pending: Map<string, { actions: RecordedAction[]; tool: string }>, builder: TurnBuilder, skipped: Map<string, number>): void {
  const result = ToolResultBlockSchema.safeParse(block);
  if (!result.success) return;
  const call = pending.get(result.data.tool_use_id);
  if (!call) return;
  pending.delete(result.data.tool_use_id);
  const isError = result.data.is_error === true;
  const output = typeof result.data.content === 'string' ? result.data.content : (result.data.content ?? []).map((b) => b.text ?? '').join('\n');
  for (const action of call.actions) {
    if (action.kind === 'run') {
      const code = /^(?:Error: )?Exit code (\d+)/.exec(output);
      action.exitCode = isError ? (code ? Number(code[1]) : 1) : 0;
    }
  }
  // A failed edit or write changed nothing (Claude Code refuses a non-matching edit); a failed command ran.
  if (isError && call.actions.some((a) => a.kind !== 'run')) {
    builder.drop(call.actions);
    countSkip(skipped, `failed ${call.tool}`);
  }
}

/** Collects one turn at a time; a boundary with no agent activity since the last one adds no turn. */
class TurnBuilder {
  private actions: RecordedAction[] = [];
  private finalText = '';
  private finalId: string | undefined;
  private finalSays: RecordedAction[] = [];
  private active = false;
  private readonly usages = new Map<string, { inputTokens: number; outputTokens: number }>();
  private anonymous = 0;

  constructor(private readonly turns: RecordedTurn[]) {}

  usage(messageId: string | undefined, raw: unknown): void {
    const usage = MessageUsageSchema.safeParse(raw);
    if (!raw || !usage.success) return;
    const u = usage.data;
    // Claude Code writes one line per content block of a message, each with the message's usage.
    this.usages.set(messageId ?? `#${this.anonymous++}`, {
      inputTokens: (u.input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0),
      outputTokens: u.output_tokens ?? 0,
    });
  }

  text(messageId: string | undefined, text: string): void {
    if (!text.trim()) return;
    this.active = true;
    const say: RecordedAction = { kind: 'say', text };
    this.actions.push(say);
    const same = messageId !== undefined && messageId === this.finalId;
    this.finalText = same ? `${this.finalText}\n${text}` : text;
    this.finalSays = same ? [...this.finalSays, say] : [say];
    this.finalId = messageId;
  }

  act(actions: RecordedAction[]): void {
    this.active = true;
    this.actions.push(...actions);
  }

  drop(actions: readonly RecordedAction[]): void {
    this.actions = this.actions.filter((a) => !actions.includes(a));
  }

  end(endedBy: RecordedTurn['endedBy']): void {
    if (!this.active) return;
    // The last text is the report, not narration, when nothing came after it.
    const tail = this.actions.slice(this.actions.length - this.finalSays.length);
    if (this.finalSays.length && tail.every((a, i) => a === this.finalSays[i])) this.actions = this.actions.slice(0, -this.finalSays.length);
    const usages = [...this.usages.values()];
    const usage = usages.length
      ? { inputTokens: usages.reduce((n, u) => n + u.inputTokens, 0), outputTokens: usages.reduce((n, u) => n + u.outputTokens, 0) }
      : null;
    this.turns.push({ actions: this.actions, finalText: this.finalText, usage, endedBy });
    this.actions = [];
    this.finalText = '';
    this.finalId = undefined;
    this.finalSays = [];
    this.active = false;
    this.usages.clear();
  }
}
