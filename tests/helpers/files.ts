import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a map of relative paths to texts under `dir`, making the folders on the way. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
}
