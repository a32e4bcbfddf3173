import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PathEscapeError, resolveInside, toPosix } from '../../src/workspace/paths.js';
import { TempArea } from '../../src/workspace/temp-area.js';

let temp: TempArea;
let root: string;
let outside: string;

beforeAll(async () => {
  temp = await TempArea.create('stopbench-paths-test-');
  root = await temp.dir('root');
  outside = await temp.dir('outside');
  await writeFile(path.join(outside, 'secret.txt'), 'secret');
  await mkdir(path.join(root, 'src'));
  await writeFile(path.join(root, 'src', 'a.js'), 'a');
  await symlink(outside, path.join(root, 'out-dir'));
  await symlink(path.join(outside, 'secret.txt'), path.join(root, 'out-file'));
  await symlink('../../outside-missing', path.join(root, 'dangling'));
  await symlink('src', path.join(root, 'in-dir'));
  await symlink('src/a.js', path.join(root, 'in-file'));
});
afterAll(async () => {
  await temp.dispose();
});

describe('resolveInside', () => {
  it.each([
    ['an absolute path', '/etc/passwd'],
    ['a climb out with ..', '../outside/secret.txt'],
    ['a climb out through a folder', 'src/../../x'],
    ['the root itself', '.'],
    ['a path through a symlinked parent pointing outside', 'out-dir/secret.txt'],
    ['a new path below a symlinked parent pointing outside', 'out-dir/new/file.txt'],
    ['a symlink file pointing outside', 'out-file'],
    ['a dangling symlink', 'dangling'],
  ])('refuses %s', async (_what, relative) => {
    await expect(resolveInside(root, relative)).rejects.toBeInstanceOf(PathEscapeError);
  });

  it('resolves an existing file', async () => {
    expect(await resolveInside(root, 'src/a.js')).toBe(path.join(root, 'src', 'a.js'));
  });

  it('allows nested new paths', async () => {
    expect(await resolveInside(root, 'src/new/deep/file.ts')).toBe(path.join(root, 'src/new/deep/file.ts'));
    expect(await resolveInside(root, 'brand/new.txt')).toBe(path.join(root, 'brand/new.txt'));
  });

  it('allows .. that stays inside, and names that merely start with dots', async () => {
    expect(await resolveInside(root, 'src/../README.md')).toBe(path.join(root, 'README.md'));
    expect(await resolveInside(root, '..hidden')).toBe(path.join(root, '..hidden'));
  });

  it('allows symlinks that point inside', async () => {
    expect(await resolveInside(root, 'in-dir/a.js')).toBe(path.join(root, 'in-dir/a.js'));
    expect(await resolveInside(root, 'in-file')).toBe(path.join(root, 'in-file'));
  });
});

describe('toPosix', () => {
  it('uses forward slashes', () => {
    expect(toPosix(path.join('a', 'b', 'c'))).toBe('a/b/c');
  });
});
