import { StopbenchError } from '../errors.js';

/**
 * The run was stopped by its AbortSignal (Ctrl-C, SIGTERM) before every episode finished. Finished
 * episodes are in results.jsonl; the CLI turns this into the resume hint and exit 130 or 143.
 */
export class InterruptedError extends StopbenchError {
  constructor(
    /** Episodes in results.jsonl, those of an earlier run that a resume kept included. */
    readonly finished: number,
    readonly total: number,
    readonly outDir: string,
  ) {
    super(`interrupted: ${finished} of ${total} episodes finished`, 'E_INTERRUPTED', 130);
  }
}
