import picomatch from 'picomatch';
import type { Scope } from '../schemas/task.js';

/** A matcher for SPEC globs: picomatch with dot: true, paths relative to the repo root. */
export function globMatcher(globs: readonly string[]): (relPath: string) => boolean {
  if (globs.length === 0) return () => false;
  return picomatch([...globs], { dot: true });
}

/** Whether a changed path is in the contract's scope: allowed (or no allow list) and not denied. */
export function scopeMatcher(scope: Scope | undefined): (relPath: string) => boolean {
  const allowed = scope?.allow ? globMatcher(scope.allow) : () => true;
  const denied = globMatcher(scope?.deny ?? []);
  return (relPath) => allowed(relPath) && !denied(relPath);
}
