import path from 'node:path';

/** Whether `candidate` is `root` or lies below it, by the paths alone (no symlinks are followed). */
export function isWithin(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!climbsOut(rel) && !path.isAbsolute(rel));
}

/** A relative path that starts with a `..` segment (not merely a name like `..cache`). */
export function climbsOut(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${path.sep}`);
}
