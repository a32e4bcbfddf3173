import { z } from 'zod';

/**
 * Zod schemas of the Codex CLI rollout records stopbench reads
 * (`~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`: `{timestamp, type, payload}` a line). Loose, as the
 * format drifts between versions; only the fields the reader uses are named.
 */
export const RolloutLineSchema = z.looseObject({
  timestamp: z.string().optional(),
  type: z.string(),
  payload: z.unknown(),
});

/** `session_meta`: the session's id, folder and CLI version (some versions nest them under `meta`). */
export const SessionMetaSchema = z.looseObject({
  id: z.string().optional(),
  cwd: z.string().optional(),
  cli_version: z.string().optional(),
  meta: z.looseObject({ id: z.string().optional(), cwd: z.string().optional(), cli_version: z.string().optional() }).optional(),
});

export const TurnContextSchema = z.looseObject({ cwd: z.string().optional(), model: z.string().optional() });

const TextPart = z.looseObject({ type: z.string(), text: z.string().optional() });

/** `response_item` payloads, by `type`. */
export const MessageItemSchema = z.looseObject({ type: z.literal('message'), role: z.string(), content: z.array(TextPart).default([]) });
export const FunctionCallSchema = z.looseObject({ type: z.literal('function_call'), name: z.string(), arguments: z.string().default('{}'), call_id: z.string() });
export const FunctionCallOutputSchema = z.looseObject({ type: z.literal('function_call_output'), call_id: z.string(), output: z.unknown() });
export const LocalShellCallSchema = z.looseObject({
  type: z.literal('local_shell_call'),
  call_id: z.string().nullable().optional(),
  id: z.string().nullable().optional(),
  status: z.string().optional(),
  action: z.looseObject({ type: z.string(), command: z.array(z.string()).default([]), working_directory: z.string().nullable().optional() }),
});
export const CustomToolCallSchema = z.looseObject({ type: z.literal('custom_tool_call'), name: z.string(), input: z.string(), call_id: z.string() });
export const CustomToolCallOutputSchema = z.looseObject({ type: z.literal('custom_tool_call_output'), call_id: z.string(), output: z.unknown() });

/** Arguments of the command and patch tools. */
export const ShellArgsSchema = z.looseObject({ command: z.union([z.array(z.string()), z.string()]), workdir: z.string().nullable().optional() });
export const ExecCommandArgsSchema = z.looseObject({ cmd: z.string(), workdir: z.string().nullable().optional() });
export const ApplyPatchArgsSchema = z.looseObject({ input: z.string() });

/** `event_msg` payloads, by `type`. */
export const EventSchema = z.looseObject({ type: z.string() });
export const UserMessageEventSchema = z.looseObject({ type: z.literal('user_message'), message: z.string().default('') });
export const AgentMessageEventSchema = z.looseObject({ type: z.literal('agent_message'), message: z.string().default('') });
export const ExecCommandEndSchema = z.looseObject({ type: z.literal('exec_command_end'), call_id: z.string(), exit_code: z.number().int() });
export const PatchApplyEndSchema = z.looseObject({ type: z.literal('patch_apply_end'), call_id: z.string(), success: z.boolean() });
export const TaskCompleteSchema = z.looseObject({ type: z.literal('task_complete'), last_agent_message: z.string().nullable().optional() });
const TokenUsage = z.looseObject({ input_tokens: z.number().nonnegative().default(0), output_tokens: z.number().nonnegative().default(0) });
export const TokenCountSchema = z.looseObject({
  type: z.literal('token_count'),
  info: z.looseObject({ total_token_usage: TokenUsage.optional() }).nullable().optional(),
});

/** `event_msg` `item_completed` (newer versions): a command run or a file change, as one item. */
export const CommandExecutionItemSchema = z.looseObject({
  type: z.literal('CommandExecution'),
  id: z.string().optional(),
  command: z.union([z.string(), z.array(z.string())]),
  cwd: z.string().nullable().optional(),
  exit_code: z.number().int().nullable().optional(),
  exitCode: z.number().int().nullable().optional(),
  status: z.string().optional(),
});
export const FileChangeSchema = z.looseObject({
  path: z.string(),
  /** `add`, `delete` or `update` (some versions: `{type: ...}`). */
  kind: z.union([z.string(), z.looseObject({ type: z.string(), move_path: z.string().nullable().optional() })]),
  content: z.string().optional(),
  diff: z.string().optional(),
  unified_diff: z.string().optional(),
  move_path: z.string().nullable().optional(),
});
export const FileChangeItemSchema = z.looseObject({
  type: z.literal('FileChange'),
  id: z.string().optional(),
  changes: z.array(FileChangeSchema).default([]),
  status: z.string().optional(),
});
export const ItemCompletedSchema = z.looseObject({ type: z.literal('item_completed'), item: z.looseObject({ type: z.string(), id: z.string().optional() }) });

/** Record types without work of the agent: read and ignored without a count. */
export const BOOKKEEPING_TYPES = ['session_meta', 'turn_context', 'compacted', 'world_state', 'token_usage_record'] as const;
/** response_item payloads that are not the agent's work. */
export const QUIET_ITEMS = ['reasoning', 'web_search_call', 'ghost_snapshot'] as const;
/** event_msg payloads the reader does not need (the same facts arrive as response items). */
export const QUIET_EVENTS = [
  'agent_reasoning', 'agent_reasoning_raw_content', 'agent_reasoning_section_break', 'exec_command_begin', 'exec_command_output_delta',
  'patch_apply_begin', 'task_started', 'turn_diff', 'item_started', 'entered_review_mode', 'exited_review_mode', 'mcp_tool_call_begin',
  'mcp_tool_call_end', 'web_search_begin', 'web_search_end', 'background_event', 'stream_error', 'plan_update', 'context_compacted',
  'error', 'warning', 'turn_context', 'session_configured',
] as const;

export type FileChange = z.infer<typeof FileChangeSchema>;
