import { rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffTrees } from '../../src/workspace/diff.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { loadIgnoreRules } from '../../src/workspace/tree.js';
import { writeFiles } from '../helpers/files.js';

let temp: TempArea;
beforeEach(async () => {
  temp = await TempArea.create('stopbench-diff-test-');
});
afterEach(async () => {
  await temp.dispose();
});

/** A baseline tree and a workspace copy of it, both made from `files`. */
async function pair(files: Record<string, string | Buffer>): Promise<{ base: string; work: string }> {
  const base = await temp.dir('base');
  const work = await temp.dir('work');
  await writeFiles(base, files);
  await writeFiles(work, files);
  return { base, work };
}

async function diff(base: string, work: string) {
  return diffTrees(base, work, await loadIgnoreRules(base));
}

describe('diffTrees', () => {
  it('finds nothing when the trees are equal', async () => {
    const { base, work } = await pair({ 'a.txt': 'a\n', 'src/b.js': 'b\n' });
    expect(await diff(base, work)).toEqual({ files: [], patch: '' });
  });

  it('reports added, modified and deleted paths, sorted, untracked files included', async () => {
    const { base, work } = await pair({ 'a.txt': 'a\n', 'src/b.js': 'b\n', 'gone.txt': 'bye\n' });
    await writeFiles(work, { 'a.txt': 'A\n', 'src/new/c.js': 'c\n' });
    await rm(path.join(work, 'gone.txt'));
    const d = await diff(base, work);
    expect(d.files).toEqual([
      { path: 'a.txt', status: 'modified' },
      { path: 'gone.txt', status: 'deleted' },
      { path: 'src/new/c.js', status: 'added' },
    ]);
  });

  it('counts a rename as a deletion plus an addition', async () => {
    const { base, work } = await pair({ 'old.js': 'x\n' });
    await rm(path.join(work, 'old.js'));
    await writeFiles(work, { 'new.js': 'x\n' });
    expect((await diff(base, work)).files).toEqual([
      { path: 'new.js', status: 'added' },
      { path: 'old.js', status: 'deleted' },
    ]);
  });

  it('produces a unified patch', async () => {
    const { base, work } = await pair({ 'a.txt': 'one\ntwo\nthree\n', 'gone.txt': 'bye\n' });
    await writeFiles(work, { 'a.txt': 'one\nTWO\nthree\n', 'added.txt': 'hi\n' });
    await rm(path.join(work, 'gone.txt'));
    const { patch } = await diff(base, work);
    expect(patch).toContain('--- a/a.txt\n+++ b/a.txt\n');
    expect(patch).toContain('@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n');
    expect(patch).toContain('--- /dev/null\n+++ b/added.txt\n');
    expect(patch).toContain('+hi\n');
    expect(patch).toContain('--- a/gone.txt\n+++ /dev/null\n');
    expect(patch).toContain('-bye\n');
  });

  it('notes binary files instead of printing their bytes', async () => {
    const { base, work } = await pair({ 'img.bin': Buffer.from([1, 0, 2, 3]) });
    await writeFiles(work, { 'img.bin': Buffer.from([1, 0, 2, 4]) });
    const d = await diff(base, work);
    expect(d.files).toEqual([{ path: 'img.bin', status: 'modified' }]);
    expect(d.patch).toBe('Binary files a/img.bin and b/img.bin differ\n');
  });

  it('leaves out .git/', async () => {
    const { base, work } = await pair({ 'a.txt': 'a\n', '.git/HEAD': 'ref: main\n' });
    await writeFiles(work, { '.git/HEAD': 'ref: other\n', '.git/objects/ab/cd': 'blob' });
    expect((await diff(base, work)).files).toEqual([]);
  });

  it("leaves out paths ignored by the baseline's root and nested .gitignore", async () => {
    const { base, work } = await pair({ '.gitignore': '*.log\nnode_modules/\n', 'pkg/.gitignore': 'dist/\n', 'src/a.js': '' });
    await writeFiles(work, { 'debug.log': 'x', 'node_modules/m/index.js': 'x', 'pkg/dist/out.js': 'x', 'pkg/src.js': 'x', 'dist/top.js': 'x' });
    expect((await diff(base, work)).files).toEqual([
      { path: 'dist/top.js', status: 'added' },
      { path: 'pkg/src.js', status: 'added' },
    ]);
  });

  it("does not let an agent's edit to .gitignore hide other changes", async () => {
    const { base, work } = await pair({ '.gitignore': 'node_modules/\n', 'src/a.js': 'a\n' });
    await writeFiles(work, { '.gitignore': 'node_modules/\nsrc/\n*.js\n', 'src/a.js': 'changed\n', 'src/b.js': 'new\n' });
    expect((await diff(base, work)).files).toEqual([
      { path: '.gitignore', status: 'modified' },
      { path: 'src/a.js', status: 'modified' },
      { path: 'src/b.js', status: 'added' },
    ]);
  });

  it('compares symlinks by target, without following them', async () => {
    const { base, work } = await pair({ 'a.txt': 'same\n', 'b.txt': 'same\n' });
    await symlink('a.txt', path.join(base, 'link'));
    await symlink('b.txt', path.join(work, 'link')); // same bytes behind it, different link
    await symlink('a.txt', path.join(base, 'became-file'));
    await writeFiles(work, { 'became-file': 'same\n' });
    await symlink('a.txt', path.join(base, 'kept'));
    await symlink('a.txt', path.join(work, 'kept'));
    const d = await diff(base, work);
    expect(d.files).toEqual([
      { path: 'became-file', status: 'modified' },
      { path: 'link', status: 'modified' },
    ]);
    expect(d.patch).toContain('-symlink -> a.txt');
    expect(d.patch).toContain('+symlink -> b.txt');
  });

  it('never reads through a symlink that points outside', async () => {
    const outside = await temp.dir('outside');
    await writeFiles(outside, { 'secret.txt': 'TOP-SECRET\n' });
    const { base, work } = await pair({});
    await symlink(path.join(outside, 'secret.txt'), path.join(work, 'peek'));
    const d = await diff(base, work);
    expect(d.files).toEqual([{ path: 'peek', status: 'added' }]);
    expect(d.patch).not.toContain('TOP-SECRET');
  });

  it('does not report a symlink whose target file changed', async () => {
    const { base, work } = await pair({ 'a.txt': 'old\n' });
    await symlink('a.txt', path.join(base, 'link'));
    await symlink('a.txt', path.join(work, 'link'));
    await writeFiles(work, { 'a.txt': 'new\n' });
    expect((await diff(base, work)).files).toEqual([{ path: 'a.txt', status: 'modified' }]);
  });
});
