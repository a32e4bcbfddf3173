import type { Checkpoint } from '../../src/schemas/result.js';

/**
 * A checkpoint's oracle failures without what differs from run to run: the output tail and the
 * detail quote the test runner's own durations and temporary paths. Check ids, commands, exit codes
 * and failing test names stay, so a comparison still sees what the oracle found.
 */
export function withoutOracleOutput<C extends Pick<Checkpoint, 'oracleFailures'>>(c: C): C {
  if (!c.oracleFailures) return c;
  return { ...c, oracleFailures: c.oracleFailures.map((f) => ({ ...f, detail: '', ...(f.run ? { run: { ...f.run, outputTail: '' } } : {}) })) };
}
