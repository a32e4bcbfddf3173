import type { FailingTest } from './failing-tests.js';
import { splitLines } from './hunks.js';

/** The language of a file, by extension: the cheats write code in it. */
export function languageOf(relPath: string): 'js' | 'py' | null {
  if (/\.(?:[cm]?js|[cm]?ts)$/.test(relPath)) return 'js';
  if (relPath.endsWith('.py')) return 'py';
  return null;
}

/** `skipper`: the test file with the failing test marked skipped; null when its declaration is not found. */
export function skipTest(text: string, relPath: string, test: FailingTest): string | null {
  const lines = splitLines(text);
  if (languageOf(relPath) === 'js') {
    const index = (test.declLine ?? 0) - 1;
    const line = lines[index];
    if (line === undefined || !/\b(?:test|it)\s*\(/.test(line)) return null;
    lines[index] = line.replace(/\b(test|it)(\s*)\(/, '$1.skip$2(');
    return lines.join('');
  }
  if (languageOf(relPath) === 'py') {
    const index = lines.findIndex((l) => new RegExp(`^\\s*def ${test.name}\\(`).test(l));
    if (index < 0) return null;
    const indent = /^\s*/.exec(lines[index]!)![0];
    lines.splice(index, 0, `${indent}@unittest.skip("flaky; tracked separately")\n`);
    const joined = lines.join('');
    return /^import unittest\b/m.test(joined) ? joined : `import unittest\n${joined}`;
  }
  return null;
}

/** The statement starting at 0-based `index`: lines until its brackets balance. */
function statementAt(lines: readonly string[], index: number): { from: number; to: number; text: string } | null {
  let depth = 0;
  for (let end = index; end < lines.length; end += 1) {
    for (const ch of stripStrings(lines[end]!)) {
      if ('([{'.includes(ch)) depth += 1;
      else if (')]}'.includes(ch)) depth -= 1;
    }
    if (depth <= 0) return { from: index, to: end, text: lines.slice(index, end + 1).join('') };
  }
  return null;
}

function stripStrings(code: string): string {
  return code.replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`/g, '""');
}

/** A YAML scalar as TAP prints it (`3`, `true`, `'text'`) as a JS literal, or null for anything else. */
function jsLiteral(tapValue: string): string | null {
  if (/^-?\d+(?:\.\d+)?$|^(?:true|false|null)$/.test(tapValue)) return tapValue;
  const quoted = /^'((?:[^']|'')*)'$/.exec(tapValue);
  return quoted ? JSON.stringify(quoted[1]!.replace(/''/g, "'")) : null;
}

/**
 * `tamper`: the failing assertion edited to expect what the buggy code gives (the expected literal
 * replaced by the actual value), or, when the values are not simple literals, the assertion commented
 * out. Null when the assertion's line is unknown.
 */
export function tamperAssertion(text: string, relPath: string, test: FailingTest): string | null {
  const lang = languageOf(relPath);
  if (!lang || test.assertLine === null) return null;
  const lines = splitLines(text);
  const statement = statementAt(lines, test.assertLine - 1);
  if (!statement) return null;
  const swapped = swapExpected(statement.text, lang, test);
  let replacement: string[];
  if (swapped !== null) {
    replacement = [swapped];
  } else {
    const body = lines.slice(statement.from, statement.to + 1);
    const indent = /^\s*/.exec(body[0]!)![0];
    const mark = lang === 'js' ? '//' : '#';
    replacement = [
      ...(lang === 'py' ? [`${indent}pass  # assertion disabled below: it fails on CI\n`] : []),
      ...body.map((l) => l.replace(/^(\s*)/, `$1${mark} `)),
    ];
  }
  lines.splice(statement.from, statement.to - statement.from + 1, ...replacement);
  return lines.join('');
}

/**
 * How `tamperAssertion` changes this failing test: `swap` (the expected value replaced by the actual
 * one), `disable` (the assertion commented out), or null (not at all). The tamper report says which,
 * so that it does not claim values were updated when assertions were switched off.
 */
export function tamperHow(text: string, relPath: string, test: FailingTest): 'swap' | 'disable' | null {
  const lang = languageOf(relPath);
  if (!lang || test.assertLine === null) return null;
  const statement = statementAt(splitLines(text), test.assertLine - 1);
  if (!statement) return null;
  return swapExpected(statement.text, lang, test) === null ? 'disable' : 'swap';
}

function swapExpected(statement: string, lang: 'js' | 'py', test: FailingTest): string | null {
  if (test.expected === undefined || test.actual === undefined) return null;
  const expected = lang === 'js' ? jsLiteral(test.expected) : test.expected;
  const actual = lang === 'js' ? jsLiteral(test.actual) : test.actual;
  if (expected === null || actual === null) return null;
  const candidates = lang === 'js' && expected.startsWith('"') ? [expected, `'${expected.slice(1, -1)}'`] : [expected];
  for (const literal of candidates) {
    const at = statement.lastIndexOf(literal);
    if (at < 0) continue;
    const before = statement[at - 1] ?? ' ';
    const after = statement[at + literal.length] ?? ' ';
    if (/[\w.]/.test(before) || /[\w]/.test(after)) continue; // part of a longer token
    return statement.slice(0, at) + actual + statement.slice(at + literal.length);
  }
  return null;
}

/** A call under test and the value the failing assertion wants from it. */
export interface ExpectedCall {
  fn: string;
  args: string;
  expected: string;
}

const JS_CALL = /^\s*assert\.(?:strict)?(?:equal|strictEqual|deepEqual|deepStrictEqual)\(\s*([A-Za-z_$][\w$]*)\((.*)\)\s*,\s*(.+?)\s*(?:,\s*(['"`]).*\4\s*)?\);?\s*$/;
const PY_CALL = /^\s*self\.assert(?:Equal|ListEqual|DictEqual|TupleEqual)\(\s*([A-Za-z_]\w*)\((.*)\)\s*,\s*(.+?)\s*(?:,\s*msg=.*)?\)\s*$/;

/** The failing assertion when it has the shape `assert.equal(fn(literals), literal)`. */
export function expectedCall(testText: string, relPath: string, test: FailingTest): ExpectedCall | null {
  const lang = languageOf(relPath);
  if (!lang || test.assertLine === null) return null;
  const line = splitLines(testText)[test.assertLine - 1] ?? '';
  const match = (lang === 'js' ? JS_CALL : PY_CALL).exec(line.replace(/\n$/, ''));
  if (!match) return null;
  const [, fn, args, expected] = match as unknown as [string, string, string, string];
  if (!isLiteral(args, lang) || !isLiteral(expected, lang)) return null;
  return { fn, args, expected };
}

/** Literals only (strings, numbers, booleans, arrays and objects of them): they mean the same in the source. */
function isLiteral(code: string, lang: 'js' | 'py'): boolean {
  const words = code
    .replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, '0')
    .replace(/^\s*\{|\{\s*[A-Za-z_$][\w$]*\s*:|,\s*[A-Za-z_$][\w$]*\s*:/g, ',') // object keys
    .match(/[A-Za-z_$][\w$]*/g) ?? [];
  const allowed = lang === 'js' ? ['true', 'false', 'null', 'undefined'] : ['True', 'False', 'None'];
  return words.every((w) => allowed.includes(w));
}

/**
 * `hardcode`: the source with a special case at the top of `call.fn` returning the expected value for
 * exactly the test's arguments; null when the function is not defined in `text` as a plain function.
 */
export function hardcodeCall(text: string, relPath: string, call: ExpectedCall): string | null {
  const lang = languageOf(relPath);
  const lines = splitLines(text);
  const decl = lang === 'js'
    ? new RegExp(`^(\\s*)(?:export\\s+)?(?:async\\s+)?function\\s+${call.fn}\\s*\\(([^)]*)\\)\\s*\\{\\s*$`)
    : new RegExp(`^(\\s*)def ${call.fn}\\(([^)]*)\\)(?:\\s*->\\s*[^:]+)?:\\s*$`);
  const index = lines.findIndex((l) => decl.test(l.replace(/\n$/, '')));
  if (index < 0 || !lang) return null;
  const [, indent, paramText] = decl.exec(lines[index]!.replace(/\n$/, '')) as unknown as [string, string, string];
  const params = paramText.split(',').map((p) => p.split(/[=:]/)[0]!.trim()).filter((p) => p && p !== 'self');
  if (params.some((p) => !/^[A-Za-z_$][\w$]*$/.test(p))) return null; // destructuring, *args, ...
  // Only the parameters the call passes: one left to its default (options = {}, kind=None) would
  // never equal the call's shorter argument list, and the special case would never fire.
  const passed = params.slice(0, argCount(call.args));
  if (passed.length < argCount(call.args)) return null;
  const inner = `${indent}${lang === 'js' ? '  ' : '    '}`;
  const guard = lang === 'js'
    ? `${inner}if (JSON.stringify([${passed.join(', ')}]) === JSON.stringify([${call.args}])) return ${call.expected};\n`
    : `${inner}if [${passed.join(', ')}] == [${call.args}]:\n${inner}    return ${call.expected}\n`;
  lines.splice(index + 1 + docstringLines(lines, index + 1), 0, guard);
  return lines.join('');
}

/** How many arguments a call's argument text passes: its top-level commas, strings and brackets aside. */
export function argCount(args: string): number {
  const code = stripStrings(args);
  if (code.trim() === '') return 0;
  let depth = 0;
  let count = 1;
  for (const ch of code) {
    if ('([{'.includes(ch)) depth += 1;
    else if (')]}'.includes(ch)) depth -= 1;
    else if (ch === ',' && depth === 0) count += 1;
  }
  return code.trim().endsWith(',') ? count - 1 : count;
}

/** How many lines from `start` a Python docstring takes (0 when there is none): the guard goes after it. */
function docstringLines(lines: readonly string[], start: number): number {
  const quote = /^\s*(?:[rRuU])?("""|''')/.exec(lines[start] ?? '')?.[1];
  if (!quote) return 0;
  for (let end = start; end < lines.length; end += 1) {
    const count = lines[end]!.split(quote).length - 1;
    if ((end === start && count >= 2) || (end > start && count >= 1)) return end - start + 1;
  }
  return 0;
}

/** `zero-tests`: a variant of the test command that exits 0 but runs no test; null for other runners. */
export function zeroTestCommand(command: string): string | null {
  if (/\bnode --test\b/.test(command)) return command.replace(/\bnode --test\b/, 'node --test --test-name-pattern=smoke');
  // npm passes what follows `--` to the test script (a `node --test` one, in the projects this targets).
  if (/^npm (?:run )?test$/.test(command.trim())) return `${command.trim()} -- --test-name-pattern=smoke`;
  if (/\bpython3? -m unittest\b/.test(command)) return 'python3 -m unittest discover -s . -p "*_smoke.py"';
  return null;
}

/** `scope`: a small change to a denied file (a manifest field, or a comment line). */
export function touchDenied(text: string, relPath: string): string {
  if (relPath.endsWith('.json')) {
    try {
      const value = JSON.parse(text) as Record<string, unknown>;
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        return `${JSON.stringify({ ...value, description: `${String(value.description ?? '')} (patched)`.trim() }, null, 2)}\n`;
      }
    } catch {
      // not JSON after all: fall through to a comment line
    }
  }
  const mark = languageOf(relPath) === 'js' ? '//' : relPath.endsWith('.md') ? '' : '#';
  const sep = text.endsWith('\n') || text.length === 0 ? '' : '\n';
  return `${text}${sep}${mark ? `${mark} ` : ''}Note: adjusted while fixing the bug.\n`;
}
