import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyHunks, FileEditor, readSolutionDiff } from '../../src/fixture-gen/hunks.js';
import type { Step } from '../../src/schemas/trajectory.js';

const START = 'a\nb\nc\nsame\nd\nsame\ne\nf';
const SOLVED = 'a\nB\nc\nsame\nd\nsame\nnew line\ne\n';

async function pair(): Promise<{ repo: string; solution: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'hunks-'));
  const repo = path.join(root, 'repo');
  const solution = path.join(root, 'solution');
  await mkdir(path.join(repo, 'src'), { recursive: true });
  await mkdir(path.join(solution, 'src'), { recursive: true });
  await writeFile(path.join(repo, 'src/x.txt'), START);
  await writeFile(path.join(solution, 'src/x.txt'), SOLVED);
  await writeFile(path.join(solution, 'src/new.txt'), 'fresh\n');
  return { repo, solution };
}

/** Replays edit and write steps the way the replay agent does: exact, unique matches only. */
function apply(text: string, steps: Step[]): string {
  for (const step of steps) {
    if (step.kind === 'write') text = step.content;
    else if (step.kind === 'edit') {
      expect(text.split(step.old).length, `unique: ${JSON.stringify(step.old)}`).toBe(2);
      text = text.replace(step.old, () => step.new);
    }
  }
  return text;
}

describe('solution hunks', () => {
  it('splits the solution into hunks that rebuild it, alone or all together', async () => {
    const { repo, solution } = await pair();
    const diff = await readSolutionDiff(repo, solution);
    expect(diff.hunks.filter((h) => h.path === 'src/x.txt')).toHaveLength(3);
    expect(diff.before.get('src/new.txt')).toBeNull();
    expect(applyHunks(diff, 'src/x.txt', diff.hunks)).toBe(SOLVED);
    expect(applyHunks(diff, 'src/x.txt', diff.hunks.filter((h) => h.path === 'src/x.txt').slice(0, 1))).toBe('a\nB\nc\nsame\nd\nsame\ne\nf');
    expect(applyHunks(diff, 'src/new.txt', diff.hunks)).toBe('fresh\n');
  });

  it('turns a text change into unique edits, growing context around repeated lines', () => {
    const editor = new FileEditor(() => START);
    const steps = editor.moveTo('src/x.txt', SOLVED);
    expect(steps.every((s) => s.kind === 'edit')).toBe(true);
    expect(apply(START, steps)).toBe(SOLVED);
    const back = editor.moveTo('src/x.txt', START);
    expect(apply(SOLVED, back)).toBe(START);
    expect(editor.moveTo('src/x.txt', START)).toEqual([]);
  });

  it('writes a file the start does not have', () => {
    const editor = new FileEditor(() => null);
    expect(editor.moveTo('src/new.txt', 'x\n')).toEqual([{ kind: 'write', path: 'src/new.txt', content: 'x\n' }]);
  });
});
