import { createModelClient, unavailableReason, type ModelClient } from '../../llm/client.js';
import type { JsonMode } from '../../llm/openai.js';
import type { ModelOptions } from '../../llm/settings.js';
import type { ProviderName } from '../../llm/types.js';

/** The options every model-backed judge has: a provider and the shared model options. */
export type ModelJudgeOptions = ModelOptions & { provider: ProviderName };

/**
 * The client of a model-backed judge (`llm`, `llm-agent`, the prompt and agent hooks of
 * `claude-settings`): the SDK client, the answer cache and the price table, built one way for all,
 * with errors that name the judge.
 */
export function judgeModelClient(id: string, options: ModelJudgeOptions, baseDir: string, jsonMode?: JsonMode): ModelClient {
  return createModelClient(options.provider, options, { baseDir, where: `judge "${id}"`, ...(jsonMode ? { jsonMode } : {}) });
}

/** Why a model-backed judge cannot run here (its key is not set), or null; the run then skips it. */
export function judgeUnavailable(options: ModelJudgeOptions): string | null {
  return unavailableReason(options.provider, options);
}
