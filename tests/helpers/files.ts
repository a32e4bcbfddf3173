import path from 'node:path';
import { writeFileDeep } from '../../src/workspace/workspace.js';

/** A file map: relative path to content. `null` writes nothing (a baseline file the other side deletes). */
export type Files = Record<string, string | Buffer | null>;

/** Writes a file map under `dir`, making the folders on the way. */
export async function writeFiles(dir: string, files: Files): Promise<void> {
  for (const [relPath, content] of Object.entries(files)) {
    if (content !== null) await writeFileDeep(path.join(dir, relPath), content);
  }
}
