import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { structuredPatch } from 'diff';
import type { Step } from '../schemas/trajectory.js';
import { listFiles } from '../workspace/tree.js';

/** One change region of the solution: lines `start..start+removed` of the starting file become `added`. */
export interface Hunk {
  path: string;
  start: number;
  removed: number;
  added: string[];
}

/** The reference solution as the starting files it changes and their hunks. */
export interface SolutionDiff {
  /** Starting text of every file the solution touches; null for a file the solution adds. */
  before: Map<string, string | null>;
  hunks: Hunk[];
}

/** Reads solution/ against repo/: every file it adds or changes, split into hunks (zero context). */
export async function readSolutionDiff(repoDir: string, solutionDir: string): Promise<SolutionDiff> {
  const before = new Map<string, string | null>();
  const hunks: Hunk[] = [];
  for (const relPath of (await listFiles(solutionDir)).sort()) {
    const after = await readFile(path.join(solutionDir, relPath), 'utf8');
    const start = await readFile(path.join(repoDir, relPath), 'utf8').catch(() => null);
    if (start === after) continue;
    before.set(relPath, start);
    if (start === null) {
      hunks.push({ path: relPath, start: 0, removed: 0, added: splitLines(after) });
      continue;
    }
    const patch = structuredPatch(relPath, relPath, start, after, '', '', { context: 0 });
    for (const h of patch.hunks) {
      const added = h.lines.filter((l) => l.startsWith('+')).map((l) => `${l.slice(1)}\n`);
      // structuredPatch marks a missing final newline with a "\ No newline" line after the line it concerns.
      fixFinalNewline(h.lines, added);
      const first = Math.max(0, h.oldStart - 1); // jsdiff: a pure insertion also starts at the line it goes before
      hunks.push({ path: relPath, start: first, removed: h.oldLines, added });
    }
  }
  return { before, hunks };
}

function fixFinalNewline(lines: string[], added: string[]): void {
  for (let i = 1; i < lines.length; i += 1) {
    if (!lines[i]!.startsWith('\\') || !lines[i - 1]!.startsWith('+')) continue;
    const index = lines.slice(0, i).filter((l) => l.startsWith('+')).length - 1;
    added[index] = added[index]!.replace(/\n$/, '');
  }
}

/** Lines with their line endings kept, so joining them gives the text back. */
export function splitLines(text: string): string[] {
  return text.length === 0 ? [] : text.split(/(?<=\n)/);
}

/** The text of `relPath` after applying the chosen hunks (of that file) to its starting text. */
export function applyHunks(diff: SolutionDiff, relPath: string, chosen: readonly Hunk[]): string {
  const lines = splitLines(diff.before.get(relPath) ?? '');
  const own = chosen.filter((h) => h.path === relPath).sort((a, b) => b.start - a.start);
  for (const hunk of own) {
    // A removed last line without a newline: the line before it keeps the file's final newline state.
    lines.splice(hunk.start, hunk.removed, ...hunk.added);
  }
  return lines.join('');
}

/**
 * Tracks the text of the files a generated trajectory touches and turns "make this file read so"
 * into `edit` steps whose `old` text is unique in the file at that moment (SPEC section 2), or a
 * `write` for a new file or when no unique edit exists.
 */
export class FileEditor {
  private readonly current = new Map<string, string | null>();

  constructor(private readonly startText: (relPath: string) => string | null) {}

  text(relPath: string): string | null {
    return this.current.has(relPath) ? this.current.get(relPath)! : this.startText(relPath);
  }

  /** Steps that turn the file's current text into `target`. */
  moveTo(relPath: string, target: string): Step[] {
    const now = this.text(relPath);
    this.current.set(relPath, target);
    if (now === target) return [];
    if (now === null || now.length === 0) return [{ kind: 'write', path: relPath, content: target }];
    const steps: Step[] = [];
    let text = now;
    const patch = structuredPatch(relPath, relPath, now, target, '', '', { context: 0 });
    for (const h of patch.hunks) {
      const edit = uniqueEdit(text, target, h.oldLines, h.newLines);
      if (!edit) return [{ kind: 'write', path: relPath, content: target }];
      steps.push({ kind: 'edit', path: relPath, old: edit.old, new: edit.new });
      text = text.replace(edit.old, () => edit.new);
    }
    if (text !== target) return [{ kind: 'write', path: relPath, content: target }];
    return steps;
  }
}

/**
 * An edit replacing `oldCount` lines of `text` with `newCount` lines of `target` at their first
 * difference (hunks are applied in order, so every earlier line already agrees), grown by context
 * lines until its old text occurs once in the file.
 */
function uniqueEdit(text: string, target: string, oldCount: number, newCount: number): { old: string; new: string } | null {
  const have = splitLines(text);
  const want = splitLines(target);
  let from = 0;
  while (from < have.length && from < want.length && have[from] === want[from]) from += 1;
  const tail = have.length - (from + oldCount);
  if (tail < 0) return null;
  for (let k = 1; ; k += 1) {
    const before = Math.min(k, from);
    const after = Math.min(k, tail);
    const oldText = have.slice(from - before, from + oldCount + after).join('');
    const newText = [...want.slice(from - before, from + newCount), ...have.slice(from + oldCount, from + oldCount + after)].join('');
    if (oldText.length > 0 && text.split(oldText).length === 2) return { old: oldText, new: newText };
    if (before === from && after === tail) return null;
  }
}
