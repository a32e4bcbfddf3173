import { z } from 'zod';

/**
 * Zod schemas of the Claude Code session transcript records stopbench reads and writes
 * (`~/.claude/projects/<slug>/<session-id>.jsonl`, one record a line). Every schema is loose: Claude
 * Code adds fields between versions, and a reader must keep working when it does. Only the fields
 * stopbench uses are named; unknown record types parse as `TranscriptRecordSchema` and are skipped
 * by the readers with a count.
 */

/** `text` block of a message. */
export const TextBlockSchema = z.looseObject({ type: z.literal('text'), text: z.string() });
/** `thinking` block of an assistant message (never part of a trajectory). */
export const ThinkingBlockSchema = z.looseObject({ type: z.literal('thinking'), thinking: z.string().optional() });
/** `tool_use` block of an assistant message: `Bash`, `Edit`, `MultiEdit`, `Write`, `NotebookEdit`, `Read`, ... */
export const ToolUseBlockSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()).default({}),
});
/** `tool_result` block of a user message: the answer to the `tool_use` with the same id. */
export const ToolResultBlockSchema = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  /** A string, or text (and image) blocks. */
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string(), text: z.string().optional() }))]).optional(),
  is_error: z.boolean().optional(),
});
/** Any content block; the known ones are checked with the schemas above when they are used. */
export const ContentBlockSchema = z.looseObject({ type: z.string() });

/** Token counts of one model call, as Anthropic's API reports them. */
export const MessageUsageSchema = z.looseObject({
  input_tokens: z.number().nonnegative().optional(),
  output_tokens: z.number().nonnegative().optional(),
  cache_creation_input_tokens: z.number().nonnegative().nullable().optional(),
  cache_read_input_tokens: z.number().nonnegative().nullable().optional(),
});

export const MessageSchema = z.looseObject({
  id: z.string().optional(),
  role: z.string().optional(),
  model: z.string().optional(),
  content: z.union([z.string(), z.array(ContentBlockSchema)]).optional(),
  /** Checked with MessageUsageSchema where it is read, so an odd usage never loses the line. */
  usage: z.unknown().optional(),
});

/** The fields every conversation record carries (user, assistant, system). */
const ChainFields = {
  uuid: z.string().optional(),
  parentUuid: z.string().nullable().optional(),
  /** A subagent (Task) branch; newer versions write subagents to `<session>/subagents/*.jsonl` instead. */
  isSidechain: z.boolean().optional(),
  /** A message Claude Code wrote for itself (caveats, Stop hook feedback), not a user prompt. */
  isMeta: z.boolean().optional(),
  cwd: z.string().optional(),
  sessionId: z.string().optional(),
  version: z.string().optional(),
  timestamp: z.string().optional(),
};

export const UserRecordSchema = z.looseObject({
  type: z.literal('user'),
  ...ChainFields,
  message: MessageSchema,
  /** The tool's structured result (shape depends on the tool). */
  toolUseResult: z.unknown().optional(),
});

export const AssistantRecordSchema = z.looseObject({
  type: z.literal('assistant'),
  ...ChainFields,
  message: MessageSchema,
});

/** `system` records: `stop_hook_summary`, `compact_boundary`, notices. */
export const SystemRecordSchema = z.looseObject({
  type: z.literal('system'),
  ...ChainFields,
  subtype: z.string().optional(),
  content: z.string().optional(),
  hookErrors: z.array(z.string()).optional(),
  preventedContinuation: z.boolean().optional(),
});

/** Record types that carry no work of the agent: read and ignored without a count. */
export const BOOKKEEPING_TYPES = ['summary', 'file-history-snapshot', 'progress', 'queue-operation', 'custom-title', 'tag'] as const;

/** Any record: what every line must at least be. */
export const TranscriptRecordSchema = z.looseObject({ type: z.string(), ...ChainFields, message: MessageSchema.optional() });

export type ToolUseBlock = z.infer<typeof ToolUseBlockSchema>;
export type ToolResultBlock = z.infer<typeof ToolResultBlockSchema>;
export type ContentBlock = z.infer<typeof ContentBlockSchema>;
export type TranscriptRecord = z.infer<typeof TranscriptRecordSchema>;
export type UserRecord = z.infer<typeof UserRecordSchema>;
export type AssistantRecord = z.infer<typeof AssistantRecordSchema>;
export type SystemRecord = z.infer<typeof SystemRecordSchema>;

/** A message's text: the string, or its text blocks joined by newlines. */
export function messageText(content: string | readonly ContentBlock[]): string {
  return typeof content === 'string' ? content : content.filter((b) => b.type === 'text').map((b) => (typeof b.text === 'string' ? b.text : '')).join('\n');
}

/** Input of the edit and command tools the importer turns into steps. */
export const BashInputSchema = z.looseObject({ command: z.string() });
export const EditInputSchema = z.looseObject({
  file_path: z.string().min(1),
  old_string: z.string(),
  new_string: z.string(),
  replace_all: z.boolean().optional(),
});
export const MultiEditInputSchema = z.looseObject({
  file_path: z.string().min(1),
  edits: z.array(z.looseObject({ old_string: z.string(), new_string: z.string(), replace_all: z.boolean().optional() })),
});
export const WriteInputSchema = z.looseObject({ file_path: z.string().min(1), content: z.string() });
export const NotebookEditInputSchema = z.looseObject({
  notebook_path: z.string().min(1),
  cell_id: z.string().optional(),
  new_source: z.string().default(''),
  cell_type: z.enum(['code', 'markdown']).optional(),
  edit_mode: z.enum(['replace', 'insert', 'delete']).default('replace'),
});
