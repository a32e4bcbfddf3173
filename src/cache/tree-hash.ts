import { createHash } from 'node:crypto';
import { lstat, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from '../workspace/tree.js';

/**
 * A content hash of a folder: every file's path, kind, executable bit and bytes (symlinks by their
 * target), `.git/` left out. Two folders with the same hash give a command the same files to read.
 */
export async function treeHash(dir: string, overlays: readonly string[] = []): Promise<string> {
  const hash = createHash('sha256');
  for (const [index, root] of [dir, ...overlays].entries()) {
    hash.update(`root ${index}\0`);
    for (const relPath of await listFiles(root)) {
      const full = path.join(root, relPath);
      const stat = await lstat(full);
      if (stat.isSymbolicLink()) {
        hash.update(`l ${relPath}\0${await readlink(full)}\0`);
        continue;
      }
      const executable = (stat.mode & 0o111) !== 0 ? 'x' : '-';
      const content = createHash('sha256').update(await readFile(full)).digest('hex');
      hash.update(`f${executable} ${relPath}\0${content}\0`);
    }
  }
  return hash.digest('hex');
}
