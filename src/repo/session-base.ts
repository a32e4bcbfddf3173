import path from 'node:path';
import { StopbenchError } from '../errors.js';
import { SessionRecords } from './session-records.js';
import { shellQuote } from '../text/shell-quote.js';
import type { CommandResult } from '../workspace/exec.js';

/** Runs `git ARGS` in the repository (the caller's runner: outside the sandbox, with its timeout). */
export type Git = (args: string) => Promise<CommandResult>;

/** The session a stop belongs to: Claude Code's `session_id`, and when its transcript began. */
export interface SessionRef {
  id: string;
  /** ISO time of the transcript's first line; lets the first stop find what HEAD was back then. */
  startedAt?: string | undefined;
}

/** The revision changes are counted from, and why that one. */
export interface ResolvedBase {
  /** Null when the repository had no commit at the base (everything counts as added). */
  rev: string | null;
  /** For people: `--base`, `start of session s1 (recorded)`, `HEAD`, ... */
  source: string;
}

/**
 * The base of a real repository's stop attempt, so that work the agent committed is still judged:
 * `--base` when given; else the base recorded for the session at its first stop
 * (`.git/stopbench/sessions.json`); else what HEAD was when the session's transcript began (from the
 * reflog), recorded; else the merge base with the upstream, else HEAD, recorded for the session too.
 */
export async function resolveBase(git: Git, options: { explicit?: string | undefined; session?: SessionRef | undefined }): Promise<ResolvedBase> {
  if (options.explicit !== undefined) return { rev: await verifyCommit(git, options.explicit), source: `--base ${options.explicit}` };
  const session = options.session;
  const store = session ? await sessionStore(git) : null;
  if (session && store) {
    const recorded = await store.get(session.id);
    if (recorded) return { rev: recorded.base, source: `start of session ${session.id} (recorded ${recorded.recordedAt})` };
  }
  const found = (session?.startedAt ? await headAt(git, session.startedAt) : undefined) ?? (await defaultBase(git));
  const resolved = session?.startedAt && found.source === 'reflog'
    ? { rev: found.rev, source: `start of session ${session.id} (HEAD at ${session.startedAt})` }
    : { rev: found.rev, source: session ? `${found.source} at the first stop of session ${session.id}` : found.source };
  if (session && store) await store.set(session.id, { base: resolved.rev, recordedAt: new Date().toISOString() });
  return resolved;
}

async function verifyCommit(git: Git, base: string): Promise<string> {
  const rev = await git(`rev-parse --verify --quiet ${shellQuote(`${base}^{commit}`)}`);
  if (rev.exitCode !== 0) throw new StopbenchError(`--base: "${base}" is not a commit in this repository`, 'E_USAGE', 2);
  return rev.stdout.trim();
}

/** The merge base with the branch's upstream, else HEAD, else none (no commit yet). */
async function defaultBase(git: Git): Promise<{ rev: string | null; source: string }> {
  const upstream = await git('merge-base HEAD @{upstream}');
  if (upstream.exitCode === 0 && upstream.stdout.trim()) return { rev: upstream.stdout.trim(), source: 'merge base with the upstream' };
  const head = await git('rev-parse --verify --quiet HEAD^{commit}');
  return head.exitCode === 0 ? { rev: head.stdout.trim(), source: 'HEAD' } : { rev: null, source: 'no commit yet' };
}

/**
 * What HEAD pointed to at `time`, from the reflog: the newest entry at or before it. When every entry
 * is later (the history began during the session), the oldest entry's parent, or none for a root.
 */
async function headAt(git: Git, time: string): Promise<{ rev: string | null; source: 'reflog' } | undefined> {
  const at = Date.parse(time) / 1000;
  if (!Number.isFinite(at)) return undefined;
  const log = await git('log -g --date=unix --format=%H%x09%gd HEAD');
  if (log.exitCode !== 0) return undefined;
  const entries = log.stdout.trim().split('\n').map((line) => {
    const [rev, selector] = line.split('\t');
    return { rev: rev ?? '', time: Number(/@\{(\d+)\}/.exec(selector ?? '')?.[1] ?? Number.NaN) };
  }).filter((e) => e.rev && Number.isFinite(e.time));
  if (entries.length === 0) return undefined;
  const before = entries.find((e) => e.time <= at);
  if (before) return { rev: before.rev, source: 'reflog' };
  const oldest = entries.at(-1)!;
  const parent = await git(`rev-parse --verify --quiet ${oldest.rev}^`);
  return { rev: parent.exitCode === 0 ? parent.stdout.trim() : null, source: 'reflog' };
}

interface Recorded {
  base: string | null;
  recordedAt: string;
}

/** Sessions not seen for this long are forgotten, so the file stays small. */
const FORGET_AFTER_MS = 30 * 24 * 3600 * 1000;

/** Each session's base, in the git folder (`.git/stopbench/sessions.json`): no change of the work tree. */
async function sessionStore(git: Git): Promise<SessionRecords<Recorded> | null> {
  const dir = await git('rev-parse --absolute-git-dir');
  return dir.exitCode === 0 && dir.stdout.trim()
    ? new SessionRecords<Recorded>(path.join(dir.stdout.trim(), 'stopbench', 'sessions.json'), FORGET_AFTER_MS, (r) => r.recordedAt)
    : null;
}
