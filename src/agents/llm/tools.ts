import { readFile } from 'node:fs/promises';
import { glob } from 'tinyglobby';
import { z } from 'zod';
import { capTail, dispatchToolCall, FILE_TOOL_ARGS, LIST_FILES_DESCRIPTION, toolError as fail, toolSpec } from '../../llm/tool-kit.js';
import type { ToolCall, ToolSpec } from '../../llm/types.js';
import type { TranscriptEntry } from '../../schemas/judging.js';
import { ClaimSchema } from '../../schemas/trajectory.js';
import { resolveInside } from '../../workspace/paths.js';
import { writeFileDeep, type Workspace } from '../../workspace/workspace.js';
import { separateStreams } from '../streams.js';

/** Each tool's arguments: the schema the model is shown and the check its calls go through. */
const ARGS = {
  ...FILE_TOOL_ARGS,
  write_file: z.strictObject({ path: z.string().min(1), content: z.string().describe('The whole new content of the file.') }),
  edit_file: z.strictObject({
    path: z.string().min(1),
    old: z.string().min(1).describe('Exact text to replace; it must occur exactly once in the file.'),
    new: z.string().describe('The replacement text.'),
  }),
  run_command: z.strictObject({ command: z.string().min(1).describe('A shell command, run with sh -c in the repository root.') }),
  finish: z.strictObject({
    claim: ClaimSchema.describe('done: the goal is met; blocked: it cannot be met as specified.'),
    report: z.string().describe('Your report: what you changed, the root cause, and the verification you ran, as the delivery format asks.'),
  }),
};
type ToolName = keyof typeof ARGS;

const DESCRIPTIONS: Record<ToolName, string> = {
  read_file: 'Read a text file of the repository.',
  list_files: LIST_FILES_DESCRIPTION,
  write_file: 'Create or overwrite a file.',
  edit_file: 'Replace one exact, unique piece of text in a file.',
  run_command: 'Run a shell command in the repository root and get its exit code and output.',
  finish: 'End your turn: claim done or blocked and give your report. A judge reviews it and may send you back.',
};

const TOOL_NAMES = Object.keys(ARGS) as ToolName[];

export const TOOL_SPECS: ToolSpec[] = TOOL_NAMES.map((name) => toolSpec(name, DESCRIPTIONS[name], ARGS[name]));

/** What one tool call did: the text the model gets back, a transcript entry, or the stop attempt. */
export interface ToolOutcome {
  content: string;
  isError?: boolean;
  entry?: TranscriptEntry;
  finish?: { claim: z.infer<typeof ClaimSchema>; report: string };
}

export interface ToolContext {
  workspace: Workspace;
  turn: number;
  commandTimeoutMs: number;
  /** Longest tool output returned to the model, in characters (the transcript keeps it all). */
  maxOutputChars: number;
  signal: AbortSignal;
}

/** Runs one tool call. Mistakes (bad arguments, a missing file, a non-unique edit) go back to the model as errors. */
export function runTool(call: ToolCall, context: ToolContext): Promise<ToolOutcome> {
  return dispatchToolCall(call, TOOL_NAMES, ARGS, HANDLERS, context);
}

const inside = (context: ToolContext, p: string) => resolveInside(context.workspace.dir, p);

const HANDLERS: { [N in ToolName]: (args: z.infer<(typeof ARGS)[N]>, context: ToolContext) => Promise<ToolOutcome> } = {
  async read_file({ path }, context) {
    return { content: capTail(await readFile(await inside(context, path), 'utf8'), context.maxOutputChars) };
  },
  async list_files({ path }, context) {
    const root = path && path !== '.' ? await inside(context, path) : context.workspace.dir;
    const files = await glob('**', { cwd: root, dot: true, ignore: ['.git/**'], onlyFiles: true });
    return { content: files.length ? capTail(files.sort().join('\n'), context.maxOutputChars) : '(no files)' };
  },
  async write_file({ path, content }, context) {
    await writeFileDeep(await inside(context, path), content);
    return { content: `wrote ${path}`, entry: { turn: context.turn, kind: 'write', path, content } };
  },
  async edit_file({ path, old, new: replacement }, context) {
    const file = await inside(context, path);
    const text = await readFile(file, 'utf8');
    const count = text.split(old).length - 1;
    if (count !== 1) return fail(count === 0 ? 'old text not found in the file' : `old text found ${count} times; it must be unique`);
    await writeFileDeep(file, text.replace(old, () => replacement));
    return { content: `edited ${path}`, entry: { turn: context.turn, kind: 'edit', path, old, new: replacement } };
  },
  async run_command({ command }, context) {
    const run = await context.workspace.run(command, { timeoutMs: context.commandTimeoutMs, signal: context.signal, purpose: 'agent' });
    if (run.aborted) context.signal.throwIfAborted();
    const status = run.timedOut ? `timed out after ${context.commandTimeoutMs} ms` : `exit code ${run.exitCode ?? `none (${run.signal})`}`;
    return {
      content: `${status}\n${capTail(run.output, context.maxOutputChars)}`,
      entry: {
        turn: context.turn, kind: 'run', command, exitCode: run.exitCode, output: run.output, ...separateStreams(run),
        ...(run.timedOut ? { timedOut: true } : {}), durationMs: run.durationMs,
      },
    };
  },
  async finish({ claim, report }) {
    return { content: 'Stop attempt recorded; a judge will review it.', finish: { claim, report } };
  },
};
