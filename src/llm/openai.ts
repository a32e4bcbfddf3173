import OpenAI from 'openai';
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { ChatMessage, ChatRequest, ChatResponse, Provider } from './types.js';
import type { ClientSettings } from './settings.js';

/** How to ask an OpenAI-compatible server for a JSON answer. */
export type JsonMode = 'schema' | 'object';

export interface OpenAIProviderOptions extends ClientSettings {
  /** `schema`: response_format json_schema (strict); `object`: json_object, the schema in the prompt. */
  jsonMode: JsonMode;
  /** OpenAI's own API wants max_completion_tokens; some compatible servers only know max_tokens. */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
}

/** Chat completions through the official `openai` client; any OpenAI-compatible server via baseURL. */
export class OpenAIProvider implements Provider {
  readonly name = 'openai' as const;
  readonly wireOptions: Readonly<Record<string, string>>;
  private readonly client: OpenAI;

  constructor(
    readonly model: string,
    private readonly options: OpenAIProviderOptions,
  ) {
    this.wireOptions = { jsonMode: options.jsonMode, maxTokensField: options.maxTokensField };
    this.client = new OpenAI({
      apiKey: options.apiKey,
      maxRetries: options.maxRetries,
      timeout: options.timeoutMs,
      ...(options.baseURL !== undefined ? { baseURL: options.baseURL } : {}),
    });
  }

  get baseURL(): string {
    return this.client.baseURL;
  }

  async complete(request: ChatRequest, signal: AbortSignal): Promise<ChatResponse> {
    let system = request.system;
    const params: ChatCompletionCreateParamsNonStreaming = {
      model: this.model,
      messages: [],
      ...(request.temperature !== null ? { temperature: request.temperature } : {}),
      [this.options.maxTokensField]: request.maxTokens,
    };
    if (request.tools?.length) {
      params.tools = request.tools.map((t) => ({
        type: 'function',
        function: { name: t.name, description: t.description, parameters: t.parameters },
      }));
    }
    if (request.output) {
      if (this.options.jsonMode === 'schema') {
        params.response_format = {
          type: 'json_schema',
          json_schema: { name: request.output.name, description: request.output.description, schema: request.output.schema, strict: true },
        };
      } else {
        params.response_format = { type: 'json_object' };
        system += `\n\nAnswer with one JSON object matching this JSON Schema:\n${JSON.stringify(request.output.schema)}`;
      }
    }
    params.messages = [{ role: 'system', content: system }, ...request.messages.map(toWire)];

    const completion = await this.client.chat.completions.create(params, { signal });
    const choice = completion.choices[0];
    const toolCalls = (choice?.message.tool_calls ?? []).flatMap((call) =>
      call.type === 'function' ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }] : [],
    );
    return {
      text: choice?.message.content ?? '',
      toolCalls,
      usage: { inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 },
      model: completion.model,
      stopReason: choice?.finish_reason ?? null,
    };
  }
}

function toWire(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: message.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content || null,
        ...(message.toolCalls?.length
          ? {
              tool_calls: message.toolCalls.map((c) => ({
                id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments },
              })),
            }
          : {}),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}
