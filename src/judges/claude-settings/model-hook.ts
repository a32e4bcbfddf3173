import { z } from 'zod';
import { errorMessage } from '../../errors.js';
import type { ModelClient } from '../../llm/client.js';
import type { StructuredOutput } from '../../llm/types.js';
import type { SandboxSettings } from '../../sandbox/settings.js';
import type { JudgeInput, Usage } from '../../schemas/judging.js';
import { fitEvidence } from '../llm/evidence.js';
import { runToolLoop } from '../llm-agent/loop.js';
import { runJudgeTool, toolSpecs, type JudgeToolName } from '../llm-agent/tools.js';
import type { HookOutcome } from './outcome.js';
import { hookLabel, type AgentHook, type PromptHook } from './settings-file.js';

/** Claude Code's defaults when a model hook gives no `timeout`: 30 s for prompt, 60 s for agent hooks. */
export const DEFAULT_TIMEOUT_MS = { prompt: 30_000, agent: 60_000 } as const;

/** What a prompt or agent hook's model answers; `ok: false` blocks the stop with `reason`. */
const HookAnswerSchema = z.looseObject({ ok: z.boolean(), reason: z.string().optional(), impossible: z.boolean().optional() });

const HOOK_ANSWER: StructuredOutput = {
  name: 'hook_answer',
  description: 'Answer whether the stop condition holds: ok true lets the agent stop; ok false sends it back with the reason.',
  schema: {
    type: 'object',
    properties: {
      ok: { type: 'boolean', description: 'true: the condition holds and the agent may stop.' },
      reason: { type: 'string', description: 'Why; for ok false, what the agent must still do (it gets this as its next instruction).' },
    },
    required: ['ok', 'reason'],
    additionalProperties: false,
  },
};

/** The tools of an agent hook: read and search the project, as Claude Code's hook subagent may. */
const AGENT_HOOK_TOOLS: JudgeToolName[] = ['read_file', 'list_files', 'grep'];

const SYSTEM = [
  'You are evaluating a stop hook in a coding agent session. The agent wants to stop.',
  'Decide whether the condition given by the user holds, from the conversation so far.',
  'Answer with ok true when it holds (the agent may stop), or ok false with the reason: what is still',
  'missing, written as an instruction to the agent.',
].join(' ');

const AGENT_SYSTEM = `${SYSTEM} You may use the tools to read and search the project before you answer; then call \`hook_answer\`.`;

export interface ModelHookRun {
  client: ModelClient;
  /** The hook's Stop input as JSON: replaces `$ARGUMENTS`, or is appended when the prompt has none. */
  hookInput: string;
  input: JudgeInput;
  home: string;
  sandbox: SandboxSettings;
  commandTimeoutMs: number;
  repeat: number;
  signal: AbortSignal;
}

/** `$ARGUMENTS` in the prompt becomes the hook input; a prompt without it gets the input appended. */
export function hookPrompt(prompt: string, hookInput: string): string {
  return prompt.includes('$ARGUMENTS') ? prompt.replaceAll('$ARGUMENTS', hookInput) : `${prompt}\n\n${hookInput}`;
}

/**
 * A prompt hook (one model call over the conversation) or an agent hook (a model that may read and
 * search the project first). Like Claude Code: a timeout, an API error or an answer that is not
 * `{ok, reason}` lets the stop through; the outcome says so.
 */
export async function runModelHook(hook: PromptHook | AgentHook, run: ModelHookRun): Promise<HookOutcome> {
  const base = { label: hookLabel(hook), command: hook.prompt };
  const timeoutMs = hook.timeout !== undefined ? Math.round(hook.timeout * 1000) : DEFAULT_TIMEOUT_MS[hook.type];
  const signal = AbortSignal.any([run.signal, AbortSignal.timeout(timeoutMs)]);
  const started = performance.now();
  const evidence = fitEvidence(run.input, 4000).transcript;
  const prompt = `Conversation so far (the agent's actions and results):\n${evidence}\n\nThe agent's last message:\n${run.input.report}\n\n---\n\n${hookPrompt(hook.prompt, run.hookInput)}`;
  let usage: Usage | undefined;
  let answer: string | null;
  try {
    if (hook.type === 'prompt') {
      const call = await run.client.call(
        { system: SYSTEM, messages: [{ role: 'user', content: prompt }], temperature: run.client.temperature, maxTokens: 1024, output: HOOK_ANSWER },
        run.repeat,
        signal,
      );
      usage = call.usage;
      answer = call.response.text;
    } else {
      const result = await runToolLoop({
        client: run.client, system: AGENT_SYSTEM, prompt, tools: toolSpecs(AGENT_HOOK_TOOLS), answer: HOOK_ANSWER,
        runTool: (call) => runJudgeTool(call, AGENT_HOOK_TOOLS, { input: run.input, home: run.home, sandbox: run.sandbox, commandTimeoutMs: run.commandTimeoutMs, maxOutputChars: 8000, signal }),
        budget: { maxToolCalls: 20, maxTokens: 60_000, maxAnswerTokens: 1024 }, repeat: run.repeat, signal,
      });
      usage = result.usage;
      answer = result.answer;
    }
  } catch (error) {
    run.signal.throwIfAborted();
    const why = signal.aborted ? `timed out after ${timeoutMs} ms` : errorMessage(error);
    return { ...base, result: 'failed', error: why, durationMs: elapsed(started) };
  }
  const withUsage = { ...base, durationMs: elapsed(started), ...(usage ? { usage } : {}) };
  const parsed = parseHookAnswer(answer);
  if ('problem' in parsed) return { ...withUsage, result: 'failed', error: parsed.problem, stdout: answer ?? '' };
  if (parsed.ok) return { ...withUsage, result: 'pass', stdout: answer ?? '' };
  return { ...withUsage, result: 'block', reason: parsed.reason?.trim() || 'The stop condition does not hold.', stdout: answer ?? '' };
}

function parseHookAnswer(text: string | null): { ok: boolean; reason?: string | undefined } | { problem: string } {
  if (!text?.trim()) return { problem: 'the model gave no answer' };
  let value: unknown;
  try {
    value = JSON.parse(text.trim().replace(/^```(?:json)?\s*\n([\s\S]*?)\n```$/, '$1'));
  } catch {
    return { problem: 'the answer is not valid JSON' };
  }
  const parsed = HookAnswerSchema.safeParse(value);
  return parsed.success ? { ok: parsed.data.ok, reason: parsed.data.reason } : { problem: 'the answer is not {"ok": boolean, "reason": string}' };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
