import path from 'node:path';
import { UsageError } from '../errors.js';
import { loadSuite } from '../load/suite.js';
import { createPlugins } from '../plugins.js';
import { judgeTypes } from './registry.js';
import type { Judge } from './types.js';

/** The judge `stopbench judge` and `stopbench hook claude-code` use when none is named. */
export const DEFAULT_JUDGE = 'verify';

/**
 * One judge for judging a real repository. Without a config file, `id` names a built-in type with
 * its default options (SPEC section 8: the built-in judges have the ids of their types). With a suite
 * file, `id` picks one of its judges; without an id, the suite's only judge, else its `verify`.
 */
export async function selectJudge(options: { id?: string | undefined; configFile?: string | undefined }): Promise<Judge> {
  if (!options.configFile) {
    const id = options.id ?? DEFAULT_JUDGE;
    if (!Object.hasOwn(judgeTypes, id)) {
      throw new UsageError(`--judge: unknown judge "${id}" (built-in: ${Object.keys(judgeTypes).join(', ')}; others need --config)`);
    }
    return createPlugins([{ id, type: id }], judgeTypes, { baseDir: process.cwd() }, { file: '--judge', field: 'judges' })[0]!;
  }
  const { file, baseDir, suite } = await loadSuite(options.configFile);
  const ids = suite.judges.map((j) => j.id);
  const id = options.id ?? (ids.length === 1 ? ids[0]! : ids.includes(DEFAULT_JUDGE) ? DEFAULT_JUDGE : undefined);
  const config = suite.judges.find((j) => j.id === id);
  if (!config) {
    const which = id === undefined ? 'no --judge given' : `no judge "${id}"`;
    throw new UsageError(`${path.relative(process.cwd(), file) || file}: ${which} (the config has ${ids.join(', ')})`);
  }
  return createPlugins([config], judgeTypes, { baseDir }, { file, field: 'judges' })[0]!;
}
