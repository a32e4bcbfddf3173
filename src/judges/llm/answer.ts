import { z } from 'zod';
import { formatIssues } from '../../load/issues.js';
import { CriterionVerdictSchema, VerdictSchema } from '../../schemas/judging.js';
import type { StructuredOutput } from '../../llm/types.js';

/** What the model must answer: the verdict without usage (the harness measures that itself). */
export const AnswerSchema = VerdictSchema.omit({ usage: true });
export type Answer = z.infer<typeof AnswerSchema>;

/**
 * The schema sent to the model: every field required, no extra keys, which is what OpenAI's strict
 * json_schema mode needs. Answers are then checked against the lenient AnswerSchema.
 */
const WireSchema = AnswerSchema.extend({
  feedback: z.string().describe('For continue: what the agent must do next. Otherwise: why you accept the stop.'),
  criteria: z
    .array(CriterionVerdictSchema.omit({ status: true }).required().extend({ evidence: z.string().describe('What in the evidence shows it, or what is missing.') }))
    .describe('One entry per requirement you checked; id as given in the task where it has one.'),
}).describe('Your verdict on the agent\'s stop attempt.');

function wireJsonSchema(): Record<string, unknown> {
  const { $schema: _drop, ...schema } = z.toJSONSchema(WireSchema) as Record<string, unknown>;
  return schema;
}

export const VERDICT_OUTPUT: StructuredOutput = {
  name: 'verdict',
  description: 'Record the verdict: done, continue (with feedback for the agent) or blocked.',
  schema: wireJsonSchema(),
};

/** A valid answer, or the one-line reason it is not (sent back to the model for another try). */
export function parseAnswer(text: string): { answer: Answer } | { problem: string } {
  const json = stripFence(text.trim());
  if (!json) return { problem: 'the answer was empty' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { problem: `the answer is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = AnswerSchema.safeParse(value);
  return parsed.success ? { answer: parsed.data } : { problem: `the answer does not match the verdict schema: ${formatIssues(parsed.error.issues)}` };
}

/** Some models wrap JSON in a ```json fence even in JSON mode. */
function stripFence(text: string): string {
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n```$/.exec(text);
  return fenced ? fenced[1]! : text;
}
