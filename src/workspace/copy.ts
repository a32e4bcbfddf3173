import { cp } from 'node:fs/promises';

/** Copies a tree as it is: symlinks stay symlinks (never followed), timestamps kept. */
export async function copyTree(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true, force: true });
}
