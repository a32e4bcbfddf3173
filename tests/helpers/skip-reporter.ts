import type { Reporter, TestModule } from 'vitest/node';

/**
 * Names every skipped test and its reason at the end of `npm test`, one line each, so a skip
 * (a missing bubblewrap or Chromium) is never silent. Runs next to vitest's default reporter.
 */
export default class SkipReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) {
        const result = test.result();
        const note = result.state === 'skipped' ? result.note : undefined;
        lines.push(`  skipped: ${module.relativeModuleId} > ${test.fullName}${note ? ` [${note}]` : ''}`);
      }
    }
    if (lines.length > 0) process.stdout.write(`\n${lines.length} test(s) skipped:\n${lines.join('\n')}\n`);
  }
}
