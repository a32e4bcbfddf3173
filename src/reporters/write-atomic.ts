import { rename, writeFile } from 'node:fs/promises';

/** Writes to a temporary file and renames it over the target, so a reader never sees half a file. */
export async function writeFileAtomic(file: string, content: string | Iterable<string>): Promise<void> {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}
