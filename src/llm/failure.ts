import { UsageSchema, type Usage } from '../schemas/judging.js';

/**
 * A judge or agent failure after model calls that were paid for: the runner still counts their
 * tokens and dollars in the episode's cost (see runner/episode.ts).
 */
export class ModelFailure extends Error {
  constructor(
    message: string,
    readonly usage: Usage,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ModelFailure';
  }
}

/** The usage a thrown error carries, if any. */
export function usageOfError(error: unknown): Usage | undefined {
  if (!(error instanceof Error) || !('usage' in error)) return undefined;
  const parsed = UsageSchema.safeParse(error.usage);
  return parsed.success ? parsed.data : undefined;
}

/** Rethrows `error` carrying `usage` (when some was spent), keeping its message. */
export function withUsage(error: unknown, usage: Usage | undefined): never {
  if (!usage || error instanceof ModelFailure) throw error;
  throw new ModelFailure(error instanceof Error ? error.message : String(error), usage, { cause: error });
}
