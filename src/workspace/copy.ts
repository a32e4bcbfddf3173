import { constants } from 'node:fs';
import { cp } from 'node:fs/promises';

/**
 * Copies a tree as it is: symlinks stay symlinks (never followed), timestamps kept. Files are cloned
 * copy-on-write where the file system can (FICLONE), and copied where it cannot.
 */
export async function copyTree(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true, force: true, mode: constants.COPYFILE_FICLONE });
}
