import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { applyPatch as applyUnifiedDiff } from 'diff';
import { shellQuote } from '../text/shell-quote.js';
import { InputError } from '../errors.js';
import { applyHunks, parsePatch, PatchError, type PatchHunk } from '../formats/codex/apply-patch.js';
import { countSkip, type RecordedAction } from '../formats/session.js';
import type { Step } from '../schemas/trajectory.js';
import { isWithin } from '../text/paths.js';
import { toPosix } from '../workspace/paths.js';
import type { Workspace } from '../workspace/workspace.js';

/** What turning one action into steps needs: the live replay workspace and where paths are rooted. */
export interface ConvertContext {
  workspace: Workspace;
  /** The session's repository root: absolute paths below it map into the fixture's repo. */
  root: string;
  /** The session file and turn, for error messages. */
  file: string;
  turn: number;
  skipped: Map<string, number>;
}

/**
 * The trajectory steps that redo one recorded action on the replayed state. Edits are computed against
 * the file as it is now (so a patch hunk becomes an exact `edit` when its text is unique, else the
 * file is written whole); an edit that does not apply is an InputError naming the turn, the tool call
 * and the file, never a silently different trajectory. Paths outside the repository are skipped with a
 * count.
 */
export async function stepsFor(action: RecordedAction, ctx: ConvertContext): Promise<Step[]> {
  if (action.kind === 'say') return [{ kind: 'say', text: action.text }];
  const fail = (file: string, why: string): never => {
    throw new InputError(`${ctx.file}: turn ${ctx.turn}, tool call ${action.callId} (${action.tool} ${file}): ${why}`);
  };
  const repoPath = (file: string, base = ctx.root): string | null => {
    const full = path.resolve(base, file);
    if (!isWithin(ctx.root, full) || full === ctx.root) {
      countSkip(ctx.skipped, `${action.tool} edits outside the repository`);
      return null;
    }
    return toPosix(path.relative(ctx.root, full));
  };
  const current = (rel: string): Promise<string | null> => readFile(path.join(ctx.workspace.dir, rel), 'utf8').catch(() => null);

  switch (action.kind) {
    case 'run':
      return [{ kind: 'run', command: runCommandOf(action.command, action.workdir, ctx) }];
    case 'write': {
      const rel = repoPath(action.path);
      return rel ? [{ kind: 'write', path: rel, content: action.content }] : [];
    }
    case 'delete': {
      const rel = repoPath(action.path);
      if (!rel) return [];
      if ((await current(rel)) === null) fail(rel, 'the file to delete does not exist in the replayed state');
      return [{ kind: 'delete', path: rel }];
    }
    case 'edit': {
      const rel = repoPath(action.path);
      if (!rel) return [];
      const text = await current(rel);
      if (action.old === '') {
        // Claude Code creates a file with an Edit whose old_string is empty.
        if (text === null || text === '') return [{ kind: 'write', path: rel, content: action.new }];
        return fail(rel, 'old_string is empty but the file exists');
      }
      if (text === null) return fail(rel, 'file not found in the replayed state');
      const count = text.split(action.old).length - 1;
      if (count === 0) fail(rel, 'old_string not found in the replayed file');
      if (count > 1 && !action.replaceAll) fail(rel, `old_string found ${count} times without replace_all`);
      if (count > 1) return [{ kind: 'write', path: rel, content: text.split(action.old).join(action.new) }];
      return [{ kind: 'edit', path: rel, old: action.old, new: action.new }];
    }
    case 'notebook': {
      const rel = repoPath(action.path);
      if (!rel) return [];
      const text = await current(rel);
      if (text === null) return fail(rel, 'notebook not found in the replayed state');
      try {
        return [{ kind: 'write', path: rel, content: editNotebook(text, action) }];
      } catch (error) {
        return fail(rel, error instanceof Error ? error.message : String(error));
      }
    }
    case 'unified-diff': {
      const rel = repoPath(action.path);
      if (!rel) return [];
      const text = await current(rel);
      if (text === null) return fail(rel, 'file not found in the replayed state');
      let next: string | false;
      try {
        next = applyUnifiedDiff(text, action.diff);
      } catch (error) {
        return fail(rel, `the diff cannot be read (${error instanceof Error ? error.message : String(error)})`);
      }
      if (next === false) return fail(rel, 'the diff does not apply to the replayed file');
      const moved = action.movePath ? repoPath(action.movePath) : null;
      return moved && moved !== rel ? [{ kind: 'write', path: moved, content: next }, { kind: 'delete', path: rel }] : [{ kind: 'write', path: rel, content: next }];
    }
    case 'patch':
      return patchSteps(action.patch, action.workdir, { fail: (file, why) => fail(file, why), repoPath, current });
  }
}

interface PatchTools {
  fail(file: string, why: string): never;
  repoPath(file: string, base?: string): string | null;
  current(rel: string): Promise<string | null>;
}

async function patchSteps(patch: string, workdir: string | undefined, tools: PatchTools): Promise<Step[]> {
  let ops;
  try {
    ops = parsePatch(patch);
  } catch (error) {
    return tools.fail('(patch)', error instanceof Error ? error.message : String(error));
  }
  const steps: Step[] = [];
  // Files this patch already changed: a later section of the same patch reads them as changed.
  const pending = new Map<string, string | null>();
  const read = async (rel: string) => (pending.has(rel) ? pending.get(rel)! : tools.current(rel));
  for (const op of ops) {
    const rel = tools.repoPath(op.path, workdir);
    if (!rel) continue;
    if (op.type === 'add') {
      steps.push({ kind: 'write', path: rel, content: op.content });
      pending.set(rel, op.content);
    } else if (op.type === 'delete') {
      if ((await read(rel)) === null) tools.fail(rel, 'the file to delete does not exist in the replayed state');
      steps.push({ kind: 'delete', path: rel });
      pending.set(rel, null);
    } else {
      const text = await read(rel);
      if (text === null) return tools.fail(rel, 'the file to update does not exist in the replayed state');
      let next: string;
      try {
        next = applyHunks(text, op.hunks);
      } catch (error) {
        return tools.fail(rel, error instanceof PatchError ? error.message : String(error));
      }
      const target = op.moveTo ? tools.repoPath(op.moveTo, workdir) : null;
      if (target && target !== rel) {
        steps.push({ kind: 'write', path: target, content: next }, { kind: 'delete', path: rel });
        pending.set(target, next);
        pending.set(rel, null);
      } else {
        steps.push(...hunkSteps(rel, text, next, op.hunks));
        pending.set(rel, next);
      }
    }
  }
  return steps;
}

/** One exact `edit` per hunk when each hunk's old text is unique and they give the same file; else one `write`. */
function hunkSteps(rel: string, text: string, next: string, hunks: readonly PatchHunk[]): Step[] {
  const edits: Step[] = [];
  let state = text;
  for (const hunk of hunks) {
    const old = hunk.oldLines.join('\n');
    const fresh = hunk.newLines.join('\n');
    if (!old || state.split(old).length !== 2) return [{ kind: 'write', path: rel, content: next }];
    state = state.replace(old, () => fresh);
    edits.push({ kind: 'edit', path: rel, old, new: fresh });
  }
  return state === next ? edits : [{ kind: 'write', path: rel, content: next }];
}

/**
 * The command as the fixture's replay runs it, in the repo root: the session's absolute repository
 * path becomes relative, and a working folder below the root becomes a `cd`.
 */
function runCommandOf(command: string, workdir: string | undefined, ctx: ConvertContext): string {
  const root = ctx.root.replace(/\/+$/, '');
  const mapped = command.split(`${root}/`).join('').split(root).join('.');
  if (!workdir || path.resolve(workdir) === root) return mapped;
  const full = path.resolve(root, workdir);
  if (!isWithin(root, full)) {
    countSkip(ctx.skipped, 'commands whose folder is outside the repository (run in its root)');
    return mapped;
  }
  return `cd ${shellQuote(toPosix(path.relative(root, full)))} && ${mapped}`;
}

interface NotebookCell {
  id?: string;
  cell_type: string;
  source: string | string[];
  metadata?: object;
  outputs?: unknown[];
  execution_count?: number | null;
}

/** Claude Code's NotebookEdit on a .ipynb text: replace, insert (after `cellId`, or first) or delete a cell. */
function editNotebook(text: string, action: Extract<RecordedAction, { kind: 'notebook' }>): string {
  const notebook = JSON.parse(text) as { cells?: NotebookCell[] };
  const cells = notebook.cells ?? [];
  const index = action.cellId === undefined ? -1 : cells.findIndex((c, i) => c.id === action.cellId || `cell-${i}` === action.cellId);
  if (action.cellId !== undefined && index < 0) throw new Error(`cell "${action.cellId}" not found`);
  const source = action.source.split(/(?<=\n)/);
  if (action.mode === 'insert') {
    const type = action.cellType ?? 'code';
    const cell: NotebookCell = type === 'code' ? { cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null } : { cell_type: type, source, metadata: {} };
    cells.splice(index + 1, 0, cell);
  } else {
    if (index < 0) throw new Error(`${action.mode} needs a cell_id`);
    if (action.mode === 'delete') cells.splice(index, 1);
    else cells[index] = { ...cells[index]!, source, ...(action.cellType ? { cell_type: action.cellType } : {}) };
  }
  notebook.cells = cells;
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
