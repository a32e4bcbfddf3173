import { addUsage, type ModelClient } from '../../llm/client.js';
import type { ChatMessage, StructuredOutput, ToolCall, ToolSpec } from '../../llm/types.js';
import type { Usage } from '../../schemas/judging.js';

/** Limits of one judgement by a model with tools. */
export interface LoopBudget {
  /** Tool calls before the model must answer. */
  maxToolCalls: number;
  /** Input plus output tokens of the whole judgement. */
  maxTokens: number;
  /** Output-token limit of one model answer. */
  maxAnswerTokens: number;
}

export interface LoopRequest {
  client: ModelClient;
  system: string;
  prompt: string;
  tools: ToolSpec[];
  /** The answer: a tool the model calls when it has decided (its arguments are the answer). */
  answer: StructuredOutput;
  runTool(call: ToolCall): Promise<{ content: string; isError?: boolean }>;
  budget: LoopBudget;
  repeat: number;
  signal: AbortSignal;
}

export interface LoopResult {
  /** The answer tool's arguments as JSON text, or null when the model never gave one. */
  answer: string | null;
  /** Why there is no answer. */
  problem?: string;
  usage: Usage | undefined;
  toolCalls: number;
}

/**
 * A judgement by a model that gathers its own evidence: it calls tools until it calls the answer
 * tool. When the tool-call or token budget runs out, it gets one last request with the answer as the
 * only way out (structured output), so a budget ends in an answer, not a loop.
 */
export async function runToolLoop(request: LoopRequest): Promise<LoopResult> {
  const { client, budget } = request;
  const messages: ChatMessage[] = [{ role: 'user', content: request.prompt }];
  const answerTool = { name: request.answer.name, description: request.answer.description, parameters: request.answer.schema };
  let usage: Usage | undefined;
  let toolCalls = 0;
  const spent = () => (usage ? usage.inputTokens + usage.outputTokens : 0);
  for (let nudges = 0; ;) {
    const last = toolCalls >= budget.maxToolCalls || spent() >= budget.maxTokens;
    if (last) {
      messages.push({ role: 'user', content: `The evidence budget is used up (${toolCalls} tool calls, ${spent()} tokens). Give your answer now.` });
    }
    const call = await client.call(
      {
        system: request.system,
        messages: [...messages],
        temperature: client.temperature,
        maxTokens: budget.maxAnswerTokens,
        // The history holds tool calls, so the tools stay declared; the last request forces the answer.
        ...(last ? { tools: request.tools, output: request.answer } : { tools: [...request.tools, answerTool] }),
      },
      request.repeat,
      request.signal,
    );
    usage = addUsage(usage, call.usage);
    const { text, toolCalls: calls } = call.response;
    if (last) return text.trim() ? { answer: text, usage, toolCalls } : { answer: null, problem: 'no answer after the budget ran out', usage, toolCalls };
    const answered = calls.find((c) => c.name === request.answer.name);
    if (answered) return { answer: answered.arguments, usage, toolCalls };
    messages.push({ role: 'assistant', content: text, ...(calls.length ? { toolCalls: calls } : {}) });
    if (!calls.length) {
      // Some models answer in text despite the tools; ask once more, then take the text as the answer.
      if (nudges++ >= 1) return { answer: text, usage, toolCalls };
      messages.push({ role: 'user', content: `Call \`${request.answer.name}\` with your answer, or use a tool to gather more evidence.` });
      continue;
    }
    for (const tool of calls) {
      toolCalls += 1;
      const result = await request.runTool(tool);
      messages.push({ role: 'tool', toolCallId: tool.id, name: tool.name, content: result.content, ...(result.isError ? { isError: true } : {}) });
    }
  }
}
