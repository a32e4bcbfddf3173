import { z } from 'zod';
import type { ProviderName } from './types.js';

/** What an SDK client is built from. */
export interface ClientSettings {
  apiKey: string;
  /** Absent: the SDK's default (which reads OPENAI_BASE_URL / ANTHROPIC_BASE_URL). */
  baseURL?: string;
  maxRetries: number;
  timeoutMs: number;
}

/** USD per million tokens. */
export const PriceSchema = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
});
export type Price = z.infer<typeof PriceSchema>;

export const CacheModeSchema = z.enum(['on', 'off', 'read-only']);
export type CacheMode = z.infer<typeof CacheModeSchema>;

/**
 * Options every model-backed plugin (the `llm` judge, the LLM agents) shares. Spread into each
 * plugin's own strict schema, so unknown keys stay errors.
 */
export const ModelOptionsShape = {
  model: z.string().min(1),
  /** Server URL, e.g. http://127.0.0.1:8000/v1 for vLLM. Default: the SDK's. */
  baseURL: z.url().optional(),
  /** Name of an environment variable that, when set, overrides `baseURL`. */
  baseURLEnv: z.string().min(1).optional(),
  /** Name of the environment variable holding the key. Default OPENAI_API_KEY / ANTHROPIC_API_KEY. */
  apiKeyEnv: z.string().min(1).optional(),
  /** A literal key, for local servers that ignore it. Prefer apiKeyEnv for real keys. */
  apiKey: z.string().min(1).optional(),
  /** Retries of the SDK client (429, 5xx, timeouts, connection errors). Default 2. */
  maxRetries: z.number().int().nonnegative().default(2),
  /** Timeout of one request in milliseconds, passed to the SDK. Default 120000. */
  timeoutMs: z.number().int().positive().default(120_000),
  /**
   * Sampling temperature. OpenAI: default 0; null sends none (reasoning models accept only their
   * default). Anthropic: must be left out, because the Messages API version that @anthropic-ai/sdk 1.x
   * speaks rejects sampling parameters. Any answer not at temperature 0 is sampled: each repeat index
   * gets its own cache entry.
   */
  temperature: z.number().min(0).max(2).nullable().optional(),
  /** OpenAI only: the request field for the output-token limit. Default max_completion_tokens. */
  maxTokensField: z.enum(['max_completion_tokens', 'max_tokens']).default('max_completion_tokens'),
  /** This model's price in USD per million tokens; overrides the price table. */
  prices: PriceSchema.optional(),
  /** Another price table (relative to the suite file's folder). Default benchmarks/prices.yaml. */
  pricesFile: z.string().min(1).optional(),
  /** `on` (default), `off`, or `read-only` (a miss is an error). */
  cache: CacheModeSchema.default('on'),
  /** Cache folder (relative to the suite file's folder). Default .stopbench-cache in the working directory. */
  cacheDir: z.string().min(1).optional(),
};

const ModelOptionsSchema = z.strictObject(ModelOptionsShape);
export type ModelOptions = z.output<typeof ModelOptionsSchema>;

export const DEFAULT_KEY_ENV: Record<ProviderName, string> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
};

/** The key and its source, or why there is none (the plugin is then skipped with a notice). */
export function resolveApiKey(provider: ProviderName, options: ModelOptions, env: NodeJS.ProcessEnv = process.env): { key: string } | { missing: string } {
  if (options.apiKey) return { key: options.apiKey };
  const name = options.apiKeyEnv ?? DEFAULT_KEY_ENV[provider];
  const key = env[name];
  return key ? { key } : { missing: `${name} is not set` };
}

/** The temperature sent (null: none), or why the config is wrong. */
export function effectiveTemperature(provider: ProviderName, options: ModelOptions): { value: number | null } | { problem: string } {
  if (provider === 'openai') return { value: options.temperature === undefined ? 0 : options.temperature };
  if (options.temperature !== undefined && options.temperature !== null) {
    return { problem: 'temperature: not accepted by the Anthropic Messages API version @anthropic-ai/sdk 1.x uses; leave it out' };
  }
  return { value: null };
}

/** The server URL: the `baseURLEnv` variable when set, else `baseURL`, else the SDK default. */
export function resolveBaseURL(options: ModelOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = options.baseURLEnv ? env[options.baseURLEnv] : undefined;
  return fromEnv || options.baseURL;
}
