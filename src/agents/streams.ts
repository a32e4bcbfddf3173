import type { CommandResult } from '../workspace/exec.js';

/**
 * A run entry's `stdout` and `stderr` apart, when the command wrote to stderr (`output` keeps the two
 * interleaved as they arrived). Without stderr the entry carries neither: `output` is stdout, and
 * the judge input stays as small as before.
 */
export function separateStreams(result: Pick<CommandResult, 'stdout' | 'stderr'>): { stdout?: string; stderr?: string } {
  return result.stderr ? { stdout: result.stdout, stderr: result.stderr } : {};
}
