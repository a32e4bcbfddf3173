import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { RESULTS_FILE } from './results-file.js';

/**
 * Creates a folder that did not exist: `base`, else `base-2`, `base-3`, ... `mkdir` without
 * `recursive` fails when the folder exists, so two runs started in the same second (the default name
 * has a one-second stamp) each get their own, even as separate processes.
 */
export async function claimFreshDir(base: string): Promise<string> {
  await mkdir(path.dirname(base), { recursive: true });
  for (let n = 1; ; n++) {
    const dir = n === 1 ? base : `${base}-${n}`;
    try {
      await mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * A fresh run into a folder that holds an earlier run's results would replace them: refused, naming
 * both ways on. An empty results.jsonl (a run stopped before its first episode) holds nothing to lose.
 */
export async function refuseEarlierResults(outDir: string): Promise<void> {
  const size = (await stat(path.join(outDir, RESULTS_FILE)).catch(() => undefined))?.size ?? 0;
  if (size === 0) return;
  throw new InputError(
    `${outDir}: holds the results of an earlier run (${RESULTS_FILE}); continue it with --resume ${outDir}, or replace them with --overwrite`,
  );
}
