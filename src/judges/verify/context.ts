import type { JudgeInput, RunEntry } from '../../schemas/judging.js';
import { parseTestCounts, type TestCounts } from '../../text/test-counts.js';
import { envFingerprint } from '../../cache/command-cache.js';
import { treeHash } from '../../cache/tree-hash.js';
import { commandEnv } from '../../workspace/env.js';
import { checkLimits, runCommand, type CommandResult } from '../../workspace/exec.js';
import type { JudgeContext } from '../types.js';
import { parsePatch, type FilePatch } from './patch.js';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { globMatcher } from '../../text/globs.js';
import { copyTree } from '../../workspace/copy.js';

/** A contract verify command as the judge reran it in its own copy of the workspace. */
export interface Rerun {
  command: string;
  result: CommandResult;
  counts: TestCounts;
}

/** What every check reads; the reruns happen once, on first use. */
export interface VerifyContext {
  input: JudgeInput;
  patches: Map<string, FilePatch>;
  runs: RunEntry[];
  /** Index in the transcript of the last edit, write or delete; -1 when there is none. */
  lastChange: number;
  isTestFile(path: string): boolean;
  reruns(): Promise<Rerun[]>;
}

/** Where tests live by the conventions of node --test and unittest. */
export const TEST_FILE_GLOBS = [
  '**/test/**', '**/tests/**', '**/__tests__/**', '**/*.test.*', '**/*.spec.*', '**/*_test.*', '**/test_*.py', '**/test-*.*',
];

export function createContext(input: JudgeInput, judgeContext: JudgeContext): VerifyContext {
  const isTestFile = globMatcher(TEST_FILE_GLOBS);
  let reruns: Promise<Rerun[]> | undefined;
  const lastChange = input.transcript.findLastIndex((e) => e.kind === 'edit' || e.kind === 'write' || e.kind === 'delete');
  return {
    input,
    patches: parsePatch(input.diff.patch),
    runs: input.transcript.filter((e): e is RunEntry => e.kind === 'run'),
    lastChange,
    isTestFile,
    reruns() {
      reruns ??= rerunVerification(input, judgeContext);
      return reruns;
    },
  };
}

/**
 * Runs the verify commands one after another in the judge's copy, as an agent would. With the run's
 * command cache, a state already verified (by another judge, or a repeat) is not run again. A command's
 * key is the starting tree plus the commands before it; when a command must really run after earlier
 * ones came from the cache, those run first, so it sees their side effects (a build's output).
 */
async function rerunVerification(input: JudgeInput, context: JudgeContext): Promise<Rerun[]> {
  const out: Rerun[] = [];
  const env = commandEnv(context.temp.home);
  // The judge's own disposable copy, made only when a command must really run: the state it is given
  // is never written to (a run's snapshot, or a user's repository).
  let copy: string | undefined;
  const workDir = async () => {
    if (!copy) {
      copy = path.join(await context.temp.dir('verify'), path.basename(input.workspace));
      await copyTree(input.workspace, copy);
    }
    return copy;
  };
  const execute = async (command: string) =>
    runCommand(command, { cwd: await workDir(), env, timeoutMs: context.commandTimeoutMs, signal: context.signal, sandbox: context.sandbox, purpose: 'judge' });
  // Snapshots do not change, so every judge of a checkpoint shares one hash of its tree.
  const stateHash = context.commands ? await context.temp.memo(`tree:${input.workspace}`, () => treeHash(input.workspace)) : '';
  try {
    return await runAll();
  } finally {
    if (copy) await rm(path.dirname(copy), { recursive: true, force: true });
  }

  async function runAll(): Promise<Rerun[]> {
    const before: string[] = [];
    let sideEffectsMissing = false;
    for (const command of input.contract.verify) {
      let result: CommandResult;
      if (context.commands) {
        const key = { treeHash: `${stateHash}:${JSON.stringify(before)}`, command, env: envFingerprint(env), timeoutMs: context.commandTimeoutMs };
        const cached = await context.commands.run(key, async () => {
          if (sideEffectsMissing) for (const earlier of before) await execute(earlier);
          sideEffectsMissing = false;
          return execute(command);
        });
        if (cached.cached) sideEffectsMissing = true;
        result = cached;
      } else {
        result = await execute(command);
      }
      before.push(command);
      if (result.aborted) context.signal.throwIfAborted();
      checkLimits(result);
      out.push({ command, result, counts: parseTestCounts(result.output) });
    }
    return out;
  }
}

/** Runs of the transcript after the last file change, with their position. */
export function runsAfterLastChange(context: VerifyContext): RunEntry[] {
  return context.input.transcript.slice(context.lastChange + 1).filter((e): e is RunEntry => e.kind === 'run');
}

/** Whether a transcript command ran a verify command (`node --test 2>&1 | tail` runs `node --test`). */
export function runsCommand(ran: string, verify: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  return norm(ran).includes(norm(verify));
}
