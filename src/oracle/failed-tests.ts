/**
 * The names of the tests a command's output reports as failed, so a report can say which hidden test
 * a stop missed. Recognised: `node --test` TAP (`not ok 1 - name`, nested under `# Subtest:`) and spec
 * (`✖ name (1.2ms)` under `▶ suite`) reporters, python's unittest (`FAIL: test_x (mod.Class.test_x)`
 * after a `====` rule), and the plain shell form (`FAIL name` at the start of a line, next to an
 * `N passed, N failed` summary). A suite whose only failures are its subtests' is left out: the
 * subtests name what failed. TODO and SKIP entries never count. An empty list means no name was
 * recognised; the caller then falls back to the command and its exit code.
 */
export function failedTestNames(output: string, limit = MAX_NAMES): string[] {
  const names = new Set<string>();
  const lines = stripAnsi(output).split(/\r?\n/);
  for (const name of [...tapFailures(lines), ...specFailures(lines), ...unittestFailures(lines), ...plainFailures(lines)]) {
    names.add(name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS - 1)}…` : name);
  }
  return [...names].slice(0, limit);
}

/** Most names kept per check: a whole suite failing is one line in a report, not a thousand. */
export const MAX_NAMES = 50;
const MAX_NAME_CHARS = 200;

const TAP_SUBTEST = /^(\s*)# Subtest: (.*)$/;
const TAP_NOT_OK = /^(\s*)not ok \d+(?: - (.*?))?\s*$/;
const SPEC_SUITE = /^(\s*)▶ (.*?)(?: \([\d.]+m?s\))?\s*$/;
const SPEC_FAIL = /^(\s*)✖ (.*?)(?: \([\d.]+m?s\))?\s*$/;
const DIRECTIVE = /\s#\s*(?:TODO|SKIP)\b.*$/i;
const UNITTEST_RULE = /^={20,}\s*$/;
const UNITTEST_FAIL = /^(?:FAIL|ERROR): (.+?)\s*$/;
const PLAIN_FAIL = /^(?:FAIL|✗|✘)(?::\s*|\s+)(\S.*?)\s*$/;

function tapFailures(lines: readonly string[]): string[] {
  const open: Array<{ indent: number; name: string }> = [];
  const failures: string[][] = [];
  for (const line of lines) {
    const subtest = TAP_SUBTEST.exec(line);
    if (subtest) {
      const indent = subtest[1]!.length;
      while (open.length > 0 && open.at(-1)!.indent >= indent) open.pop();
      open.push({ indent, name: unescapeTap(subtest[2]!) });
      continue;
    }
    const notOk = TAP_NOT_OK.exec(line);
    if (!notOk || DIRECTIVE.test(notOk[2] ?? '')) continue;
    const indent = notOk[1]!.length;
    const parents = open.filter((s) => s.indent < indent).map((s) => s.name);
    failures.push([...parents, unescapeTap(notOk[2] ?? '(unnamed)')]);
  }
  return leaves(failures);
}

function specFailures(lines: readonly string[]): string[] {
  const open: Array<{ indent: number; name: string }> = [];
  const failures: string[][] = [];
  for (const line of lines) {
    // The closing summary repeats every failure without its suites: the nested listing is enough.
    if (/^✖ failing tests:\s*$/.test(line)) break;
    const suite = SPEC_SUITE.exec(line);
    if (suite) {
      const indent = suite[1]!.length;
      while (open.length > 0 && open.at(-1)!.indent >= indent) open.pop();
      open.push({ indent, name: suite[2]! });
      continue;
    }
    const fail = SPEC_FAIL.exec(line);
    if (!fail || DIRECTIVE.test(line)) continue;
    const indent = fail[1]!.length;
    const parents = open.filter((s) => s.indent < indent).map((s) => s.name);
    failures.push([...parents, fail[2]!]);
  }
  return leaves(failures);
}

function unittestFailures(lines: readonly string[]): string[] {
  const out: string[] = [];
  lines.forEach((line, i) => {
    const match = i > 0 && UNITTEST_RULE.test(lines[i - 1]!) ? UNITTEST_FAIL.exec(line) : null;
    if (match) out.push(match[1]!);
  });
  return out;
}

function plainFailures(lines: readonly string[]): string[] {
  return lines.flatMap((line) => {
    if (UNITTEST_FAIL.test(line)) return []; // unittest's own lines, read above after their rule
    const match = PLAIN_FAIL.exec(line);
    return match ? [match[1]!] : [];
  });
}

/** Paths that are no other failure's parent, joined `suite > test`. */
function leaves(paths: readonly string[][]): string[] {
  const key = (p: readonly string[]) => p.join('\u0000');
  const parents = new Set(paths.flatMap((p) => p.slice(0, -1).map((_, i) => key(p.slice(0, i + 1)))));
  return paths.filter((p) => !parents.has(key(p))).map((p) => p.join(' > '));
}

function unescapeTap(name: string): string {
  return name.replace(/\\#/g, '#').replace(/\\\\/g, '\\');
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * The end of a command's output, at most `maxLines` lines and `maxBytes` UTF-8 bytes: where test
 * runners print their failures and summary. Cut at a line start when it can be.
 */
export function outputTail(output: string, maxLines = 40, maxBytes = 4096): string {
  const lines = stripAnsi(output).replace(/\s+$/, '').split(/\r?\n/).slice(-maxLines);
  while (lines.length > 1 && Buffer.byteLength(lines.join('\n')) > maxBytes) lines.shift();
  let tail = lines.join('\n');
  if (Buffer.byteLength(tail) > maxBytes) tail = Buffer.from(tail).subarray(-maxBytes).toString('utf8').replace(/^\uFFFD+/, '');
  return tail;
}
