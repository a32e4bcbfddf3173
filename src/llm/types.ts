/**
 * The provider-neutral conversation that judges and agents build. Each provider file maps it to its
 * wire format (OpenAI chat completions, Anthropic messages) and maps the answer back.
 */

/** One tool call the model asked for. `arguments` is the raw JSON text (it may be malformed). */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

export type ChatMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; name: string; content: string; isError?: boolean };

/** A tool the model may call; `parameters` is a JSON Schema object. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/**
 * Ask for one JSON object matching `schema`. Providers use what their API offers: OpenAI a
 * `response_format` (json_schema, or json_object with the schema in the prompt), Anthropic a tool
 * with this schema as `input_schema` that the model is forced to call.
 */
export interface StructuredOutput {
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

export interface ChatRequest {
  system: string;
  messages: ChatMessage[];
  /** null: send none, the server samples at its default. */
  temperature: number | null;
  maxTokens: number;
  tools?: ToolSpec[];
  output?: StructuredOutput;
}

/** Tokens as the server reported them. */
export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatResponse {
  /** Assistant text; with `output`, the raw JSON answer (whatever channel the provider used). */
  text: string;
  toolCalls: ToolCall[];
  usage: TokenCounts;
  /** The model name the server answered with (may carry a date suffix). */
  model: string;
  stopReason: string | null;
}

export type ProviderName = 'openai' | 'anthropic';

/** One model behind an official SDK client. Retries and timeouts are the client's own. */
export interface Provider {
  readonly name: ProviderName;
  readonly model: string;
  /** The server the client talks to, as the SDK resolved it; part of the cache key. */
  readonly baseURL: string;
  /** Provider options that change the request on the wire; part of the cache key. */
  readonly wireOptions: Readonly<Record<string, string>>;
  complete(request: ChatRequest, signal: AbortSignal): Promise<ChatResponse>;
}
