import { z } from 'zod';
import type { ModelClient } from '../../llm/client.js';
import { contractText } from '../../llm/contract-text.js';
import { ModelFailure, withUsage } from '../../llm/failure.js';
import { ModelOptionsShape } from '../../llm/settings.js';
import type { JudgeInput, Verdict } from '../../schemas/judging.js';
import { parseAnswer, VERDICT_OUTPUT } from '../llm/answer.js';
import { fitEvidence } from '../llm/evidence.js';
import { judgeModelClient, judgeUnavailable } from '../llm/model-judge.js';
import type { Judge, JudgeContext } from '../types.js';
import { runToolLoop } from './loop.js';
import { JUDGE_TOOL_NAMES, runJudgeTool, toolSpecs } from './tools.js';

export const LlmAgentJudgeOptionsSchema = z.strictObject({
  provider: z.enum(['openai', 'anthropic']),
  ...ModelOptionsShape,
  /** Tool calls before the judge must answer. Default 20. */
  maxToolCalls: z.number().int().positive().default(20),
  /** Input plus output tokens of one judgement; past it the judge must answer. Default 60000. */
  maxJudgeTokens: z.number().int().positive().default(60_000),
  /** Output-token limit of one answer. Default 1024. */
  maxTokens: z.number().int().positive().default(1024),
  /** Longest tool output returned to the model, in characters (its tail). Default 8000. */
  maxToolOutputChars: z.number().int().positive().default(8000),
  /** Budget of the transcript in the first message, in estimated tokens. Default 3000. */
  evidenceTokens: z.number().int().positive().default(3000),
});
export type LlmAgentJudgeOptions = z.output<typeof LlmAgentJudgeOptionsSchema>;

const SYSTEM = [
  'You are a goal judge with tools. A coding agent worked on a task in a repository and now wants to stop.',
  'Do not trust its report: check every criterion of the definition of done with evidence you gather',
  'yourself (read the changed files, look at the diff against the starting state, run the verify commands).',
  'Then call `verdict`: `done` only when every criterion is met with direct evidence; `continue` with',
  'concrete feedback otherwise; `blocked` only when the contract cannot be met as specified.',
  'One criteria entry per done criterion, by its id, with the evidence you saw.',
].join(' ');

/**
 * The Agent-as-a-Judge judge: a model with read-only tools over a disposable copy of the turn-end
 * state (read, list, grep, the diff, the contract's verify commands) and a tool-call and token
 * budget. It answers with the verdict schema; like `llm`, through the openai and anthropic clients
 * and the answer cache.
 */
export class LlmAgentJudge implements Judge {
  readonly needsWorkspace = true;
  readonly deterministic: boolean;

  constructor(
    readonly id: string,
    private readonly options: LlmAgentJudgeOptions,
    private readonly client: ModelClient,
  ) {
    // Tool results (a verify run) may differ between runs even at temperature 0.
    this.deterministic = false;
  }

  static unavailable(options: LlmAgentJudgeOptions): string | null {
    return judgeUnavailable(options);
  }

  static create(id: string, options: LlmAgentJudgeOptions, baseDir: string): LlmAgentJudge {
    return new LlmAgentJudge(id, options, judgeModelClient(id, options, baseDir));
  }

  /** The first message: the contract, the claim and report, and what the agent did (fitted to a budget). */
  prompt(input: JudgeInput): string {
    const evidence = fitEvidence(input, this.options.evidenceTokens);
    const changed = input.diff.files.map((f) => `- ${f.status} ${f.path}`).join('\n') || '(none)';
    return [
      `# Task\n${contractText(input.contract)}`,
      `# Stop attempt (turn ${input.turn})\nClaim: ${input.claim}\nReport:\n${input.report.trim() || '(no report)'}`,
      `# What the agent did\n${evidence.transcript}`,
      `# Changed paths\n${changed}`,
      'Gather the evidence you need with the tools, then call `verdict`.',
    ].join('\n\n');
  }

  async judge(input: JudgeInput, context: JudgeContext): Promise<Verdict> {
    const options = this.options;
    let usage;
    try {
      const result = await runToolLoop({
        client: this.client,
        system: SYSTEM,
        prompt: this.prompt(input),
        tools: toolSpecs(JUDGE_TOOL_NAMES),
        answer: VERDICT_OUTPUT,
        runTool: (call) => runJudgeTool(call, JUDGE_TOOL_NAMES, {
          input, home: context.temp.home, sandbox: context.sandbox, commandTimeoutMs: context.commandTimeoutMs, maxOutputChars: options.maxToolOutputChars, signal: context.signal,
        }),
        budget: { maxToolCalls: options.maxToolCalls, maxTokens: options.maxJudgeTokens, maxAnswerTokens: options.maxTokens },
        repeat: context.repeat,
        signal: context.signal,
      });
      usage = result.usage;
      if (result.answer === null) throw new ModelFailure(`no verdict: ${result.problem}`, usage ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 });
      const parsed = parseAnswer(result.answer);
      if ('problem' in parsed) throw new ModelFailure(`malformed verdict after ${result.toolCalls} tool calls: ${parsed.problem}`, usage ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 });
      return { ...parsed.answer, ...(usage ? { usage } : {}) };
    } catch (error) {
      context.signal.throwIfAborted();
      return withUsage(error, usage);
    }
  }
}
