/**
 * Codex's patch format (`*** Begin Patch` ... `*** End Patch`), as its apply_patch tool reads it: files
 * to add (every line `+`), delete, or update with hunks of context (` `), removed (`-`) and added (`+`)
 * lines, each hunk optionally after an `@@ context` line, an update optionally moving the file.
 */
export type PatchOp =
  | { type: 'add'; path: string; content: string }
  | { type: 'delete'; path: string }
  | { type: 'update'; path: string; moveTo: string | null; hunks: PatchHunk[] };

export interface PatchHunk {
  /** The `@@ text` line the hunk sits after, or null. */
  context: string | null;
  oldLines: string[];
  newLines: string[];
  /** `*** End of File`: the hunk ends the file. */
  endOfFile: boolean;
}

export class PatchError extends Error {}

export function parsePatch(text: string): PatchOp[] {
  const lines = text.replace(/\r\n/g, '\n').trim().split('\n');
  if (lines[0]?.trim() !== '*** Begin Patch') throw new PatchError('the patch does not start with "*** Begin Patch"');
  const ops: PatchOp[] = [];
  let i = 1;
  let current: Extract<PatchOp, { type: 'add' | 'update' }> | null = null;
  let hunk: PatchHunk | null = null;
  const header = (line: string, name: string) => (line.startsWith(`*** ${name}: `) ? line.slice(name.length + 6).trim() : null);
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '*** End Patch') return ops;
    const add = header(line, 'Add File');
    const del = header(line, 'Delete File');
    const upd = header(line, 'Update File');
    if (add !== null || del !== null || upd !== null) {
      hunk = null;
      if (add !== null) ops.push((current = { type: 'add', path: add, content: '' }));
      else if (del !== null) ops.push({ type: 'delete', path: del }), (current = null);
      else ops.push((current = { type: 'update', path: upd!, moveTo: null, hunks: [] }));
      continue;
    }
    if (!current) throw new PatchError(`line ${i + 1}: "${line}" is outside any file section`);
    if (current.type === 'add') {
      if (!line.startsWith('+')) throw new PatchError(`line ${i + 1}: a line of an added file must start with "+"`);
      current.content += `${line.slice(1)}\n`;
      continue;
    }
    const move = header(line, 'Move to');
    if (move !== null) {
      current.moveTo = move;
      continue;
    }
    if (line.trim() === '*** End of File') {
      if (hunk) hunk.endOfFile = true;
      continue;
    }
    if (line.startsWith('@@')) {
      const context = line.slice(2).trim();
      current.hunks.push((hunk = { context: context || null, oldLines: [], newLines: [], endOfFile: false }));
      continue;
    }
    if (!hunk) current.hunks.push((hunk = { context: null, oldLines: [], newLines: [], endOfFile: false }));
    const mark = line[0];
    const body = line.slice(1);
    if (mark === '+') hunk.newLines.push(body);
    else if (mark === '-') hunk.oldLines.push(body);
    else if (mark === ' ' || line === '') hunk.oldLines.push(body), hunk.newLines.push(body);
    else throw new PatchError(`line ${i + 1}: "${line}" is not a context, removed or added line`);
  }
  throw new PatchError('the patch does not end with "*** End Patch"');
}

/**
 * Applies an update's hunks to a file's text the way Codex does: each hunk's old lines are looked for
 * from where the last hunk ended (after its `@@` context line, when it has one), exactly, then ignoring
 * trailing and then surrounding whitespace. A hunk that matches nowhere is an error naming it.
 */
export function applyHunks(text: string, hunks: readonly PatchHunk[]): string {
  const lines = text.split('\n');
  const endsWithNewline = lines.at(-1) === '';
  if (endsWithNewline) lines.pop();
  let at = 0;
  for (const [index, hunk] of hunks.entries()) {
    if (hunk.context !== null) {
      const found = seek(lines, [hunk.context], at, false);
      if (found < 0) throw new PatchError(`hunk ${index + 1}: context line "${hunk.context}" not found`);
      at = found + 1;
    }
    if (hunk.oldLines.length === 0) {
      lines.splice(lines.length, 0, ...hunk.newLines);
      at = lines.length;
      continue;
    }
    let old = hunk.oldLines;
    let found = seek(lines, old, at, hunk.endOfFile);
    if (found < 0 && old.at(-1) === '') {
      // A trailing empty context line stands for the end of the file.
      old = old.slice(0, -1);
      found = seek(lines, old, at, hunk.endOfFile);
    }
    if (found < 0) throw new PatchError(`hunk ${index + 1}: the lines to replace were not found (first: "${hunk.oldLines[0]}")`);
    const fresh = old === hunk.oldLines ? hunk.newLines : hunk.newLines.slice(0, hunk.newLines.at(-1) === '' ? -1 : undefined);
    lines.splice(found, old.length, ...fresh);
    at = found + fresh.length;
  }
  return lines.join('\n') + (endsWithNewline || lines.length ? '\n' : '');
}

function seek(lines: readonly string[], pattern: readonly string[], from: number, endOfFile: boolean): number {
  const compares = [(s: string) => s, (s: string) => s.trimEnd(), (s: string) => s.trim()];
  for (const norm of compares) {
    const starts = endOfFile ? [lines.length - pattern.length] : range(from, lines.length - pattern.length + 1);
    for (const start of starts) {
      if (start < 0) continue;
      if (pattern.every((p, k) => norm(lines[start + k] ?? '') === norm(p))) return start;
    }
  }
  return -1;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(0, from); i < to; i++) out.push(i);
  return out;
}
