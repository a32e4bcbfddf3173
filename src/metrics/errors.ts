import type { EpisodeResult } from '../schemas/result.js';

/** How many distinct error messages a summary keeps: enough to see the cause, short enough to read. */
export const MAX_ERROR_MESSAGES = 3;

/** The `error` episodes of one (agent, judge): the count and the first distinct messages, in run order. */
export interface ErrorDigest {
  count: number;
  messages: string[];
}

/**
 * Errors are counted apart (SPEC section 3) and must never hide: every summary, table and report
 * shows this digest, and `run` exits 1 when the count is over --max-errors.
 */
export function digestErrors(episodes: readonly EpisodeResult[]): ErrorDigest {
  const messages: string[] = [];
  let count = 0;
  for (const episode of episodes) {
    if (episode.status !== 'error') continue;
    count += 1;
    const message = episode.error ?? 'no message';
    if (messages.length < MAX_ERROR_MESSAGES && !messages.includes(message)) messages.push(message);
  }
  return { count, messages };
}

/** A message without its `judge: ` / `agent: ` origin prefix, for a line that already names the origin. */
export function withoutOrigin(message: string): string {
  return message.replace(/^(judge|agent): /, '');
}
