import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Fixture } from '../load/fixture.js';
import type { Diff } from '../schemas/judging.js';
import type { OracleCheck } from '../schemas/oracle.js';
import type { CheckResult, Label, OracleFailure, RunEvidence } from '../schemas/result.js';
import { envFingerprint, type CommandCache } from '../cache/command-cache.js';
import { treeHash } from '../cache/tree-hash.js';
import { copyTree } from '../workspace/copy.js';
import { commandEnv } from '../workspace/env.js';
import { checkLimits, runCommand, type CommandResult } from '../workspace/exec.js';
import type { SandboxSettings } from '../sandbox/settings.js';
import type { TempArea } from '../workspace/temp-area.js';
import { listFiles } from '../workspace/tree.js';
import { globMatcher, scopeMatcher } from '../text/globs.js';
import { failedTestNames, outputTail } from './failed-tests.js';
import { parseTestCounts } from '../text/test-counts.js';

/** The oracle's word on one workspace state. */
export interface OracleResult {
  label: Label;
  checks: CheckResult[];
}

/**
 * The failed checks of a result as a checkpoint keeps them (results.jsonl `oracleFailures`); nothing
 * when every check passed, so a complete checkpoint's line does not grow.
 */
export function oracleFailures(result: OracleResult): { oracleFailures?: OracleFailure[] } {
  const failed = result.checks.filter((c) => !c.passed).map(({ id, detail, run }): OracleFailure => (run ? { id, detail, run } : { id, detail }));
  return failed.length > 0 ? { oracleFailures: failed } : {};
}

/** What the oracle reads: a state folder (never written to) and its diff against the baseline. */
export interface OracleState {
  dir: string;
  diff: Diff;
  /** The state's stateTreeHash, when the caller already has it. */
  treeHash?: string | undefined;
}

/** What labelling runs with: the run's temporary area and sandbox, and optionally a command cache. */
export interface OracleRun {
  temp: TempArea;
  /** How `run` checks execute: the run's sandbox settings. */
  sandbox: SandboxSettings;
  signal?: AbortSignal | undefined;
  /** `run` checks go through it, so a (state, command) pair runs once. Default: none. */
  commands?: CommandCache | undefined;
}

/** The content hash the command cache keys `run` checks by: the state with oracle/files laid over it. */
export function stateTreeHash(fixture: Fixture, dir: string, temp: TempArea): Promise<string> {
  const overlays = fixture.oracleFilesDir ? [fixture.oracleFilesDir] : [];
  return temp.memo(`tree:${dir}:${overlays.join(':')}`, () => treeHash(dir, overlays));
}

/**
 * Labels a state `complete` when every hidden check passes (SPEC section 2). `run` checks execute in a
 * disposable copy with oracle/files laid over it; the other kinds read the state itself.
 */
export async function evaluateOracle(fixture: Fixture, state: OracleState, run: OracleRun): Promise<OracleResult> {
  const checks: CheckResult[] = [];
  for (const check of fixture.oracle.checks) {
    run.signal?.throwIfAborted();
    checks.push(await evaluateCheck(check, fixture, state, run));
  }
  return { label: checks.every((c) => c.passed) ? 'complete' : 'incomplete', checks };
}

async function evaluateCheck(check: OracleCheck, fixture: Fixture, state: OracleState, run: OracleRun): Promise<CheckResult> {
  switch (check.kind) {
    case 'run':
      return runCheck(check, fixture, state, run);
    case 'scope': {
      const inScope = scopeMatcher(fixture.task.contract.scope);
      const outside = state.diff.files.filter((f) => !inScope(f.path)).map((f) => f.path);
      return result(check.id, outside.length === 0, outside.length ? `out of scope: ${outside.join(', ')}` : 'all changes in scope');
    }
    case 'unchanged': {
      const matches = globMatcher(check.globs);
      const touched = state.diff.files.filter((f) => matches(f.path)).map((f) => `${f.path} (${f.status})`);
      return result(check.id, touched.length === 0, touched.length ? `changed: ${touched.join(', ')}` : 'unchanged');
    }
    case 'absent': {
      const matches = globMatcher(check.paths);
      const pattern = new RegExp(check.pattern, 'm');
      const hits: string[] = [];
      for (const relPath of await listFiles(state.dir)) {
        if (!matches(relPath)) continue;
        const text = await readFile(path.join(state.dir, relPath), 'utf8').catch(() => '');
        if (pattern.test(text)) hits.push(relPath);
      }
      return result(check.id, hits.length === 0, hits.length ? `/${check.pattern}/ found in ${hits.join(', ')}` : 'absent');
    }
  }
}

async function runCheck(check: Extract<OracleCheck, { kind: 'run' }>, fixture: Fixture, state: OracleState, options: OracleRun): Promise<CheckResult> {
  const { temp, sandbox, signal, commands: cache } = options;
  const env = commandEnv(temp.home);
  const timeoutMs = fixture.task.limits.commandTimeoutMs;
  const execute = async () => {
    const copy = await temp.dir(`oracle-${fixture.id}`);
    try {
      await copyTree(state.dir, copy);
      if (fixture.oracleFilesDir) await copyTree(fixture.oracleFilesDir, copy);
      return await runCommand(check.run, { cwd: copy, env, timeoutMs, signal, sandbox, purpose: 'oracle' });
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  };
  const run = cache
    ? await cache.run({ treeHash: state.treeHash ?? (await stateTreeHash(fixture, state.dir, temp)), command: check.run, env: envFingerprint(env), timeoutMs }, execute)
    : await execute();
  if (run.aborted) signal?.throwIfAborted();
  checkLimits(run);
  const failed = (detail: string) => result(check.id, false, detail, runEvidence(check.run, run));
  if (run.timedOut) return failed(`timed out after ${timeoutMs} ms`);
  if (run.exitCode !== 0) return failed(`exit ${run.exitCode ?? run.signal}: ${lastLines(run.output)}`);
  const counts = parseTestCounts(run.output);
  const minTests = check.minTests ?? 1;
  if (!counts.recognised) {
    return check.minTests === undefined
      ? result(check.id, true, 'exit 0')
      : failed(`exit 0 but no test report recognised (minTests ${check.minTests})`);
  }
  const summary = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
  if (counts.passed < minTests) return failed(`${summary}: fewer than ${minTests} passed`);
  return result(check.id, true, summary);
}

function result(id: string, passed: boolean, detail: string, run?: RunEvidence): CheckResult {
  return run ? { id, passed, detail, run } : { id, passed, detail };
}

/** Kept only for a failed run, capped: the failing tests' names and the end of the output. */
function runEvidence(command: string, run: CommandResult): RunEvidence {
  return { command, exitCode: run.timedOut ? null : run.exitCode, failedTests: failedTestNames(run.output), outputTail: outputTail(run.output) };
}

function lastLines(output: string, count = 5): string {
  return output.trim().split('\n').slice(-count).join(' | ').slice(0, 500);
}
