import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the OpenAI chat-completions and Anthropic messages APIs (JSON, no streaming),
 * so the real SDK clients can be tested without the network: it answers from a script and records
 * every request. Listens on 127.0.0.1 only.
 */

/** A request as received: which API it spoke, and its parsed JSON body. */
export interface RecordedRequest {
  api: 'openai' | 'anthropic';
  path: string;
  headers: IncomingHttpHeaders;
  // The wire body as sent; tests read into it freely.
  body: Record<string, any>;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** One scripted answer: a fixed reply, or one built from the request (for either API). */
export type Script = Reply | ((request: RecordedRequest) => Reply);

export interface Tokens {
  input: number;
  output: number;
}

const DEFAULT_TOKENS: Tokens = { input: 100, output: 20 };

export class FakeLlmServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Script[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly fallback: ((request: RecordedRequest) => Reply) | undefined,
  ) {}

  /** Starts on 127.0.0.1 (port 0: any free port). Without a script or fallback, a request gets a 500. */
  static async start(options: { port?: number; fallback?: (request: RecordedRequest) => Reply } = {}): Promise<FakeLlmServer> {
    let self: FakeLlmServer | undefined;
    const server = http.createServer((req, res) => void self!.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    self = new FakeLlmServer(server, `http://127.0.0.1:${port}`, options.fallback);
    return self;
  }

  /** The `baseURL` for the openai client. */
  get openaiBaseURL(): string {
    return `${this.url}/v1`;
  }

  /** The `baseURL` for the @anthropic-ai/sdk client. */
  get anthropicBaseURL(): string {
    return this.url;
  }

  /** Adds answers, served in order, one per request. */
  enqueue(...scripts: Script[]): this {
    this.queue.push(...scripts);
    return this;
  }

  /** Scripted answers not yet served. */
  get pending(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '').split('?')[0]!;
    const api = path.endsWith('/chat/completions') ? 'openai' : path.endsWith('/messages') ? 'anthropic' : null;
    let reply: Reply;
    if (req.method !== 'POST' || !api) {
      reply = { status: 404, body: { error: { message: `fake LLM server: no route ${req.method} ${path}` } } };
    } else {
      let body: Record<string, any> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        // recorded as an empty body; the script decides what to answer
      }
      const request: RecordedRequest = { api, path, headers: req.headers, body };
      this.requests.push(request);
      const script = this.queue.shift();
      if (script) reply = typeof script === 'function' ? script(request) : script;
      else if (this.fallback) reply = this.fallback(request);
      else reply = failure(500, { message: 'fake LLM server: no scripted answer left' })(request);
    }
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  }
}

/** The tool the Anthropic request forces (`tool_choice`), e.g. the judge's `verdict`. */
function forcedTool(request: RecordedRequest): string {
  const choice = request.body.tool_choice as { type?: string; name?: string } | undefined;
  return choice?.type === 'tool' && choice.name ? choice.name : 'answer';
}

let ids = 0;
const nextId = (prefix: string) => `${prefix}_${(ids += 1)}`;

function openaiBody(request: RecordedRequest, message: Record<string, unknown>, finish: string, tokens: Tokens) {
  return {
    id: nextId('chatcmpl'), object: 'chat.completion', created: 1_700_000_000, model: request.body.model ?? 'fake',
    choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, finish_reason: finish, logprobs: null }],
    usage: { prompt_tokens: tokens.input, completion_tokens: tokens.output, total_tokens: tokens.input + tokens.output },
  };
}

function anthropicBody(request: RecordedRequest, content: unknown[], stop: string, tokens: Tokens) {
  return {
    id: nextId('msg'), type: 'message', role: 'assistant', model: request.body.model ?? 'fake', content,
    stop_reason: stop, stop_sequence: null, usage: { input_tokens: tokens.input, output_tokens: tokens.output },
  };
}

/** A structured answer: OpenAI message content, or the forced Anthropic tool's input. */
export function answerJson(value: unknown, tokens: Tokens = DEFAULT_TOKENS): Script {
  return (request) =>
    request.api === 'openai'
      ? { status: 200, body: openaiBody(request, { content: JSON.stringify(value) }, 'stop', tokens) }
      : {
          status: 200,
          body: anthropicBody(request, [{ type: 'tool_use', id: nextId('toolu'), name: forcedTool(request), input: value }], 'tool_use', tokens),
        };
}

/** Plain assistant text (for a judge: a malformed answer). */
export function answerText(text: string, tokens: Tokens = DEFAULT_TOKENS): Script {
  return (request) =>
    request.api === 'openai'
      ? { status: 200, body: openaiBody(request, { content: text }, 'stop', tokens) }
      : { status: 200, body: anthropicBody(request, [{ type: 'text', text }], 'end_turn', tokens) };
}

/** Tool calls, optionally after some text: an agent's step. */
export function callTools(calls: Array<{ name: string; args: Record<string, unknown> }>, tokens: Tokens = DEFAULT_TOKENS, text = ''): Script {
  return (request) => {
    const withIds = calls.map((c) => ({ ...c, id: nextId(request.api === 'openai' ? 'call' : 'toolu') }));
    if (request.api === 'openai') {
      const tool_calls = withIds.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } }));
      return { status: 200, body: openaiBody(request, { content: text || null, tool_calls }, 'tool_calls', tokens) };
    }
    const blocks = [...(text ? [{ type: 'text', text }] : []), ...withIds.map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: c.args }))];
    return { status: 200, body: anthropicBody(request, blocks, 'tool_use', tokens) };
  };
}

/** An error status in the API's own error format; `retryAfterMs` sets the header the SDKs honour. */
export function failure(status: number, options: { retryAfterMs?: number; message?: string } = {}): (request: RecordedRequest) => Reply {
  return (request) => {
    const message = options.message ?? `fake LLM server: scripted ${status}`;
    const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
    return {
      status,
      headers: options.retryAfterMs !== undefined ? { 'retry-after-ms': String(options.retryAfterMs) } : {},
      body: request.api === 'openai' ? { error: { message, type, code: null } } : { type: 'error', error: { type, message } },
    };
  };
}
