import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempArea } from '../../src/workspace/temp-area.js';
import { NO_IGNORES, listFiles, loadIgnoreRules, readEntry } from '../../src/workspace/tree.js';
import { writeFiles } from '../helpers/files.js';

let temp: TempArea;
beforeEach(async () => {
  temp = await TempArea.create('stopbench-tree-test-');
});
afterEach(async () => {
  await temp.dispose();
});

async function makeTree(files: Record<string, string>): Promise<string> {
  const dir = await temp.dir('tree');
  await writeFiles(dir, files);
  return dir;
}

describe('listFiles', () => {
  it('lists every file below the root as sorted posix paths, without .git/', async () => {
    const dir = await makeTree({ 'b.txt': '', 'a/z.js': '', 'a/deep/y.js': '', '.env.example': '', '.git/HEAD': 'ref', '.git/objects/x': '' });
    expect(await listFiles(dir)).toEqual(['.env.example', 'a/deep/y.js', 'a/z.js', 'b.txt']);
  });

  it('lists symlinks as entries without following them into folders', async () => {
    const dir = await makeTree({ 'src/a.js': '' });
    await symlink('src', path.join(dir, 'link-dir'));
    await symlink('src/a.js', path.join(dir, 'link-file'));
    expect(await listFiles(dir)).toEqual(['link-dir', 'link-file', 'src/a.js']);
  });

  it('is empty for a missing folder', async () => {
    expect(await listFiles(path.join(temp.root, 'missing'))).toEqual([]);
  });
});

describe('loadIgnoreRules', () => {
  it('applies the root .gitignore, folder patterns included', async () => {
    const dir = await makeTree({
      '.gitignore': 'node_modules/\n*.log\n/build\n!keep.log\n',
      'src/a.js': '', 'src/debug.log': '', 'keep.log': '', 'node_modules/x/index.js': '', 'build/out.js': '', 'src/build/kept.js': '',
    });
    const rules = await loadIgnoreRules(dir);
    expect(await listFiles(dir, rules)).toEqual(['.gitignore', 'keep.log', 'src/a.js', 'src/build/kept.js']);
  });

  it('applies a nested .gitignore relative to its own folder only', async () => {
    const dir = await makeTree({
      'pkg/.gitignore': 'dist/\n/local.txt\n',
      'pkg/dist/x.js': '', 'pkg/local.txt': '', 'pkg/sub/local.txt': '', 'dist/y.js': '', 'local.txt': '',
    });
    const rules = await loadIgnoreRules(dir);
    expect(await listFiles(dir, rules)).toEqual(['dist/y.js', 'local.txt', 'pkg/.gitignore', 'pkg/sub/local.txt']);
    expect(rules.ignores('pkg/dist', true)).toBe(true);
    expect(rules.ignores('dist', true)).toBe(false);
  });

  it('always ignores .git, and nothing else without a .gitignore', async () => {
    const dir = await makeTree({ 'a.txt': '' });
    const rules = await loadIgnoreRules(dir);
    expect(rules.ignores('.git', true)).toBe(true);
    expect(rules.ignores('.git/config', false)).toBe(true);
    expect(rules.ignores('a.txt', false)).toBe(false);
    expect(rules.ignores('.github/workflows/ci.yml', false)).toBe(false);
    expect(NO_IGNORES.ignores('.git', true)).toBe(true);
    expect(NO_IGNORES.ignores('x.log', false)).toBe(false);
  });
});

describe('readEntry', () => {
  it('reads a file', async () => {
    const dir = await makeTree({ 'a.txt': 'hello' });
    expect((await readEntry(dir, 'a.txt'))?.toString()).toBe('hello');
  });

  it('reads a symlink as its target text, never the content it points to', async () => {
    const dir = await makeTree({ 'a.txt': 'hello' });
    await symlink('a.txt', path.join(dir, 'to-file'));
    await symlink('.', path.join(dir, 'to-dir'));
    await symlink('missing', path.join(dir, 'dangling'));
    expect((await readEntry(dir, 'to-file'))?.toString()).toBe('symlink -> a.txt');
    expect((await readEntry(dir, 'to-dir'))?.toString()).toBe('symlink -> .');
    expect((await readEntry(dir, 'dangling'))?.toString()).toBe('symlink -> missing');
  });

  it('is undefined for a missing path', async () => {
    const dir = await makeTree({});
    expect(await readEntry(dir, 'nope')).toBeUndefined();
  });
});
