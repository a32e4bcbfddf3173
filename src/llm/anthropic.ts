import Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlockParam,
  MessageCreateParamsNonStreaming,
  MessageParam,
  Tool,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type { ChatMessage, ChatRequest, ChatResponse, Provider, ToolCall } from './types.js';
import type { ClientSettings } from './settings.js';

/** Messages through the official `@anthropic-ai/sdk` client. */
export class AnthropicProvider implements Provider {
  readonly name = 'anthropic' as const;
  readonly wireOptions = {};
  private readonly client: Anthropic;

  constructor(
    readonly model: string,
    settings: ClientSettings,
  ) {
    this.client = new Anthropic({
      apiKey: settings.apiKey,
      maxRetries: settings.maxRetries,
      timeout: settings.timeoutMs,
      ...(settings.baseURL !== undefined ? { baseURL: settings.baseURL } : {}),
    });
  }

  get baseURL(): string {
    return this.client.baseURL;
  }

  /** Sampling parameters are not sent: the API version this SDK speaks rejects them. */
  async complete(request: ChatRequest, signal: AbortSignal): Promise<ChatResponse> {
    const tools: Tool[] = (request.tools ?? []).map((t) => ({
      name: t.name, description: t.description, input_schema: asInputSchema(t.parameters),
    }));
    const params: MessageCreateParamsNonStreaming = {
      model: this.model,
      system: request.system,
      messages: toWire(request.messages),
      max_tokens: request.maxTokens,
    };
    const output = request.output;
    if (output) {
      // Anthropic's structured answer: a tool whose input is the answer, and the model must call it.
      tools.push({ name: output.name, description: output.description, input_schema: asInputSchema(output.schema) });
      params.tool_choice = { type: 'tool', name: output.name };
    }
    if (tools.length) params.tools = tools;

    const message = await this.client.messages.create(params, { signal });
    let text = '';
    const toolCalls: ToolCall[] = [];
    let answer: string | undefined;
    for (const block of message.content) {
      if (block.type === 'text') text += block.text;
      else if (block.type === 'tool_use') {
        const args = JSON.stringify(block.input ?? {});
        if (output && block.name === output.name && answer === undefined) answer = args;
        else toolCalls.push({ id: block.id, name: block.name, arguments: args });
      }
    }
    return {
      text: answer ?? text,
      toolCalls,
      usage: { inputTokens: message.usage?.input_tokens ?? 0, outputTokens: message.usage?.output_tokens ?? 0 },
      model: message.model,
      stopReason: message.stop_reason ?? null,
    };
  }
}

function asInputSchema(schema: Record<string, unknown>): Tool.InputSchema {
  return { ...schema, type: 'object' };
}

/**
 * Anthropic wants user and assistant turns to alternate and tool results inside the next user turn,
 * so tool results and a following user message merge into one user turn.
 */
function toWire(messages: readonly ChatMessage[]): MessageParam[] {
  const wire: MessageParam[] = [];
  let pending: ContentBlockParam[] = [];
  const flushUser = () => {
    if (pending.length) wire.push({ role: 'user', content: pending });
    pending = [];
  };
  for (const message of messages) {
    if (message.role === 'tool') {
      pending.push({
        type: 'tool_result', tool_use_id: message.toolCallId, content: message.content,
        ...(message.isError ? { is_error: true } : {}),
      });
    } else if (message.role === 'user') {
      pending.push({ type: 'text', text: message.content });
    } else {
      flushUser();
      const blocks: ContentBlockParam[] = [];
      if (message.content) blocks.push({ type: 'text', text: message.content });
      for (const call of message.toolCalls ?? []) {
        blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: parseObject(call.arguments) });
      }
      wire.push({ role: 'assistant', content: blocks.length ? blocks : [{ type: 'text', text: '(no answer)' }] });
    }
  }
  flushUser();
  return wire;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
