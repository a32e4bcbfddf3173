import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { capTail, dispatchToolCall, FILE_TOOL_ARGS, LIST_FILES_DESCRIPTION, toolError as fail, toolSpec, type ToolReply } from '../../llm/tool-kit.js';
import type { ToolCall, ToolSpec } from '../../llm/types.js';
import type { SandboxSettings } from '../../sandbox/settings.js';
import type { JudgeInput } from '../../schemas/judging.js';
import { commandEnv } from '../../workspace/env.js';
import { checkLimits, runCommand } from '../../workspace/exec.js';
import { resolveInside } from '../../workspace/paths.js';
import { listFiles } from '../../workspace/tree.js';

/** The read-only tools a judge may use to gather its own evidence, by name. */
export const JUDGE_TOOL_NAMES = ['read_file', 'list_files', 'grep', 'diff', 'run_verify'] as const;
export type JudgeToolName = (typeof JUDGE_TOOL_NAMES)[number];

const ARGS = {
  ...FILE_TOOL_ARGS,
  grep: z.strictObject({
    pattern: z.string().min(1).describe('A JavaScript regular expression, matched against each line.'),
    path: z.string().min(1).optional().describe('Folder or file to search, relative to the root. Default: the root.'),
  }),
  diff: z.strictObject({}),
  run_verify: z.strictObject({ command: z.string().min(1).describe('One of the contract\'s verify commands, exactly as listed.') }),
};

const DESCRIPTIONS: Record<JudgeToolName, string> = {
  read_file: 'Read a text file of the repository as the agent left it.',
  list_files: LIST_FILES_DESCRIPTION,
  grep: 'Find the lines that match a regular expression, as file:line: text (at most 200 lines).',
  diff: 'The agent\'s changes against the starting state: changed paths and the patch.',
  run_verify: 'Run one of the contract\'s verify commands in a disposable copy and get its exit code and output.',
};

export function toolSpecs(names: readonly JudgeToolName[]): ToolSpec[] {
  return names.map((name) => toolSpec(name, DESCRIPTIONS[name], ARGS[name]));
}

export interface JudgeToolContext {
  input: JudgeInput;
  /** The run's HOME, for the commands run_verify starts. */
  home: string;
  /** How those commands run: the run's sandbox settings. */
  sandbox: SandboxSettings;
  commandTimeoutMs: number;
  /** Longest tool output returned to the model, in characters (its tail). */
  maxOutputChars: number;
  signal: AbortSignal;
}

export type JudgeToolResult = ToolReply;

/** Runs one tool call; mistakes (a missing file, a command not in the contract) go back to the model as errors. */
export function runJudgeTool(call: ToolCall, allowed: readonly JudgeToolName[], context: JudgeToolContext): Promise<JudgeToolResult> {
  return dispatchToolCall(call, allowed, ARGS, HANDLERS, context);
}

const root = (context: JudgeToolContext) => context.input.workspace;
const inside = (context: JudgeToolContext, p: string | undefined) => (p && p !== '.' ? resolveInside(root(context), p) : Promise.resolve(root(context)));

const HANDLERS: { [N in JudgeToolName]: (args: z.infer<(typeof ARGS)[N]>, context: JudgeToolContext) => Promise<JudgeToolResult> } = {
  async read_file({ path: file }, context) {
    return { content: capTail(await readFile(await inside(context, file), 'utf8'), context.maxOutputChars) };
  },
  async list_files({ path: dir }, context) {
    const files = await listFiles(await inside(context, dir));
    return { content: files.length ? capTail(files.join('\n'), context.maxOutputChars) : '(no files)' };
  },
  async grep({ pattern, path: where }, context) {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern);
    } catch (error) {
      return fail(`bad pattern: ${error instanceof Error ? error.message : String(error)}`);
    }
    const start = await inside(context, where);
    const files = await listFiles(start).then((list) => (list.length ? list.map((f) => path.join(start, f)) : [start]));
    const hits: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text === null || text.includes('\u0000')) continue; // folders, binaries
      text.split('\n').forEach((line, i) => {
        if (hits.length < 200 && regex.test(line)) hits.push(`${path.relative(root(context), file)}:${i + 1}: ${line}`);
      });
    }
    return { content: hits.length ? capTail(hits.join('\n'), context.maxOutputChars) : '(no match)' };
  },
  async diff(_args, context) {
    const { files, patch } = context.input.diff;
    if (!files.length) return { content: '(no changes against the starting state)' };
    const list = files.map((f) => `${f.status} ${f.path}`).join('\n');
    return { content: capTail(`${list}\n\n${patch}`, context.maxOutputChars) };
  },
  async run_verify({ command }, context) {
    const verify = context.input.contract.verify;
    if (!verify.includes(command)) return fail(`not a verify command of the contract (they are: ${verify.join('; ') || 'none'})`);
    const run = checkLimits(await runCommand(command, {
      cwd: root(context), env: commandEnv(context.home), timeoutMs: context.commandTimeoutMs, signal: context.signal, sandbox: context.sandbox, purpose: 'judge',
    }));
    if (run.aborted) context.signal.throwIfAborted();
    const status = run.timedOut ? `timed out after ${context.commandTimeoutMs} ms` : `exit code ${run.exitCode ?? `none (${run.signal})`}`;
    return { content: `${status}\n${capTail(run.output, context.maxOutputChars)}` };
  },
};
