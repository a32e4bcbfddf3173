import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { climbsOut, isWithin } from '../text/paths.js';

/** Thrown when a path would reach outside its root; callers turn it into their own error. */
export class PathEscapeError extends Error {}

/**
 * Resolves a path given relative to `root` and refuses one that leaves it: absolute paths, `..`
 * segments that climb out, and symlinks (of the path or any parent) that point outside.
 */
export async function resolveInside(root: string, relative: string): Promise<string> {
  if (path.isAbsolute(relative)) throw new PathEscapeError(`"${relative}" is absolute; paths are relative to the workspace`);
  const full = path.resolve(root, relative);
  const rel = path.relative(root, full);
  if (rel === '' || climbsOut(rel) || path.isAbsolute(rel)) {
    throw new PathEscapeError(`"${relative}" leaves the workspace`);
  }
  const realRoot = await realpath(root);
  // Check every existing component: a symlinked parent could point anywhere.
  let current = root;
  for (const part of rel.split(path.sep)) {
    current = path.join(current, part);
    const stat = await lstat(current).catch(() => undefined);
    if (!stat) break;
    if (stat.isSymbolicLink()) {
      const target = await realpath(current).catch(() => undefined);
      if (!target || !isWithin(realRoot, target)) {
        throw new PathEscapeError(`"${relative}" goes through a symlink that points outside the workspace`);
      }
    }
  }
  return full;
}

/** Forward slashes, as globs and reports expect. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
