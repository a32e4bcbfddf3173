import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // Episodes run real subprocesses; a 2-core CI machine needs room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The default output, plus one line per skipped test with its reason (a missing system tool).
    reporters: ['default', './tests/helpers/skip-reporter.ts'],
  },
});
