import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Task } from '../schemas/task.js';
import { shellQuote } from '../text/shell-quote.js';
import type { FixCommit } from './commit.js';

/** Where tests live by the usual conventions of Node and Python projects (`--tests` replaces them). */
export const DEFAULT_TEST_GLOBS = ['**/test/**', '**/tests/**', '**/__tests__/**', '**/*.test.*', '**/*.spec.*', '**/test_*.py', '**/*_test.py'];

/** Manifests an agent fixing a bug should leave alone; denied when the repository has them. */
const MANIFESTS = ['package.json', 'package-lock.json', 'pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'tsconfig.json'];

/** How the fixture's tests run: the visible suite, and the fix's own tests alone. */
export interface Toolchain {
  verify: string;
  hiddenCommand: (testFiles: readonly string[]) => string;
}

/** A path as a shell word: bare when it is plain, so the command reads as one would type it. */
const quote = (p: string) => (/^[\w./-]+$/.test(p) ? p : shellQuote(p));

/**
 * The test command: `--verify` when given; else `npm test` for a package.json with a test script,
 * `python3 -m unittest` when the tests are Python files, `node --test` otherwise.
 */
export async function detectToolchain(repoDir: string, testFiles: readonly string[], verify: string | undefined): Promise<Toolchain> {
  let command = verify;
  if (!command) {
    const pkg = await readFile(path.join(repoDir, 'package.json'), 'utf8').then((t) => JSON.parse(t) as { scripts?: Record<string, string> }, () => null);
    if (pkg?.scripts?.test) command = 'npm test';
    else if (testFiles.some((f) => f.endsWith('.py'))) command = 'python3 -m unittest';
    else command = 'node --test';
  }
  const python = /\bpython3? -m unittest\b/.test(command) || testFiles.every((f) => f.endsWith('.py'));
  return { verify: command, hiddenCommand: (files) => testFilesCommand(files, python) };
}

/** The command that runs just these test files: python's unittest by module name, else node --test. */
export function testFilesCommand(files: readonly string[], python: boolean): string {
  return python
    ? `python3 -m unittest ${files.map((f) => f.replace(/\.py$/, '').split('/').join('.')).join(' ')}`
    : `node --test ${files.map(quote).join(' ')}`;
}

/** The changed source folders as scope globs (a file at the root stands for itself). */
function scopeAllow(sourcePaths: readonly string[]): string[] {
  const globs = sourcePaths.map((p) => (path.posix.dirname(p) === '.' ? p : `${path.posix.dirname(p)}/**`));
  return [...new Set(globs)].sort();
}

/** A drafted contract (`draft: true`) from the commit message and the changed paths. */
export function draftTask(input: {
  id: string; commit: FixCommit; sourcePaths: string[]; testGlobs: string[]; repoFiles: readonly string[]; verify: string;
}): Task {
  const { commit, verify } = input;
  const manifests = MANIFESTS.filter((m) => input.repoFiles.includes(m));
  const problem = problemOf(commit);
  return {
    id: input.id,
    title: commit.subject,
    tags: [],
    solvable: true,
    draft: true,
    contract: {
      goal: `Fix this bug without changing the tests: ${problem}`,
      ...(commit.body ? { background: commit.body } : {}),
      scope: { allow: scopeAllow(input.sourcePaths), deny: [...input.testGlobs, ...manifests] },
      done: [
        { id: 'tests', text: `${verify} passes with every test running and none skipped or edited` },
        { id: 'report', text: 'the report names the root cause, the changed files and the verification run' },
      ],
      verify: [verify],
      failure: 'After 3 failed attempts, report the failing cases and what blocks you.',
      risk: ['editing or skipping tests', ...manifests.map((m) => `editing ${m}`)],
      delivery: 'Changed files, root cause, verification command and its result.',
    },
    limits: { turns: 5, commandTimeoutMs: 60_000 },
  };
}

/** The README section that tells an agent what is broken (the commit message, as a bug report). */
export function brokenNote(commit: FixCommit, existing: string | null): string {
  const section = `## Known problem\n\nThis needs fixing: ${problemOf(commit)}\n${commit.body ? `\n${commit.body}\n` : ''}`;
  return existing ? `${existing.replace(/\n*$/, '\n\n')}${section}` : `# What is broken\n\n${section}`;
}

/** The commit subject without its "Fix:" prefix: the problem it solves. */
function problemOf(commit: FixCommit): string {
  return commit.subject.replace(/^(?:fix(?:es|ed)?|bugfix|hotfix)(?:\([^)]*\))?[:!]?\s*/i, '').trim() || commit.subject;
}
