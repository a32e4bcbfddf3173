/**
 * Builders of session files in Claude Code's transcript and Codex CLI's rollout formats, written by
 * this project as test data (no recorded session is copied): each method appends the records the tool
 * writes for that event.
 */
let counter = 0;
const id = (prefix: string) => `${prefix}${String(++counter).padStart(6, '0')}`;

export class ClaudeSession {
  private readonly lines: string[] = [];
  private parent: string | null = null;
  private clock = Date.parse('2026-11-02T09:00:00.000Z');

  constructor(
    readonly cwd: string,
    readonly sessionId = '5f0c1d2e-aaaa-4bbb-8ccc-0123456789ab',
    private readonly version = '1.0.98',
  ) {}

  raw(value: object | string): this {
    this.lines.push(typeof value === 'string' ? value : JSON.stringify(value));
    return this;
  }

  private record(body: Record<string, unknown>, sidechain = false): this {
    const uuid = id('uuid-');
    this.clock += 1000;
    this.raw({
      parentUuid: this.parent, isSidechain: sidechain, userType: 'external', cwd: this.cwd, sessionId: this.sessionId,
      version: this.version, gitBranch: 'main', ...body, uuid, timestamp: new Date(this.clock).toISOString(),
    });
    this.parent = uuid;
    return this;
  }

  prompt(text: string): this {
    return this.record({ type: 'user', message: { role: 'user', content: text } });
  }

  meta(text: string): this {
    return this.record({ type: 'user', isMeta: true, message: { role: 'user', content: text } });
  }

  /** A blocked stop as Claude Code records it: the hooks' summary, then the feedback as a meta message. */
  stopBlock(reason: string): this {
    this.record({ type: 'system', subtype: 'stop_hook_summary', hookCount: 1, hookInfos: [{ command: 'stopbench hook claude-code' }], hookErrors: [reason], preventedContinuation: false, stopReason: '', hasOutput: true, level: 'suggestion' });
    return this.meta(`Stop hook feedback:\n[stopbench hook claude-code]: ${reason}`);
  }

  assistant(blocks: object[], options: { sidechain?: boolean; messageId?: string; usage?: object } = {}): this {
    return this.record({
      type: 'assistant',
      message: {
        id: options.messageId ?? id('msg_'), type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: blocks,
        stop_reason: null, usage: options.usage ?? { input_tokens: 10, cache_creation_input_tokens: 100, cache_read_input_tokens: 1000, output_tokens: 50 },
      },
    }, options.sidechain);
  }

  text(text: string, options: { sidechain?: boolean; messageId?: string } = {}): this {
    return this.assistant([{ type: 'text', text }], options);
  }

  thinking(text: string): this {
    return this.assistant([{ type: 'thinking', thinking: text, signature: 'sig' }]);
  }

  /** A tool use and its result. */
  tool(name: string, input: object, result: string, options: { isError?: boolean; sidechain?: boolean } = {}): this {
    const toolId = id('toolu_');
    this.assistant([{ type: 'tool_use', id: toolId, name, input }], { sidechain: options.sidechain ?? false });
    return this.record({
      type: 'user',
      message: { role: 'user', content: [{ tool_use_id: toolId, type: 'tool_result', content: result, is_error: options.isError ?? false }] },
      toolUseResult: options.isError ? `Error: ${result}` : { stdout: result, stderr: '', interrupted: false },
    }, options.sidechain);
  }

  jsonl(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }
}

export class CodexRollout {
  private readonly lines: string[] = [];
  private clock = Date.parse('2026-11-02T10:00:00.000Z');
  private tokens = { input_tokens: 0, output_tokens: 0 };

  constructor(
    readonly cwd: string,
    readonly sessionId = '0199a213-81c0-7800-8aa1-bbab2a035a53',
    version = '0.46.0',
  ) {
    this.line('session_meta', { id: sessionId, timestamp: new Date(this.clock).toISOString(), cwd, originator: 'codex_cli_rs', cli_version: version, instructions: null });
    this.line('turn_context', { cwd, approval_policy: 'on-request', sandbox_policy: { mode: 'workspace-write' }, model: 'gpt-5-codex', summary: 'auto' });
  }

  line(type: string, payload: unknown): this {
    this.clock += 1000;
    this.lines.push(JSON.stringify({ timestamp: new Date(this.clock).toISOString(), type, payload }));
    return this;
  }

  raw(text: string): this {
    this.lines.push(text);
    return this;
  }

  item(payload: object): this {
    return this.line('response_item', payload);
  }

  event(payload: object): this {
    return this.line('event_msg', payload);
  }

  prompt(text: string): this {
    this.item({ type: 'message', role: 'user', content: [{ type: 'input_text', text: `<environment_context>\n  <cwd>${this.cwd}</cwd>\n</environment_context>` }] });
    this.item({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });
    return this.event({ type: 'user_message', message: text, images: [] });
  }

  say(text: string): this {
    this.item({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] });
    return this.event({ type: 'agent_message', message: text });
  }

  reasoning(): this {
    this.item({ type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thinking about it.' }], encrypted_content: 'gAAAA' });
    return this.event({ type: 'agent_reasoning', text: 'Thinking about it.' });
  }

  /** A function call and its output (`{output, metadata: {exit_code}}` JSON, or text when `textOutput`). */
  call(name: string, args: object, output: string, exitCode: number, options: { textOutput?: boolean; endEvent?: boolean } = {}): this {
    const callId = id('call_');
    this.item({ type: 'function_call', name, arguments: JSON.stringify(args), call_id: callId });
    if (options.endEvent !== false && name !== 'apply_patch') this.event({ type: 'exec_command_end', call_id: callId, stdout: output, stderr: '', aggregated_output: output, exit_code: exitCode, duration: { secs: 0, nanos: 1 } });
    if (name === 'apply_patch') this.event({ type: 'patch_apply_end', call_id: callId, stdout: output, stderr: '', success: exitCode === 0 });
    const body = options.textOutput
      ? `Exit code: ${exitCode}\nWall time: 0.2 seconds\nOutput:\n${output}`
      : JSON.stringify({ output, metadata: { exit_code: exitCode, duration_seconds: 0.2 } });
    return this.item({ type: 'function_call_output', call_id: callId, output: body });
  }

  customCall(name: string, input: string, output: string, between: Array<() => void> = []): this {
    const callId = id('call_');
    this.item({ type: 'custom_tool_call', status: 'completed', call_id: callId, name, input });
    for (const f of between) f();
    return this.item({ type: 'custom_tool_call_output', call_id: callId, output });
  }

  tokenCount(input: number, output: number): this {
    this.tokens = { input_tokens: this.tokens.input_tokens + input, output_tokens: this.tokens.output_tokens + output };
    return this.event({ type: 'token_count', info: { total_token_usage: { ...this.tokens, cached_input_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 }, last_token_usage: { input_tokens: input, output_tokens: output } }, rate_limits: null });
  }

  taskComplete(lastMessage: string | null): this {
    return this.event({ type: 'task_complete', turn_id: id('turn-'), last_agent_message: lastMessage });
  }

  jsonl(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }
}
