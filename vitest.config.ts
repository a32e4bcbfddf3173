import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // Episodes run real subprocesses; a 2-core CI machine needs room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default of cores - 1 runs one file at a time on a 2-core machine, while a file mostly
    // waits on its subprocesses: one worker per core took `npm test` from 828 s to 528 s there.
    maxWorkers: os.availableParallelism(),
    // The default output, plus one line per skipped test with its reason (a missing system tool).
    reporters: ['default', './tests/helpers/skip-reporter.ts'],
  },
});
