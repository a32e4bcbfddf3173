import path from 'node:path';
import { globMatcher } from '../text/globs.js';
import { isWithin } from '../text/paths.js';
import { toPosix } from '../workspace/paths.js';

/** What installing stopbench as a hook adds to a project: never the agent's work, never out of scope. */
export const HOOK_OWN_GLOBS = ['.claude/**', '.stopbench-cache/**'];

/**
 * A matcher of the paths (relative to the repository root) that belong to the hook set-up rather
 * than to the agent's work: `.claude/**` (settings, commands), the contract file itself, and
 * stopbench's cache. Its state lives in `.git/stopbench/`, which no diff counts anyway.
 */
export function ownFilesMatcher(repoDir: string, contractFile: string | undefined): (relPath: string) => boolean {
  const hookFiles = globMatcher(HOOK_OWN_GLOBS);
  const file = contractFile ? path.resolve(contractFile) : undefined;
  // Compared as a path, not a glob: a contract named `[draft].yaml` is still that file.
  const contract = file && isWithin(repoDir, file) ? toPosix(path.relative(repoDir, file)) : undefined;
  return (relPath) => relPath === contract || hookFiles(relPath);
}
