import path from 'node:path';

/** One visible test that fails on a state, as read from its runner's output. */
export interface FailingTest {
  name: string;
  /** The test file, relative to the workspace; null when the output does not say. */
  file: string | null;
  /** 1-based line of the test's declaration (node) or null. */
  declLine: number | null;
  /** 1-based line of the failing assertion in `file`, or null. */
  assertLine: number | null;
  /** The values the assertion compared, as printed (single-line values only). */
  expected?: string;
  actual?: string;
}

/**
 * Reads failing tests from `node --test` TAP output or `python3 -m unittest` output. Paths in the
 * output are absolute inside `workspaceDir` (whichever spelling of it the runner printed).
 */
export function parseFailures(output: string, workspaceDirs: readonly string[]): FailingTest[] {
  return [...parseNodeTap(output, workspaceDirs), ...parseUnittest(output, workspaceDirs)];
}

const LOCATION = /(?:file:\/\/)?(\/[^\s:'()]+):(\d+)(?::\d+)?/;

function relativeTo(dirs: readonly string[], absolute: string): string | null {
  for (const dir of dirs) {
    const rel = path.relative(dir, absolute);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return null;
}

function parseNodeTap(output: string, dirs: readonly string[]): FailingTest[] {
  const lines = output.split(/\r?\n/);
  const out: FailingTest[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const head = /^(\s*)not ok \d+ - (.*?)(?: # .*)?$/.exec(lines[i]!);
    if (!head) continue;
    const indent = head[1]!.length + 2;
    const block: string[] = [];
    for (let j = i + 1; j < lines.length; j += 1) {
      const line = lines[j]!;
      if (line.trim() === '...' && line.indexOf('...') === indent) break;
      block.push(line);
    }
    const field = (key: string) => block.find((l) => l.slice(indent).startsWith(`${key}: `))?.slice(indent + key.length + 2);
    if (field('failureType') === "'subtestsFailed'") continue;
    const test: FailingTest = { name: head[2]!, file: null, declLine: null, assertLine: null };
    const location = LOCATION.exec(field('location') ?? '');
    if (location) {
      test.file = relativeTo(dirs, location[1]!);
      test.declLine = Number(location[2]);
    }
    // The first stack frame in the test file is the failing assertion.
    for (const line of block) {
      const frame = LOCATION.exec(line);
      if (frame && test.file && relativeTo(dirs, frame[1]!) === test.file && /^\s+\S.*\(|^\s+file:/.test(line)) {
        test.assertLine = Number(frame[2]);
        break;
      }
    }
    const expected = field('expected');
    const actual = field('actual');
    if (expected !== undefined && actual !== undefined && !/^[|>]/.test(expected) && !/^[|>]/.test(actual)) {
      test.expected = expected;
      test.actual = actual;
    }
    out.push(test);
  }
  return out;
}

function parseUnittest(output: string, dirs: readonly string[]): FailingTest[] {
  const lines = output.split(/\r?\n/);
  const out: FailingTest[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const head = /^(?:FAIL|ERROR): (\w+) \(([\w.]+)\)/.exec(lines[i]!);
    if (!head) continue;
    const test: FailingTest = { name: head[1]!, file: null, declLine: null, assertLine: null };
    // The traceback sits between a line of dashes and the next line of `=` or `-`.
    for (let j = i + 2; j < lines.length && !/^(?:=+|-+)$/.test(lines[j]!.trim()); j += 1) {
      const frame = /^\s*File "([^"]+)", line (\d+), in (\w+)/.exec(lines[j]!);
      if (frame && frame[3] === test.name) {
        test.file = relativeTo(dirs, frame[1]!);
        test.assertLine = Number(frame[2]);
      }
      const values = /^AssertionError: (?:\w+ differ: )?(.+) != (.+)$/.exec(lines[j]!);
      if (values) {
        test.actual = values[1]!;
        test.expected = values[2]!;
      }
    }
    out.push(test);
  }
  return out;
}
