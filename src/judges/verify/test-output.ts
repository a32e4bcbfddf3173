/** Names of failing tests in node --test (TAP and spec) and unittest output. */
export function failingTests(output: string): string[] {
  const names = new Set<string>();
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    const tap = /^not ok \d+ - (.+?)(?:\s+#.*)?$/.exec(line);
    if (tap) names.add(tap[1]!);
    const spec = /^✖ (.+?)(?: \([\d.]+m?s\))?$/.exec(line);
    if (spec && !/^failing tests:?$/.test(spec[1]!)) names.add(spec[1]!);
    const unittest = /^(?:FAIL|ERROR): (\w+) \(/.exec(line);
    if (unittest) names.add(unittest[1]!);
  }
  // A TAP file-level line ("not ok 1 - test/a.test.js") names a file, not a test.
  return [...names].filter((n) => !/\.(m|c)?[jt]s$/.test(n));
}

/** Lines that report an error although the command exited 0: a log that still has problems. */
const ERROR_LINE = /^\s*(?:\[?(?:ERROR|FATAL|CRITICAL)\]?[\s:]|Error: |Traceback \(most recent call last\)|Unhandled(?:PromiseRejection)?\b|\S+:\d+(?::\d+)?:?\s+error\b)/;

export function errorLines(output: string, limit = 5): string[] {
  return output.split('\n').filter((line) => ERROR_LINE.test(line)).slice(0, limit).map((l) => l.trim().slice(0, 200));
}
