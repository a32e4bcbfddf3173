import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSuite } from '../../src/runner/run.js';
import { resolveSandbox } from '../../src/sandbox/settings.js';
import type { EpisodeResult } from '../../src/schemas/result.js';
import { MINI_FIXTURES } from '../helpers/cli.js';
import { BUBBLEWRAP, skipUnless } from '../helpers/system-tools.js';

const skip = skipUnless(BUBBLEWRAP);
beforeEach((ctx) => {
  if (skip) ctx.skip(skip);
});

/** What each judge of one episode said (its feedback) or the error it ended in. */
function said(result: EpisodeResult): string {
  const checkpoint = result.checkpoints[0]!;
  return checkpoint.error ?? checkpoint.feedback ?? '';
}

describe('sandbox settings are an option of runSuite, not process state', () => {
  let dir: string;
  let suite: string;
  // A file in the host's /tmp: a command sees it without a sandbox, not under bubblewrap's private /tmp.
  let marker: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-sandbox-option-'));
    marker = path.join(dir, 'host-marker');
    await writeFile(marker, '');
    suite = path.join(dir, 'suite.yaml');
    const where = `if [ -e '${marker}' ]; then s=plain; else s=sandboxed; fi; printf '{"decision":"done","feedback":"%s"}' "$s"`;
    const big = `head -c 2000000 /dev/zero > big.bin; printf '{"decision":"done","feedback":"wrote"}'`;
    await writeFile(suite, [
      'name: sandbox-option',
      `fixtures: [${JSON.stringify(MINI_FIXTURES)}]`,
      'agents: [{ id: replay, type: replay }]',
      'judges:',
      `  - { id: where, type: command, command: ${JSON.stringify(where)} }`,
      `  - { id: big, type: command, command: ${JSON.stringify(big)} }`,
    ].join('\n'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('two runs at once in one process, one under bubblewrap with a 1 MB file limit, one plain, each get their own', async () => {
    const [strict, plain] = await Promise.all([
      runSuite({ suiteFile: suite, outDir: path.join(dir, 'strict'), sandbox: resolveSandbox({ mode: 'bwrap', limits: { fileBytes: 1_000_000 } }) }),
      runSuite({ suiteFile: suite, outDir: path.join(dir, 'plain'), sandbox: resolveSandbox({ mode: 'none' }) }),
    ]);
    const by = (results: EpisodeResult[], judge: string) => [...new Set(results.filter((r) => r.judge === judge).map(said))];
    expect(strict.results.length).toBeGreaterThan(0);
    expect(by(strict.results, 'where')).toEqual(['sandboxed']);
    expect(by(plain.results, 'where')).toEqual(['plain']);
    expect(by(strict.results, 'big')).toEqual(['`head -c 2000000 /dev/zero > big.bin; printf \'{"decision":"done","feedback":"wrote"}\'` ran into the file size limit of the sandbox']);
    expect(by(plain.results, 'big')).toEqual(['wrote']);
  });
});
