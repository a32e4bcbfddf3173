import { countSkip, readJsonLines, type RecordedAction, type RecordedSession, type RecordedTurn } from '../session.js';
import { shellQuote } from '../../text/shell-quote.js';
import { readExecScript } from './exec-script.js';
import {
  AgentMessageEventSchema, ApplyPatchArgsSchema, BOOKKEEPING_TYPES, CommandExecutionItemSchema, CustomToolCallOutputSchema,
  CustomToolCallSchema, EventSchema, ExecCommandArgsSchema, ExecCommandEndSchema, FileChangeItemSchema, FunctionCallOutputSchema,
  FunctionCallSchema, ItemCompletedSchema, LocalShellCallSchema, MessageItemSchema, PatchApplyEndSchema, QUIET_EVENTS, QUIET_ITEMS,
  RolloutLineSchema, SessionMetaSchema, ShellArgsSchema, TaskCompleteSchema, TokenCountSchema, TurnContextSchema, UserMessageEventSchema,
  type FileChange,
} from './records.js';

/** An open call: its actions, and for `exec` scripts the item events that report its inner calls. */
interface Call {
  actions: RecordedAction[];
  tool: string;
  /** `exec` scripts: whether reading the script gave its calls (else its item events are used). */
  scripted?: boolean;
}

/**
 * Reads a Codex CLI rollout (JSONL) into its turns. A turn ends at `task_complete` (or `turn_aborted`,
 * or a new user message after the agent worked), and its report is `last_agent_message` or the last
 * assistant message. Commands come from `shell`/`exec_command` function calls, `local_shell_call`,
 * `exec` scripts and `CommandExecution` items; edits from `apply_patch` (function or custom tool call,
 * or `apply_patch` run through the shell) and `FileChange` items whose id matches no call. Exit codes
 * come from the call's output or `exec_command_end`; a patch that failed (`patch_apply_end`
 * `success: false`, or a non-zero exit) changed nothing and is left out. Usage is the growth of
 * `token_count`'s `total_token_usage` over the turn. Everything else is counted, never fatal.
 */
export function readCodexRollout(text: string): RecordedSession {
  const skipped = new Map<string, number>();
  const lines = readJsonLines(text, RolloutLineSchema, skipped);
  const session: RecordedSession = { tool: 'codex', sessionId: null, version: null, cwd: null, turns: [], skipped };
  // Which of the duplicated streams to read: response items when present, events otherwise.
  const hasUserEvents = lines.some((l) => l.type === 'event_msg' && typeOf(l.payload) === 'user_message');
  const hasAssistantItems = lines.some((l) => l.type === 'response_item' && MessageItemSchema.safeParse(l.payload).data?.role === 'assistant');
  const turn = new Turn(session.turns);
  const calls = new Map<string, Call>();
  let openExec: Call | null = null;
  let prompted = false;
  let cwd: string | undefined;

  const userPrompt = () => {
    if (!prompted) prompted = true;
    else turn.end('user-message');
  };

  for (const { type, payload } of lines) {
    if (type === 'session_meta') {
      const meta = SessionMetaSchema.safeParse(payload).data;
      session.sessionId ??= meta?.id ?? meta?.meta?.id ?? null;
      session.version ??= meta?.cli_version ?? meta?.meta?.cli_version ?? null;
      session.cwd ??= meta?.cwd ?? meta?.meta?.cwd ?? null;
      cwd ??= session.cwd ?? undefined;
    } else if (type === 'turn_context') {
      const context = TurnContextSchema.safeParse(payload).data;
      if (context?.cwd) cwd = context.cwd;
      session.cwd ??= cwd ?? null;
    } else if (type === 'response_item') {
      const kind = typeOf(payload);
      if (kind === 'message') {
        const message = MessageItemSchema.safeParse(payload).data;
        const body = message?.content.map((c) => c.text ?? '').join('\n') ?? '';
        if (message?.role === 'assistant') turn.text(body);
        else if (message?.role === 'user' && !hasUserEvents && body.trim() && !body.trimStart().startsWith('<')) userPrompt();
      } else if (kind === 'function_call') {
        const call = FunctionCallSchema.safeParse(payload).data;
        if (!call) countSkip(skipped, 'unreadable function calls');
        else open(call.call_id, call.name, functionActions(call.name, call.arguments, call.call_id, skipped));
      } else if (kind === 'local_shell_call') {
        const call = LocalShellCallSchema.safeParse(payload).data;
        const id = call?.call_id ?? call?.id;
        if (!call || !id) countSkip(skipped, 'unreadable local_shell_call');
        else open(id, 'local_shell_call', shellActions(call.action.command, call.action.working_directory ?? undefined, { callId: id, tool: 'local_shell_call' }));
      } else if (kind === 'custom_tool_call') {
        const call = CustomToolCallSchema.safeParse(payload).data;
        if (!call) countSkip(skipped, 'unreadable custom tool calls');
        else if (call.name === 'apply_patch') open(call.call_id, 'apply_patch', [{ callId: call.call_id, tool: 'apply_patch', kind: 'patch', patch: call.input }]);
        else if (call.name === 'exec') {
          const script = readExecScript(call.input);
          for (const name of script.unread) countSkip(skipped, `${name} calls in exec scripts`);
          const ref = { callId: call.call_id, tool: 'exec' };
          const actions = script.calls.map((c): RecordedAction => c.tool === 'apply_patch'
            ? { ...ref, kind: 'patch', patch: c.patch }
            : { ...ref, kind: 'run', command: c.command, workdir: c.workdir, exitCode: null });
          openExec = open(call.call_id, 'exec', actions);
          openExec.scripted = actions.length > 0;
        } else {
          countSkip(skipped, call.name);
        }
      } else if (kind === 'function_call_output' || kind === 'custom_tool_call_output') {
        const out = (kind === 'function_call_output' ? FunctionCallOutputSchema : CustomToolCallOutputSchema).safeParse(payload).data;
        if (out) finish(out.call_id, exitCodeOf(out.output));
        if (openExec && out && calls.get(out.call_id) === openExec) openExec = null;
      } else if (!(QUIET_ITEMS as readonly string[]).includes(kind)) {
        countSkip(skipped, `unknown response items (${kind})`);
      }
    } else if (type === 'event_msg') {
      const kind = typeOf(payload);
      if (kind === 'user_message') {
        if (UserMessageEventSchema.safeParse(payload).data?.message.trim()) userPrompt();
      } else if (kind === 'agent_message') {
        if (!hasAssistantItems) turn.text(AgentMessageEventSchema.safeParse(payload).data?.message ?? '');
      } else if (kind === 'exec_command_end') {
        const end = ExecCommandEndSchema.safeParse(payload).data;
        if (end) finish(end.call_id, end.exit_code);
      } else if (kind === 'patch_apply_end') {
        const end = PatchApplyEndSchema.safeParse(payload).data;
        if (end) finish(end.call_id, end.success ? 0 : 1);
      } else if (kind === 'token_count') {
        const total = TokenCountSchema.safeParse(payload).data?.info?.total_token_usage;
        if (total) turn.tokens(total.input_tokens, total.output_tokens);
      } else if (kind === 'task_complete') {
        const last = TaskCompleteSchema.safeParse(payload).data?.last_agent_message;
        turn.end('task-complete', last ?? undefined);
      } else if (kind === 'turn_aborted') {
        turn.end('aborted');
      } else if (kind === 'item_completed') {
        itemCompleted(payload);
      } else if (!(QUIET_EVENTS as readonly string[]).includes(kind)) {
        countSkip(skipped, `unknown events (${kind})`);
      }
    } else if (!(BOOKKEEPING_TYPES as readonly string[]).includes(type)) {
      countSkip(skipped, 'unknown record types');
    }
  }
  turn.end('end-of-file');
  return session;

  function open(callId: string, tool: string, actions: RecordedAction[] | null): Call {
    const call: Call = { actions: actions ?? [], tool };
    for (const action of call.actions) if ((action.kind === 'run' || action.kind === 'patch') && !action.workdir && cwd) action.workdir = cwd;
    turn.act(call.actions);
    calls.set(callId, call);
    return call;
  }

  /** A call's result: exit codes for its runs; a failed patch is taken back. */
  function finish(callId: string, exitCode: number | null): void {
    const call = calls.get(callId);
    if (!call || exitCode === null) return;
    for (const action of call.actions) if (action.kind === 'run' && call.tool !== 'exec') action.exitCode = exitCode;
    if (exitCode !== 0 && call.tool === 'apply_patch' && call.actions.length) {
      turn.drop(call.actions);
      call.actions = [];
      countSkip(skipped, 'failed apply_patch');
    }
  }

  function itemCompleted(payload: unknown): void {
    const item = ItemCompletedSchema.safeParse(payload).data?.item;
    if (!item) return countSkip(skipped, 'unreadable item_completed');
    const known = item.id !== undefined && calls.has(item.id);
    // Inside a script whose calls were read, or for a call already seen, the item only repeats it.
    if (known || openExec?.scripted) {
      const command = CommandExecutionItemSchema.safeParse(item).data;
      if (known && command) finish(item.id!, command.exit_code ?? command.exitCode ?? null);
      return;
    }
    const ref = { callId: item.id ?? `item-${calls.size + 1}`, tool: item.type };
    if (item.type === 'CommandExecution') {
      const command = CommandExecutionItemSchema.safeParse(item).data;
      if (!command) return countSkip(skipped, 'unreadable CommandExecution items');
      const actions = shellActions(command.command, command.cwd ?? undefined, ref);
      for (const a of actions) if (a.kind === 'run') a.exitCode = command.exit_code ?? command.exitCode ?? null;
      open(ref.callId, item.type, actions);
    } else if (item.type === 'FileChange') {
      const change = FileChangeItemSchema.safeParse(item).data;
      if (!change) return countSkip(skipped, 'unreadable FileChange items');
      if (change.status === 'failed' || change.status === 'declined') return countSkip(skipped, `${change.status} FileChange items`);
      open(ref.callId, item.type, change.changes.flatMap((c) => fileChangeActions(c, ref, skipped)));
    } else if (!['AgentMessage', 'UserMessage', 'Reasoning', 'Plan', 'WebSearch', 'ContextCompaction'].includes(item.type)) {
      countSkip(skipped, `${item.type} items`);
    }
  }
}

function typeOf(payload: unknown): string {
  return EventSchema.safeParse(payload).data?.type ?? '';
}

function functionActions(name: string, args: string, callId: string, skipped: Map<string, number>): RecordedAction[] | null {
  const ref = { callId, tool: name };
  let value: unknown;
  try {
    value = JSON.parse(args);
  } catch {
    value = undefined;
  }
  if (name === 'shell' || name === 'container.exec' || name === 'shell_command' || name === 'local_shell') {
    const shell = ShellArgsSchema.safeParse(value).data;
    if (shell) return shellActions(shell.command, shell.workdir ?? undefined, ref);
  } else if (name === 'exec_command') {
    const exec = ExecCommandArgsSchema.safeParse(value).data;
    if (exec) return shellActions(exec.cmd, exec.workdir ?? undefined, ref);
  } else if (name === 'apply_patch') {
    // The function form takes {"input": patch}; a bare string argument is the patch itself.
    const patch = ApplyPatchArgsSchema.safeParse(value).data?.input ?? (args.trimStart().startsWith('*** Begin Patch') ? args : null);
    if (patch !== null) return [{ ...ref, kind: 'patch', patch }];
  } else {
    countSkip(skipped, name); // update_plan, write_stdin, view_image, MCP tools, ...
    return null;
  }
  countSkip(skipped, `${name} calls with unreadable arguments`);
  return null;
}

/** A command as argv (`["bash", "-lc", script]`) or a string; `apply_patch` run through the shell is a patch. */
function shellActions(command: string | string[], workdir: string | undefined, ref: { callId: string; tool: string }): RecordedAction[] {
  let script: string;
  if (Array.isArray(command)) {
    if (command[0] === 'apply_patch' && command[1]) return [{ ...ref, kind: 'patch', patch: command[1], workdir }];
    const shell = command.length === 3 && /(^|\/)(ba|z|da)?sh$/.test(command[0] ?? '') && /^-l?c$/.test(command[1] ?? '');
    script = shell ? command[2]! : command.map(quoteWord).join(' ');
  } else {
    script = command;
  }
  const heredoc = /^\s*(?:cd\s+\S+\s*&&\s*)?apply_patch\s+<<\s*['"]?(\w+)['"]?\n([\s\S]*?)\n\1\s*$/.exec(script);
  if (heredoc) return [{ ...ref, kind: 'patch', patch: heredoc[2]!, workdir }];
  return [{ ...ref, kind: 'run', command: script, workdir, exitCode: null }];
}

function fileChangeActions(change: FileChange, ref: { callId: string; tool: string }, skipped: Map<string, number>): RecordedAction[] {
  const kind = typeof change.kind === 'string' ? change.kind : change.kind.type;
  const diff = change.unified_diff ?? change.diff;
  const movePath = change.move_path ?? (typeof change.kind === 'object' ? change.kind.move_path : undefined) ?? undefined;
  if (kind === 'add') {
    const content = change.content ?? (diff ? addedText(diff) : null);
    if (content !== null) return [{ ...ref, kind: 'write', path: change.path, content }];
  } else if (kind === 'delete') {
    return [{ ...ref, kind: 'delete', path: change.path }];
  } else if (kind === 'update' && diff) {
    return [{ ...ref, kind: 'unified-diff', path: change.path, diff, movePath }];
  }
  countSkip(skipped, 'FileChange changes without content');
  return [];
}

/** The text of an added file from its diff: the `+` lines of its hunks. */
function addedText(diff: string): string {
  const lines = diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).map((l) => l.slice(1));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * A command's exit code from its output: `{"output", "metadata": {"exit_code"}}` JSON, or text with
 * `Exit code: N` / `Process exited with code N`. Null when the output does not say.
 */
export function exitCodeOf(output: unknown): number | null {
  let text = typeof output === 'string' ? output : null;
  const object = typeof output === 'object' && output !== null ? output : text?.trimStart().startsWith('{') ? safeJson(text) : null;
  if (object && typeof object === 'object') {
    const meta = (object as { metadata?: { exit_code?: unknown } }).metadata;
    if (typeof meta?.exit_code === 'number') return meta.exit_code;
    const inner = (object as { output?: unknown; content?: unknown }).output ?? (object as { content?: unknown }).content;
    text = typeof inner === 'string' ? inner : text;
    if ((object as { success?: unknown }).success === false) return 1;
  }
  if (text === null) return null;
  const code = /(?:^|\n)\s*(?:Exit code:?|Process exited with code)\s*(-?\d+)/.exec(text);
  if (code) return Number(code[1]);
  if (/^(apply_patch verification failed|Failed to apply patch|error: )/i.test(text.trimStart())) return 1;
  return null;
}

function safeJson(text: string | null): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** An argv word as shell text: bare when it is plain, else quoted. */
function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : shellQuote(word);
}

/** Collects one turn; its usage is the growth of the session's token totals. */
class Turn {
  private actions: RecordedAction[] = [];
  private lastText = '';
  private lastSay: RecordedAction | null = null;
  private active = false;
  private totals = { input: 0, output: 0 };
  private atStart = { input: 0, output: 0 };
  private sawTokens = false;

  constructor(private readonly turns: RecordedTurn[]) {}

  text(text: string): void {
    if (!text.trim()) return;
    this.active = true;
    this.lastSay = { kind: 'say', text };
    this.actions.push(this.lastSay);
    this.lastText = text;
  }

  act(actions: RecordedAction[]): void {
    this.active = true;
    this.actions.push(...actions);
  }

  drop(actions: readonly RecordedAction[]): void {
    this.actions = this.actions.filter((a) => !actions.includes(a));
  }

  tokens(input: number, output: number): void {
    this.totals = { input, output };
    this.sawTokens = true;
  }

  end(endedBy: RecordedTurn['endedBy'], finalText?: string): void {
    if (!this.active) return;
    if (this.lastSay && this.actions.at(-1) === this.lastSay) this.actions.pop(); // the report, not narration
    const usage = this.sawTokens ? { inputTokens: this.totals.input - this.atStart.input, outputTokens: this.totals.output - this.atStart.output } : null;
    this.turns.push({ actions: this.actions, finalText: finalText ?? this.lastText, usage, endedBy });
    this.atStart = this.totals;
    this.actions = [];
    this.lastText = '';
    this.lastSay = null;
    this.active = false;
    this.sawTokens = false;
  }
}
