import path from 'node:path';
import { InputError } from '../errors.js';
import type { Usage } from '../schemas/judging.js';
import { AnthropicProvider } from './anthropic.js';
import { cacheKey, DEFAULT_CACHE_DIR, ResponseCache } from './cache.js';
import { OpenAIProvider, type JsonMode } from './openai.js';
import { costOf, DEFAULT_PRICES_FILE, loadPriceTable, priceFor, type PriceTable } from './prices.js';
import { effectiveTemperature, resolveApiKey, resolveBaseURL, type ModelOptions, type Price } from './settings.js';
import type { ChatRequest, ChatResponse, Provider, ProviderName } from './types.js';

/** One call's answer and what it cost. */
export interface ModelCall {
  response: ChatResponse;
  usage: Usage;
}

/**
 * A provider with the cache and the price table in front of it. A cache hit makes no request and
 * costs $0 (its tokens are still counted, flagged `cached`); a fresh call costs its tokens at the
 * model's price, or null when the price is unknown.
 */
export class ModelClient {
  constructor(
    readonly provider: Provider,
    private readonly cache: ResponseCache | null,
    private readonly prices: PriceTable,
    private readonly override: Price | undefined,
    /** The temperature requests carry; null sends none (the server's default sampling). */
    readonly temperature: number | null,
  ) {}

  /** Sampled answers differ by repeat, so each repeat index gets its own cache entry. */
  get sampled(): boolean {
    return this.temperature !== 0;
  }

  async call(request: ChatRequest, repeat: number, signal: AbortSignal): Promise<ModelCall> {
    const key = cacheKey(this.provider, request, this.sampled ? repeat : null);
    const hit = this.cache ? await this.cache.get(key) : null;
    if (hit) return { response: hit, usage: { ...hit.usage, costUsd: 0, cached: true } };
    const response = await withCallSignal(signal, (callSignal) => this.provider.complete(request, callSignal)).catch((error: unknown) => {
      signal.throwIfAborted();
      throw new Error(`${this.provider.name} ${this.provider.model}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    await this.cache?.put(key, this.provider, response);
    const price = priceFor(this.prices, [this.provider.model, response.model], this.override);
    return { response, usage: { ...response.usage, costUsd: costOf(response.usage, price) } };
  }
}

/**
 * Runs one call under its own signal that follows `signal`. The SDKs add an abort listener to the
 * signal of every request (and retry) and never remove it; on the run-wide signal those would pile up.
 */
async function withCallSignal<T>(signal: AbortSignal, run: (callSignal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort(signal.reason);
  if (signal.aborted) abort();
  else signal.addEventListener('abort', abort, { once: true });
  try {
    return await run(controller.signal);
  } finally {
    signal.removeEventListener('abort', abort);
  }
}

/** Sums the usage of several calls: unknown cost stays unknown, one cached call flags the sum. */
export function addUsage(a: Usage | undefined, b: Usage): Usage {
  if (!a) return b;
  const cached = a.cached || b.cached;
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    costUsd: a.costUsd === null || b.costUsd === null ? null : a.costUsd + b.costUsd,
    ...(cached ? { cached: true } : {}),
  };
}

export interface ClientDeps {
  /** The suite file's folder: `pricesFile` and `cacheDir` are relative to it. */
  baseDir: string;
  /** Who is asking, for error messages: `judge "minimal"`. */
  where: string;
  /** OpenAI only. Default `schema`. */
  jsonMode?: JsonMode;
  env?: NodeJS.ProcessEnv;
}

/** Why a model-backed plugin cannot run here (no key), or null. */
export function unavailableReason(provider: ProviderName, options: ModelOptions, env: NodeJS.ProcessEnv = process.env): string | null {
  const key = resolveApiKey(provider, options, env);
  return 'missing' in key ? key.missing : null;
}

/** Builds the SDK client, cache and prices of a judge or agent from its options. */
export function createModelClient(provider: ProviderName, options: ModelOptions, deps: ClientDeps): ModelClient {
  const env = deps.env ?? process.env;
  const key = resolveApiKey(provider, options, env);
  if ('missing' in key) throw new InputError(`${deps.where}: ${key.missing}`);
  const temperature = effectiveTemperature(provider, options);
  if ('problem' in temperature) throw new InputError(`${deps.where}: ${temperature.problem}`);
  const baseURL = resolveBaseURL(options, env);
  const settings = {
    apiKey: key.key,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs,
    ...(baseURL !== undefined ? { baseURL } : {}),
  };
  const sdk: Provider = provider === 'openai'
    ? new OpenAIProvider(options.model, { ...settings, jsonMode: deps.jsonMode ?? 'schema', maxTokensField: options.maxTokensField })
    : new AnthropicProvider(options.model, settings);
  const prices = loadPriceTable(options.pricesFile ? path.resolve(deps.baseDir, options.pricesFile) : DEFAULT_PRICES_FILE);
  const cacheDir = options.cacheDir ? path.resolve(deps.baseDir, options.cacheDir) : path.resolve(DEFAULT_CACHE_DIR);
  const cache = options.cache === 'off' ? null : new ResponseCache(cacheDir, options.cache);
  return new ModelClient(sdk, cache, prices, options.prices, temperature.value);
}
