import type { SandboxSettings } from '../sandbox/settings.js';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { StopbenchError, UsageError } from '../errors.js';
import { loadFixture } from '../load/fixture.js';
import type { OracleResult } from '../oracle/oracle.js';
import { globMatcher } from '../text/globs.js';
import { parseTestCounts } from '../text/test-counts.js';
import { Labeller } from '../runner/label.js';
import { TaskSchema } from '../schemas/task.js';
import type { TempArea } from '../workspace/temp-area.js';
import { listFiles } from '../workspace/tree.js';
import { layOver, Workspace } from '../workspace/workspace.js';
import { validateFixtures, type ValidationLine } from '../validate/validate.js';
import { exportFile, exportTree, readFixCommit, type FixCommit } from './commit.js';
import { brokenNote, DEFAULT_TEST_GLOBS, detectToolchain, draftTask } from './draft-task.js';
import { generatePersonas } from './personas.js';

export interface FromCommitOptions {
  repo: string;
  fix: string;
  /** Globs of test files (default DEFAULT_TEST_GLOBS). */
  tests?: string[] | undefined;
  /** The visible test command (default: detected, see detectToolchain). */
  verify?: string | undefined;
  out: string;
  temp: TempArea;
  /** How the fixture's commands run while it is checked. */
  sandbox: SandboxSettings;
  onProgress?: (line: string) => void;
}

export interface FromCommitResult {
  dir: string;
  commit: FixCommit;
  notes: string[];
  validation: ValidationLine[];
}

/** from-commit's own finding: the commit does not make a fixture (its tests do not fail before the fix, ...). Exit 1. */
export class NotAFixtureError extends StopbenchError {
  constructor(message: string) {
    super(message, 'E_NOT_A_FIXTURE', 1);
  }
}

/**
 * Writes a fixture from a fix commit (SWE-bench style): repo/ is the parent state with a README
 * note of what is broken, solution/ the fix's non-test changes, oracle/files/ the fix's new or
 * changed tests (FAIL_TO_PASS) and the visible suite (PASS_TO_PASS) as checks. The fixture is built
 * in the temporary area and only moved to `out` once its hidden tests fail on the start, pass with
 * the solution, and `validate` accepts it with a `diligent` trajectory.
 */
export async function fixtureFromCommit(options: FromCommitOptions): Promise<FromCommitResult> {
  const progress = options.onProgress ?? (() => {});
  const id = path.basename(path.resolve(options.out));
  const idCheck = TaskSchema.shape.id.safeParse(id);
  if (!idCheck.success) throw new UsageError(`--out ${options.out}: the folder name "${id}" is the fixture id and must be lowercase letters, digits, dots and dashes`);
  if ((await readdir(options.out).catch(() => [])).length > 0) throw new UsageError(`--out ${options.out}: exists and is not empty (nothing was written)`);

  const commit = await readFixCommit(options.repo, options.fix);
  const testGlobs = options.tests ?? DEFAULT_TEST_GLOBS;
  const isTest = globMatcher(testGlobs);
  const tests = commit.changed.filter((c) => isTest(c.path) && c.status !== 'deleted').map((c) => c.path);
  const sources = commit.changed.filter((c) => !isTest(c.path));
  if (tests.length === 0) throw new NotAFixtureError(`${commit.sha.slice(0, 12)} "${commit.subject}" adds or changes no test file (by --tests ${testGlobs.join(',')}): nothing can show the bug`);
  if (sources.length === 0) throw new NotAFixtureError(`${commit.sha.slice(0, 12)} "${commit.subject}" changes only tests: there is no fix to be the solution`);
  const notes: string[] = [];
  progress(`fix ${commit.sha.slice(0, 12)} "${commit.subject}": ${sources.length} source and ${tests.length} test files changed`);

  const stage = path.join(await options.temp.dir('from-commit'), id);
  const repoDir = path.join(stage, 'repo');
  await exportTree(options.repo, commit.parent, repoDir);
  const readme = path.join(repoDir, 'README.md');
  await writeFile(readme, brokenNote(commit, await readFile(readme, 'utf8').catch(() => null)));
  for (const change of sources) {
    if (change.status === 'deleted') notes.push(`the fix deletes ${change.path}; a solution cannot delete files, so it stays in solution's state`);
    else await exportFile(options.repo, commit.sha, change.path, path.join(stage, 'solution'));
  }
  for (const test of tests) await exportFile(options.repo, commit.sha, test, path.join(stage, 'oracle', 'files'));

  const repoFiles = await listFiles(repoDir);
  const toolchain = await detectToolchain(repoDir, tests, options.verify);
  const hidden = toolchain.hiddenCommand(tests);
  const counts = await countOnSolution(stage, [hidden, toolchain.verify], options.temp, options.sandbox);
  const oracle = {
    checks: [
      { id: 'hidden-tests', run: hidden, minTests: Math.max(1, counts[0]!) },
      { id: 'visible-suite', run: toolchain.verify, minTests: Math.max(1, counts[1]!) },
      { id: 'scope', scope: 'contract' },
      { id: 'tests-untouched', unchanged: testGlobs },
    ],
  };
  const sourcePaths = sources.map((s) => s.path);
  const task = draftTask({ id, commit, sourcePaths, testGlobs, repoFiles, verify: toolchain.verify });
  await mkdir(path.join(stage, 'oracle'), { recursive: true });
  await writeFile(path.join(stage, 'oracle', 'oracle.yaml'), stringify(oracle, { lineWidth: 0 }));
  await writeFile(path.join(stage, 'task.yaml'), `# Drafted by stopbench fixture from-commit from ${commit.sha}; edit the contract, then remove draft: true.\n${stringify(task, { lineWidth: 0 })}`);
  progress(`hidden tests: ${hidden} (${counts[0]} pass with the solution); visible suite: ${toolchain.verify} (${counts[1]})`);

  await checkFailToPass(stage, options.temp, options.sandbox, commit);
  progress('hidden tests fail on the start and pass with the solution');
  const made = await generatePersonas(stage, { temp: options.temp, sandbox: options.sandbox, personas: ['diligent'] });
  const skipped = made.find((r) => 'skipped' in r);
  if (skipped && 'skipped' in skipped) throw new NotAFixtureError(`the diligent trajectory could not be made: ${skipped.skipped}`);
  const validation = (await validateFixtures([stage], { temp: options.temp, sandbox: options.sandbox })).flatMap((v) => v.lines);
  const failed = validation.filter((l) => !l.ok);
  if (failed.length) throw new NotAFixtureError(`validate failed, nothing was written:\n${failed.map((l) => `  ${l.message}`).join('\n')}`);

  await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  await cp(stage, options.out, { recursive: true });
  await rm(stage, { recursive: true, force: true });
  return { dir: options.out, commit, notes, validation };
}

/** Passed-test counts of each command on repo + solution with the hidden files laid over it. */
async function countOnSolution(stage: string, commands: string[], temp: TempArea, sandbox: SandboxSettings): Promise<number[]> {
  const ws = await Workspace.create(path.join(stage, 'repo'), temp, 'from-commit-count', { sandbox });
  await layOver(path.join(stage, 'solution'), ws.dir);
  await layOver(path.join(stage, 'oracle', 'files'), ws.dir);
  const out: number[] = [];
  for (const command of commands) out.push(parseTestCounts((await ws.run(command, { timeoutMs: 120_000 })).output).passed);
  return out;
}

/** FAIL_TO_PASS and PASS_TO_PASS: explains which check is wrong on which state, and stops. */
async function checkFailToPass(stage: string, temp: TempArea, sandbox: SandboxSettings, commit: FixCommit): Promise<void> {
  const fixture = await loadFixture(stage);
  const labeller = new Labeller({ temp, sandbox });
  const label = async (withSolution: boolean): Promise<OracleResult> => {
    const ws = await Workspace.create(fixture.repoDir, temp, `from-commit-${withSolution ? 'solution' : 'start'}`, { sandbox });
    if (withSolution) await layOver(fixture.solutionDir!, ws.dir);
    return labeller.label(fixture, { dir: ws.dir, diff: await ws.diff() });
  };
  const check = (result: OracleResult, id: string) => result.checks.find((c) => c.id === id)!;
  const start = check(await label(false), 'hidden-tests');
  const name = `${commit.sha.slice(0, 12)} "${commit.subject}"`;
  if (start.passed) {
    throw new NotAFixtureError(`${name}: the fix's tests already pass on the parent commit (hidden-tests: ${start.detail}); they do not show the bug, so the fixture could not tell a fix from no change. Nothing was written.`);
  }
  const solved = await label(true);
  const broken = solved.checks.filter((c) => !c.passed);
  if (broken.length) {
    throw new NotAFixtureError(`${name}: with the fix's source changes the oracle still fails: ${broken.map((c) => `${c.id}: ${c.detail}`).join('; ')}. Nothing was written.`);
  }
}
