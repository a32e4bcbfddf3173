import { z } from 'zod';
import { addUsage, type ModelClient } from '../llm/client.js';
import { contractText, doneCriteriaText } from '../llm/contract-text.js';
import { ModelFailure, withUsage } from '../llm/failure.js';
import { ModelOptionsShape } from '../llm/settings.js';
import type { ChatMessage } from '../llm/types.js';
import type { JudgeInput, Usage, Verdict } from '../schemas/judging.js';
import { parseAnswer, VERDICT_OUTPUT } from './llm/answer.js';
import { fitEvidence } from './llm/evidence.js';
import { goalCondition } from './llm/goal-condition.js';
import { judgeModelClient, judgeUnavailable } from './llm/model-judge.js';
import { loadTemplate, renderTemplate, type Template } from './llm/template.js';
import type { Judge, JudgeContext } from './types.js';

export const LlmJudgeOptionsSchema = z.strictObject({
  provider: z.enum(['openai', 'anthropic']),
  ...ModelOptionsShape,
  /** Template name in benchmarks/prompts (minimal, checklist, skeptical, claude-goal, codex-goal-audit) or a path to a .md file. Default checklist. */
  prompt: z.string().min(1).default('checklist'),
  /** Output-token limit of one answer. Default 1024. */
  maxTokens: z.number().int().positive().default(1024),
  /** Malformed answers sent back for another try before the judgement fails. Default 2. */
  malformedRetries: z.number().int().nonnegative().default(2),
  /** Budget of the transcript and diff in the prompt, in estimated tokens. Default 6000. */
  evidenceTokens: z.number().int().positive().default(6000),
  /** OpenAI only: `schema` (response_format json_schema, strict) or `object` (json_object). Default schema. */
  jsonMode: z.enum(['schema', 'object']).default('schema'),
});
export type LlmJudgeOptions = z.output<typeof LlmJudgeOptionsSchema>;

const SYSTEM = [
  'You are a goal judge. A coding agent worked on a task and now wants to stop.',
  'Decide from the evidence: `done` (the contract is met; accept the stop), `continue` (not met yet;',
  'your feedback goes to the agent as its next instruction) or `blocked` (it cannot be met as specified).',
  'Answer only with the verdict object as JSON.',
].join(' ');

/** Judges by asking a model, through a prompt template, for a structured verdict. */
export class LlmJudge implements Judge {
  readonly needsWorkspace = false;
  readonly deterministic: boolean;

  constructor(
    readonly id: string,
    private readonly options: LlmJudgeOptions,
    private readonly client: ModelClient,
    private readonly template: Template,
  ) {
    this.deterministic = !client.sampled;
  }

  /** Why this judge cannot run here (no API key), or null. */
  static unavailable(options: LlmJudgeOptions): string | null {
    return judgeUnavailable(options);
  }

  static create(id: string, options: LlmJudgeOptions, baseDir: string): LlmJudge {
    const template = loadTemplate(options.prompt, baseDir, `judge "${id}"`);
    const client = judgeModelClient(id, options, baseDir, options.jsonMode);
    return new LlmJudge(id, options, client, template);
  }

  /** The prompt for a judge input (exported for tests and for people tuning templates). */
  prompt(input: JudgeInput): string {
    const evidence = fitEvidence(input, this.options.evidenceTokens);
    return renderTemplate(this.template, {
      fixture: input.fixture,
      turn: String(input.turn),
      contract: contractText(input.contract),
      done_criteria: doneCriteriaText(input.contract),
      goal_condition: goalCondition(input.contract),
      claim: input.claim,
      report: input.report.trim() || '(the agent wrote no report)',
      transcript: evidence.transcript,
      diff: evidence.diff,
      cuts: evidence.cuts.length
        ? `Cut to fit the evidence budget:\n${evidence.cuts.map((c) => `- ${c}`).join('\n')}`
        : 'Nothing was cut from the evidence.',
    });
  }

  async judge(input: JudgeInput, context: JudgeContext): Promise<Verdict> {
    const messages: ChatMessage[] = [{ role: 'user', content: this.prompt(input) }];
    let usage: Usage | undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        const call = await this.client.call(
          { system: SYSTEM, messages: [...messages], temperature: this.client.temperature, maxTokens: this.options.maxTokens, output: VERDICT_OUTPUT },
          context.repeat,
          context.signal,
        );
        usage = addUsage(usage, call.usage);
        const parsed = parseAnswer(call.response.text);
        if ('answer' in parsed) return { ...parsed.answer, usage };
        if (attempt > this.options.malformedRetries) {
          throw new ModelFailure(`malformed verdict after ${attempt} answer${attempt > 1 ? 's' : ''}: ${parsed.problem}`, usage);
        }
        messages.push(
          { role: 'assistant', content: call.response.text || '(empty answer)' },
          { role: 'user', content: `Your answer could not be used: ${parsed.problem}. Answer again with only the verdict object.` },
        );
      }
    } catch (error) {
      context.signal.throwIfAborted();
      return withUsage(error, usage);
    }
  }
}
