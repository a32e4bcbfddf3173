import { z } from 'zod';
import { formatIssues } from '../load/issues.js';
import { PathEscapeError } from '../workspace/paths.js';
import type { ToolCall, ToolSpec } from './types.js';

/** The answer to one tool call: the text the model gets back. */
export interface ToolReply {
  content: string;
  isError?: boolean;
}

/** Arguments of the file tools an LLM agent and an agentic judge share. */
export const FILE_TOOL_ARGS = {
  read_file: z.strictObject({ path: z.string().min(1).describe('Path relative to the repository root.') }),
  list_files: z.strictObject({ path: z.string().min(1).optional().describe('Folder relative to the repository root. Default: the root.') }),
};

export const LIST_FILES_DESCRIPTION = 'List the files under a folder of the repository (recursively, without .git).';

/** A tool as the model is shown it: the zod schema of its arguments as JSON Schema. */
export function toolSpec(name: string, description: string, args: z.ZodType): ToolSpec {
  const { $schema: _drop, ...parameters } = z.toJSONSchema(args) as Record<string, unknown>;
  return { name, description, parameters };
}

/** A mistake sent back to the model (it may try again), not a failure of the run. */
export function toolError(message: string): ToolReply {
  return { content: `error: ${message}`, isError: true };
}

/** Keeps the end of long output, where failures and summaries are, and says how much was cut. */
export function capTail(text: string, max: number): string {
  return text.length <= max ? text : `[… ${text.length - max} earlier characters cut …]\n${text.slice(-max)}`;
}

/**
 * Runs one tool call through its handler: an unknown tool, arguments that are not JSON or not the
 * tool's schema, a path that leaves the workspace, a missing file or a folder read as a file go back
 * to the model as errors; anything else is the run's own failure and throws.
 */
export async function dispatchToolCall<Name extends string, Context, Reply extends ToolReply>(
  call: ToolCall,
  allowed: readonly Name[],
  args: Record<Name, z.ZodType>,
  handlers: Record<Name, (args: any, context: Context) => Promise<Reply>>,
  context: Context,
): Promise<Reply | ToolReply> {
  if (!(allowed as readonly string[]).includes(call.name)) return toolError(`unknown tool "${call.name}" (tools: ${allowed.join(', ')})`);
  const name = call.name as Name;
  let value: unknown;
  try {
    value = JSON.parse(call.arguments || '{}');
  } catch {
    return toolError('the arguments are not valid JSON');
  }
  const parsed = args[name].safeParse(value);
  if (!parsed.success) return toolError(`bad arguments: ${formatIssues(parsed.error.issues)}`);
  try {
    return await handlers[name](parsed.data, context);
  } catch (error) {
    if (error instanceof PathEscapeError) return toolError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return toolError('no such file');
    if (code === 'EISDIR') return toolError('that is a folder');
    throw error;
  }
}
