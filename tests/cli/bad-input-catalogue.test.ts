import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MINI_FIXTURES, runCli } from '../helpers/cli.js';

/**
 * The bad-input catalogue (issue 8): each bad input gets its exact one-line error and exit code, and a
 * run that refuses to start leaves no output folder that looks complete. `$D` stands for the case's
 * own folder; the suite lists `fx`, a copy of the mini fixtures.
 */
interface Case {
  name: string;
  setup?: (dir: string) => Promise<void>;
  args?: string[];
  env?: Record<string, string>;
  code: number;
  /** The exact error line (stderr for exit 2, the validate line for exit 1). */
  line: string;
}

const SUITE = 'name: t\nfixtures: [fx]\nagents: [{id: replay, type: replay}]\njudges: [{id: trust, type: trust}]\n';
const RUN = ['run', '--suite', 'suite.yaml', '--out', 'out', '--no-progress'];
const VALIDATE = ['validate', 'fx'];

async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: ${String(from)} not found`);
  await writeFile(file, next);
}
const task = (d: string) => path.join(d, 'fx/counter/task.yaml');
const oracle = (d: string) => path.join(d, 'fx/counter/oracle/oracle.yaml');
const trajectory = (d: string, name = 'diligent') => path.join(d, `fx/counter/trajectories/${name}.yaml`);
const addStep = (d: string, step: string) => edit(trajectory(d), '      - run: node --test\n', `      - run: node --test\n      - ${step}\n`);

/** A "billion laughs": every level multiplies the one below by nine. */
const ALIAS_BOMB = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdef'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdef'[i]}`).join(', ')}]`)].join('\n');

const CASES: Case[] = [
  { name: 'broken YAML', setup: (d) => edit(task(d), 'tags: [visible-only]', 'tags: [visible-only'), code: 2, line: 'stopbench: $D/fx/counter/task.yaml: line 4, column 1: invalid YAML (Flow sequence in block collection must be sufficiently indented and end with a ])' },
  { name: 'unknown key', setup: (d) => edit(task(d), 'solvable: true', 'solvable: true\nsolveable: true'), code: 2, line: 'stopbench: $D/fx/counter/task.yaml: solveable: unknown key (expected one of id, title, tags, solvable, draft, contract, limits)' },
  { name: 'wrong type', setup: (d) => edit(task(d), 'turns: 3', 'turns: three'), code: 2, line: 'stopbench: $D/fx/counter/task.yaml: limits.turns: expected a positive whole number, received a string' },
  { name: 'missing contract.verify', setup: (d) => edit(task(d), /  verify:\n    - node --test\n/, ''), code: 2, line: 'stopbench: $D/fx/counter/task.yaml: contract.verify: missing (expected a non-empty list of non-empty strings)' },
  { name: 'id not the folder name', setup: (d) => edit(task(d), 'id: counter', 'id: other'), code: 2, line: 'stopbench: $D/fx/counter/task.yaml: id: "other" must equal the folder name "counter"' },
  { name: 'missing repo folder', setup: (d) => rm(path.join(d, 'fx/counter/repo'), { recursive: true }), code: 2, line: "stopbench: $D/fx/counter/repo: missing (expected the fixture's starting repository folder)" },
  { name: 'missing oracle', setup: (d) => rm(oracle(d)), code: 2, line: 'stopbench: $D/fx/counter/oracle/oracle.yaml: file not found' },
  { name: 'check of two kinds', setup: (d) => edit(oracle(d), '    scope: contract', '    scope: contract\n    unchanged: ["a"]'), code: 2, line: 'stopbench: $D/fx/counter/oracle/oracle.yaml: checks[2]: exactly one check kind of run, scope, unchanged, absent' },
  { name: 'invalid regular expression', setup: (d) => edit(oracle(d), '  - id: scope', '  - id: abs\n    absent: { pattern: "(", paths: ["src/**"] }\n  - id: scope'), code: 2, line: 'stopbench: $D/fx/counter/oracle/oracle.yaml: checks[2].absent.pattern: a valid JavaScript regular expression' },
  { name: 'minTests without run', setup: (d) => edit(oracle(d), '    scope: contract', '    scope: contract\n    minTests: 2'), code: 2, line: 'stopbench: $D/fx/counter/oracle/oracle.yaml: checks[2].minTests: minTests goes with run' },
  { name: 'step of an unknown kind', setup: (d) => edit(trajectory(d), '      - run: node --test', '      - shell: node --test'), code: 2, line: 'stopbench: $D/fx/counter/trajectories/diligent.yaml: turns[0].steps[1].shell: unknown key (expected one of run, edit, write, delete, say); turns[0].steps[1]: exactly one step kind of run, edit, write, delete, say' },
  { name: 'edit with an empty old text', setup: (d) => edit(trajectory(d), 'old: "this.value += 1;"', 'old: ""'), code: 2, line: 'stopbench: $D/fx/counter/trajectories/diligent.yaml: turns[0].steps[0].edit.old: a non-empty old text' },
  { name: 'more turns than the limit', setup: (d) => edit(task(d), 'turns: 3', 'turns: 1'), code: 2, line: 'stopbench: $D/fx/counter/trajectories/lazy.yaml: turns: 2 turns, more than limits.turns (1)' },
  { name: 'expect labels of the wrong length', setup: (d) => edit(trajectory(d), 'complete: [true]', 'complete: [true, false]'), code: 2, line: 'stopbench: $D/fx/counter/trajectories/diligent.yaml: expect.complete: 2 labels for 1 turns (expected one per turn)' },
  { name: 'symlink in repo/ pointing out', setup: (d) => symlink('/etc/passwd', path.join(d, 'fx/counter/repo/passwd')), code: 2, line: 'stopbench: $D/fx/counter/repo/passwd: symlink points outside repo/ (to /etc/passwd)' },
  { name: 'two fixtures with one id', setup: async (d) => { await cp(path.join(d, 'fx/counter'), path.join(d, 'more/counter'), { recursive: true }); await writeFile(path.join(d, 'suite.yaml'), SUITE.replace('[fx]', '[fx, more]')); }, code: 2, line: 'stopbench: $D/more/counter: fixture id "counter" is also used by $D/fx/counter' },
  { name: 'missing suite file', args: ['run', '--suite', 'none.yaml'], code: 2, line: 'stopbench: none.yaml: file not found' },
  { name: 'suite that is not YAML', setup: (d) => writeFile(path.join(d, 'suite.yaml'), 'name: [\n'), code: 2, line: 'stopbench: suite.yaml: line 2, column 1: invalid YAML (Flow sequence in block collection must be sufficiently indented and end with a ])' },
  { name: 'empty suite: no fixture in the folder', setup: async (d) => { await rm(path.join(d, 'fx'), { recursive: true }); await mkdir(path.join(d, 'fx/empty'), { recursive: true }); }, code: 2, line: 'stopbench: $D/fx: no task.yaml in it or in its subfolders' },
  { name: 'missing fixture folder', setup: (d) => rm(path.join(d, 'fx'), { recursive: true }), code: 2, line: 'stopbench: $D/fx: fixture folder not found' },
  { name: 'suite without agents', setup: (d) => writeFile(path.join(d, 'suite.yaml'), SUITE.replace('[{id: replay, type: replay}]', '[]')), code: 2, line: 'stopbench: suite.yaml: agents: expected a non-empty list of {id, type}, received an empty list' },
  { name: 'judge type that does not exist', setup: (d) => writeFile(path.join(d, 'suite.yaml'), SUITE.replace('type: trust', 'type: oracle-peek')), code: 2, line: 'stopbench: suite.yaml: judges[0].type: unknown type "oracle-peek" (expected one of $JUDGE_TYPES)' },
  { name: 'judge id used twice', setup: (d) => writeFile(path.join(d, 'suite.yaml'), SUITE.replace('[{id: trust, type: trust}]', '[{id: trust, type: trust}, {id: trust, type: exit-code}]')), code: 2, line: 'stopbench: suite.yaml: judges[1].id: "trust" is used twice' },
  { name: 'repeat of zero', setup: (d) => writeFile(path.join(d, 'suite.yaml'), `${SUITE}repeat: 0\n`), code: 2, line: 'stopbench: suite.yaml: repeat: expected a positive whole number, received 0' },
  { name: '--judges naming no judge of the suite', args: [...RUN, '--judges', 'verify'], code: 2, line: 'stopbench: suite.yaml: no judge with id "verify" (the suite has trust)' },
  { name: '--sandbox of an unknown mode', args: [...RUN, '--sandbox', 'docker'], code: 2, line: 'stopbench: --sandbox: "docker" is not one of auto, bwrap, none' },
  { name: 'report of a folder without results', args: ['report', 'nowhere'], code: 2, line: 'stopbench: nowhere/results.jsonl: file not found' },
  { name: 'results.jsonl that is not ours', setup: async (d) => { await mkdir(path.join(d, 'r')); await writeFile(path.join(d, 'r/results.jsonl'), 'not json\n{}\n'); }, args: ['report', 'r'], code: 2, line: 'stopbench: r/results.jsonl: line 1: not valid JSON' },
  { name: 'an edit outside the workspace', setup: (d) => edit(trajectory(d), 'path: src/counter.js', 'path: ../outside.js'), args: VALIDATE, code: 1, line: 'FAIL   counter/diligent: $D/fx/counter/trajectories/diligent.yaml: turn 1, step 1 (edit ../outside.js): "../outside.js" leaves the workspace' },
  { name: 'a command that never ends', setup: async (d) => { await edit(task(d), 'commandTimeoutMs: 20000', 'commandTimeoutMs: 1500'); await edit(oracle(d), '  - id: scope', '  - id: hang\n    run: sleep 60\n  - id: scope'); }, args: VALIDATE, code: 1, line: 'FAIL counter: repo + solution is incomplete: hang: timed out after 1500 ms' },
  { name: 'a huge file', setup: (d) => addStep(d, 'run: head -c 5000000 /dev/zero > big.bin'), env: { STOPBENCH_MAX_FILE_BYTES: '1000000' }, args: VALIDATE, code: 1, line: 'FAIL   counter/diligent: `head -c 5000000 /dev/zero > big.bin` ran into the file size limit of the sandbox' },
  { name: 'a fork bomb', setup: (d) => addStep(d, 'run: "i=0; while [ $i -lt 500 ]; do sleep 3 & i=$((i+1)); done"'), env: { STOPBENCH_MAX_PROCESSES: '64' }, args: VALIDATE, code: 1, line: 'FAIL   counter/diligent: `i=0; while [ $i -lt 500 ]; do sleep 3 & i=$((i+1)); done` ran into the process limit of the sandbox' },
  // Issue 18: hostile YAML anywhere a YAML file is read, output folders that hold results.
  { name: 'an alias bomb in task.yaml', setup: (d) => edit(task(d), 'tags: [visible-only]', `tags: [visible-only]\n${ALIAS_BOMB}`), code: 2, line: 'stopbench: $D/fx/counter/task.yaml: refused YAML (Excessive alias count indicates a resource exhaustion attack)' },
  { name: 'an alias bomb in task.yaml, in validate', setup: (d) => edit(task(d), 'tags: [visible-only]', `tags: [visible-only]\n${ALIAS_BOMB}`), args: VALIDATE, code: 2, line: 'stopbench: $D/fx/counter/task.yaml: refused YAML (Excessive alias count indicates a resource exhaustion attack)' },
  { name: 'a duplicate key in oracle.yaml', setup: (d) => edit(oracle(d), '  - id: scope\n', '  - id: scope\n    id: scope-again\n'), code: 2, line: 'stopbench: $D/fx/counter/oracle/oracle.yaml: line 9, column 5: refused YAML (Map keys must be unique)' },
  { name: 'an alias without an anchor in a trajectory', setup: (d) => edit(trajectory(d), 'claim: done', 'claim: *verdict'), code: 2, line: 'stopbench: $D/fx/counter/trajectories/diligent.yaml: refused YAML (Unresolved alias (the anchor must be set before the alias): verdict)' },
  { name: 'nesting deeper than the parser\'s stack, in the suite', setup: (d) => writeFile(path.join(d, 'suite.yaml'), `${SUITE}x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`), code: 2, line: 'stopbench: suite.yaml: refused YAML (Maximum call stack size exceeded)' },
  { name: 'a trajectory too large to parse', setup: (d) => writeFile(trajectory(d, 'huge'), `# ${'x'.repeat(8 * 1024 * 1024)}\n`), args: VALIDATE, code: 2, line: 'stopbench: $D/fx/counter/trajectories/huge.yaml: refused YAML: 8388611 characters, more than the 8388608 allowed' },
  { name: 'a duplicate key in the suite', setup: (d) => writeFile(path.join(d, 'suite.yaml'), `${SUITE}name: again\n`), code: 2, line: 'stopbench: suite.yaml: line 5, column 1: refused YAML (Map keys must be unique)' },
  { name: '--out into a folder holding results', setup: async (d) => { await mkdir(path.join(d, 'out')); await writeFile(path.join(d, 'out/results.jsonl'), '{}\n'); }, code: 2, line: 'stopbench: out: holds the results of an earlier run (results.jsonl); continue it with --resume out, or replace them with --overwrite' },
  { name: '--overwrite with --resume', args: ['run', '--suite', 'suite.yaml', '--resume', 'out', '--overwrite'], code: 2, line: 'stopbench: --overwrite and --resume cannot be combined (--resume keeps the finished episodes)' },
  // Issue 14: importing sessions, rescoring kept states.
  { name: 'import of a missing session file', args: ['import', 'claude-code', 'none.jsonl', '--fixture', 'fx/counter'], code: 2, line: 'stopbench: none.jsonl: file not found' },
  { name: 'import of a file with no agent turn', setup: (d) => writeFile(path.join(d, 's.jsonl'), '{"type":"summary","summary":"x"}\nnot json\n'), args: ['import', 'codex', 's.jsonl', '--fixture', 'fx/counter'], code: 2, line: 'stopbench: s.jsonl: no agent turn found (is this a codex session?)' },
  { name: 'import of a session edit that does not apply', setup: (d) => writeFile(path.join(d, 's.jsonl'), `${JSON.stringify({ type: 'user', cwd: '/w', message: { role: 'user', content: 'go' } })}\n${JSON.stringify({ type: 'assistant', cwd: '/w', message: { id: 'm1', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Edit', input: { file_path: '/w/src/counter.js', old_string: 'nope', new_string: 'x' } }] } })}\n`), args: ['import', 'claude-code', 's.jsonl', '--fixture', 'fx/counter'], code: 2, line: 'stopbench: s.jsonl: turn 1, tool call toolu_1 (Edit src/counter.js): old_string not found in the replayed file' },
  { name: 'rescore of a run without kept states', setup: async (d) => { await mkdir(path.join(d, 'r')); }, args: ['rescore', 'r', '--suite', 'suite.yaml', '--out', 'out'], code: 2, line: 'stopbench: r/states/episodes.jsonl: file not found (was the run made with --keep-states?)' },
];

const made: string[] = [];
afterAll(() => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

describe('the bad-input catalogue', () => {
  it('has at least 40 entries', () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-bad-'));
    made.push(dir);
    await cp(MINI_FIXTURES, path.join(dir, 'fx'), { recursive: true });
    await writeFile(path.join(dir, 'suite.yaml'), SUITE);
    await c.setup?.(dir);
    const { judgeTypes } = await import('../../src/judges/registry.js');
    const result = runCli(c.args ?? RUN, dir, c.env);
    const expected = c.line.replaceAll('$D', dir).replace('$JUDGE_TYPES', Object.keys(judgeTypes).join(', '));
    expect(result.code).toBe(c.code);
    if (c.code === 2) {
      expect(result.stderr).toBe(`${expected}\n`); // exactly one line, no stack trace
    } else {
      expect(result.stdout.split('\n')).toContain(expected);
    }
    // Refused before any work: no output folder that could pass for a finished run.
    await expect(stat(path.join(dir, 'out', 'summary.csv'))).rejects.toThrow();
  });

  it('survives non-UTF-8 output: invalid bytes become U+FFFD, the run goes on', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-bad-'));
    made.push(dir);
    await cp(MINI_FIXTURES, path.join(dir, 'fx'), { recursive: true });
    await writeFile(path.join(dir, 'suite.yaml'), SUITE);
    await addStep(dir, String.raw`run: "printf '\\377\\376 latin1 \\351\\n'"`);
    const result = runCli(RUN, dir);
    expect(result.code).toBe(0);
    const lines = (await readFile(path.join(dir, 'out/results.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const diligent = lines.find((r) => r.trajectory === 'diligent');
    expect(diligent.outcome).toBe('correct-done');
    const validate = runCli(['validate', 'fx'], dir);
    expect(validate.code).toBe(0);
  });
});
