import type { z } from 'zod';

/**
 * A recorded agent session as the readers of src/formats/<tool>/ return it: the turns the agent took,
 * each with the tool calls that changed files or ran commands, in order, and what the agent said last.
 * File paths are as the session wrote them (usually absolute); the importer maps them into a fixture.
 */
export interface RecordedSession {
  tool: 'claude-code' | 'codex';
  sessionId: string | null;
  /** The agent's version (`version` of Claude Code lines, `cli_version` of Codex's session_meta). */
  version: string | null;
  /** The folder the session ran in: absolute paths below it belong to the repository. */
  cwd: string | null;
  turns: RecordedTurn[];
  /** What could not be imported, by what it was: `Read` → 3, `unknown record types` → 2. */
  skipped: Map<string, number>;
}

export interface RecordedTurn {
  actions: RecordedAction[];
  /** The last text the agent wrote in this turn: its report. Empty when it wrote none. */
  finalText: string;
  /** The agent's model usage during this turn, when the session recorded it. */
  usage: { inputTokens: number; outputTokens: number } | null;
  /** Why the turn ended: a new user message, a Stop hook's block, Codex's task_complete, the file's end. */
  endedBy: 'user-message' | 'stop-hook' | 'task-complete' | 'aborted' | 'end-of-file';
}

/** Where an action came from, for error messages: the tool and its call id. */
export interface CallRef {
  callId: string;
  tool: string;
}

/** One thing the agent did that the importer replays. */
export type RecordedAction =
  | (CallRef & { kind: 'run'; command: string; workdir?: string | undefined; exitCode: number | null })
  | (CallRef & { kind: 'edit'; path: string; old: string; new: string; replaceAll: boolean })
  | (CallRef & { kind: 'write'; path: string; content: string })
  | (CallRef & { kind: 'delete'; path: string })
  /** A Codex `*** Begin Patch` text; its paths are relative to `workdir` (or the session's cwd) or absolute. */
  | (CallRef & { kind: 'patch'; patch: string; workdir?: string | undefined })
  /** One file's unified diff (a Codex FileChange item with no matching patch call). */
  | (CallRef & { kind: 'unified-diff'; path: string; diff: string; movePath?: string | undefined })
  | (CallRef & { kind: 'notebook'; path: string; cellId?: string | undefined; source: string; cellType?: 'code' | 'markdown' | undefined; mode: 'replace' | 'insert' | 'delete' })
  | { kind: 'say'; text: string };

/**
 * The lines of a JSONL session file that are records of `schema`, in order. Blank lines are passed
 * over; a line that is not JSON, or not such a record, is counted in `skipped`, never fatal.
 */
export function readJsonLines<S extends z.ZodType>(text: string, schema: S, skipped: Map<string, number>): Array<z.infer<S>> {
  const out: Array<z.infer<S>> = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      countSkip(skipped, 'lines that are not JSON');
      continue;
    }
    const line = schema.safeParse(value);
    if (line.success) out.push(line.data);
    else countSkip(skipped, 'lines that are not records');
  }
  return out;
}

/** Counts one more skipped thing. */
export function countSkip(skipped: Map<string, number>, what: string, n = 1): void {
  skipped.set(what, (skipped.get(what) ?? 0) + n);
}

/** `3 Read, 1 WebFetch, 2 unknown record types`, or `nothing`. */
export function describeSkipped(skipped: ReadonlyMap<string, number>): string {
  const parts = [...skipped].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([what, n]) => `${n} ${what}`);
  return parts.length ? parts.join(', ') : 'nothing';
}
