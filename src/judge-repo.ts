import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Judge } from './judges/types.js';
import { StopbenchError } from './errors.js';
import { resolveSandbox, withoutBwrap, type SandboxSettings } from './sandbox/settings.js';
import { formatIssues } from './load/issues.js';
import { VerdictSchema, type Diff, type JudgeInput, type TranscriptEntry, type Verdict } from './schemas/judging.js';
import type { Task } from './schemas/task.js';
import type { Claim } from './schemas/trajectory.js';
import { shellQuote } from './text/shell-quote.js';
import { copyTree } from './workspace/copy.js';
import { diffTrees } from './workspace/diff.js';
import { commandEnv } from './workspace/env.js';
import { runCommand, type CommandResult } from './workspace/exec.js';
import { TempArea } from './workspace/temp-area.js';
import { loadIgnoreRules, type IgnoreRules } from './workspace/tree.js';
import { ownFilesMatcher } from './repo/own-files.js';
import { resolveBase, type SessionRef } from './repo/session-base.js';

/** A real repository's stop attempt, as `stopbench judge` and `stopbench hook claude-code` see it. */
export interface RepoStop {
  task: Task;
  /** Any folder inside the repository; the judgement covers the whole work tree. */
  repoDir: string;
  /** The revision the changes are counted from. Default: the session's base (see repo/session-base.ts). */
  base?: string | undefined;
  /** The session of the stop: its base is recorded at its first stop and reused, so commits are judged. */
  session?: SessionRef | undefined;
  /** The contract file, when it lies in the repository: part of the hook set-up, never a change. */
  contractFile?: string | undefined;
  /** No transcript came with the stop: checks that read one are skipped, not failed. */
  transcriptMissing?: boolean | undefined;
  claim: Claim;
  report: string;
  transcript: TranscriptEntry[];
  /** Default 1, or the transcript's last turn. */
  turn?: number | undefined;
  judge: Judge;
  signal?: AbortSignal | undefined;
  /** How the judge's commands run. Default: resolveSandbox() (STOPBENCH_SANDBOX, else `auto`). */
  sandbox?: SandboxSettings | undefined;
}

export interface RepoJudgement {
  verdict: Verdict;
  input: JudgeInput;
  /** The commit the diff was taken against; null when the repository has no commit yet. */
  baseRev: string | null;
  /** Why that base: `--base HEAD~1`, `start of session s1 (recorded ...)`, `HEAD`, ... */
  baseSource: string;
}

const GIT_TIMEOUT_MS = 60_000;

/**
 * Judges a git repository's current state as if it were a stop attempt: the base revision's tree is
 * extracted with `git archive` into a temp folder and diffed against the work tree by content (the same
 * rules as an episode: untracked files count, ignored ones do not), the judge gets a disposable copy
 * when it runs commands, and its verdict is checked like any plugin's.
 */
export async function judgeRepository(stop: RepoStop): Promise<RepoJudgement> {
  const signal = stop.signal ?? new AbortController().signal;
  const sandbox = stop.sandbox ?? resolveSandbox();
  const temp = await TempArea.create('stopbench-judge-');
  try {
    const git = (args: string, cwd = stop.repoDir) =>
      // The harness's own git calls: outside the sandbox, which would hide the temp folders.
      runCommand(`git ${args}`, { cwd, env: commandEnv(temp.home), timeoutMs: GIT_TIMEOUT_MS, signal, sandbox: withoutBwrap(sandbox), purpose: 'git' });
    const top = await git('rev-parse --show-toplevel');
    if (top.exitCode !== 0) throw new StopbenchError(`${stop.repoDir}: not inside a git repository (${firstLine(top)})`, 'E_GIT', 2);
    const repoDir = top.stdout.trim();
    const { rev: baseRev, source: baseSource } = await resolveBase((args) => git(args, repoDir), { explicit: stop.base, session: stop.session });
    const baseDir = await temp.dir('base');
    if (baseRev) {
      const archive = await git(`archive --format=tar ${baseRev} | tar -x -C ${shellQuote(baseDir)}`, repoDir);
      if (archive.exitCode !== 0) throw new StopbenchError(`git archive ${baseRev} failed: ${firstLine(archive)}`, 'E_GIT', 1);
    }
    const contractFile = stop.contractFile ? await realpath(stop.contractFile).catch(() => path.resolve(stop.contractFile!)) : undefined;
    const diff: Diff = await diffTrees(baseDir, repoDir, withoutOwnFiles(await loadIgnoreRules(baseDir), ownFilesMatcher(repoDir, contractFile)));
    let workspace = repoDir;
    if (stop.judge.needsWorkspace) {
      workspace = path.join(await temp.dir('workspace'), 'repo');
      await copyTree(repoDir, workspace);
    }
    const input: JudgeInput = {
      fixture: stop.task.id,
      turn: stop.turn ?? Math.max(1, ...stop.transcript.map((e) => e.turn)),
      contract: stop.task.contract,
      claim: stop.claim,
      report: stop.report,
      transcript: stop.transcript,
      diff,
      workspace,
    };
    const raw = await stop.judge.judge(input, {
      signal, temp, sandbox, repeat: 0, commandTimeoutMs: stop.task.limits.commandTimeoutMs,
      ...(stop.transcriptMissing ? { transcriptMissing: true } : {}),
    });
    const parsed = VerdictSchema.safeParse(raw);
    if (!parsed.success) throw new StopbenchError(`judge ${stop.judge.id}: invalid verdict: ${formatIssues(parsed.error.issues)}`, 'E_JUDGE', 1);
    return { verdict: parsed.data, input, baseRev, baseSource };
  } finally {
    await temp.dispose();
  }
}

/** The hook's own files are left out of the diff like ignored ones: installing the hook is not the agent's work. */
function withoutOwnFiles(rules: IgnoreRules, own: (relPath: string) => boolean): IgnoreRules {
  return { ignores: (relPath, isDir) => rules.ignores(relPath, isDir) || (!isDir && own(relPath)) };
}

function firstLine(result: CommandResult): string {
  return result.output.trim().split('\n')[0] ?? `exit ${result.exitCode}`;
}
