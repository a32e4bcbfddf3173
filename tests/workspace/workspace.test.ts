import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempArea } from '../../src/workspace/temp-area.js';
import { Workspace, layOver, writeFileDeep } from '../../src/workspace/workspace.js';
import { writeFiles } from '../helpers/files.js';
import { testSandbox } from '../helpers/sandbox.js';

let temp: TempArea;
let baseline: string;

beforeEach(async () => {
  temp = await TempArea.create('stopbench-workspace-test-');
  baseline = await temp.dir('repo');
  await writeFiles(baseline, { 'src/a.js': 'export const a = 1;\n', 'README.md': '# r\n', '.gitignore': '*.log\n', 'debug.log': 'ignored\n' });
});
afterEach(async () => {
  await temp.dispose();
});

async function git(ws: Workspace, args: string): Promise<string> {
  const r = await ws.run(`git ${args}`, { timeoutMs: 10_000 });
  expect(r.exitCode, r.output).toBe(0);
  return r.stdout;
}

describe('Workspace.create', () => {
  it('is a git repository with one baseline commit and a clean status', async () => {
    const ws = await Workspace.create(baseline, temp, 'ep', { sandbox: testSandbox() });
    expect(ws.dir.startsWith(temp.root)).toBe(true);
    expect(await readFile(path.join(ws.dir, 'src/a.js'), 'utf8')).toBe('export const a = 1;\n');
    expect((await git(ws, 'log --oneline')).trim().split('\n')).toHaveLength(1);
    expect(await git(ws, 'status --porcelain')).toBe('');
    expect((await git(ws, 'ls-files')).trim().split('\n')).toEqual(['.gitignore', 'README.md', 'src/a.js']);
    expect(await ws.diff()).toEqual({ files: [], patch: '' });
  });

  it("replaces a .git the baseline folder brings along and never touches the baseline", async () => {
    await writeFiles(baseline, { '.git/HEAD': 'ref: refs/heads/elsewhere\n' });
    const ws = await Workspace.create(baseline, temp, 'ep', { sandbox: testSandbox() });
    expect((await git(ws, 'log --oneline')).trim().split('\n')).toHaveLength(1);
    expect(await readFile(path.join(baseline, '.git/HEAD'), 'utf8')).toBe('ref: refs/heads/elsewhere\n');
    expect(await readdir(path.join(baseline, '.git'))).toEqual(['HEAD']);
  });

  it('runs commands in the workspace with HOME in the temp area', async () => {
    const ws = await Workspace.create(baseline, temp, 'ep', { sandbox: testSandbox() });
    const r = await ws.run('pwd -P; echo "$HOME"', { timeoutMs: 5_000 });
    expect(r.stdout).toBe(`${path.resolve(ws.dir)}\n${temp.home}\n`);
  });
});

describe('Workspace.diff', () => {
  it('reports changes made by commands, ignored files left out', async () => {
    const ws = await Workspace.create(baseline, temp, 'ep', { sandbox: testSandbox() });
    await ws.run('echo "export const a = 2;" > src/a.js && echo x > new.txt && echo y > more.log && rm README.md', { timeoutMs: 5_000 });
    expect((await ws.diff()).files).toEqual([
      { path: 'README.md', status: 'deleted' },
      { path: 'new.txt', status: 'added' },
      { path: 'src/a.js', status: 'modified' },
    ]);
  });

  it('still sees changes after the agent commits them', async () => {
    const ws = await Workspace.create(baseline, temp, 'ep', { sandbox: testSandbox() });
    await ws.run('echo changed > src/a.js && echo x > new.txt', { timeoutMs: 5_000 });
    await git(ws, 'add -A');
    await git(ws, '-c commit.gpgsign=false commit -q -m "agent work"');
    expect(await git(ws, 'status --porcelain')).toBe('');
    expect((await ws.diff()).files).toEqual([
      { path: 'new.txt', status: 'added' },
      { path: 'src/a.js', status: 'modified' },
    ]);
  });

  it('still sees changes after the agent deletes .git', async () => {
    const ws = await Workspace.create(baseline, temp, 'ep', { sandbox: testSandbox() });
    await ws.run('echo changed > src/a.js && rm -rf .git', { timeoutMs: 5_000 });
    await expect(stat(path.join(ws.dir, '.git'))).rejects.toThrow();
    expect((await ws.diff()).files).toEqual([{ path: 'src/a.js', status: 'modified' }]);
  });

  it("uses the baseline's .gitignore, not the agent's", async () => {
    const ws = await Workspace.create(baseline, temp, 'ep', { sandbox: testSandbox() });
    await ws.run('printf "*.log\\nsrc/\\n" > .gitignore && echo changed > src/a.js', { timeoutMs: 5_000 });
    expect((await ws.diff()).files).toEqual([
      { path: '.gitignore', status: 'modified' },
      { path: 'src/a.js', status: 'modified' },
    ]);
  });
});

describe('copyTo and layOver', () => {
  it('copies the current state, .git included, into an independent folder', async () => {
    const ws = await Workspace.create(baseline, temp, 'ep', { sandbox: testSandbox() });
    await ws.run('echo changed > src/a.js', { timeoutMs: 5_000 });
    const copy = await ws.copyTo('snapshot');
    expect(copy).not.toBe(ws.dir);
    expect(await readFile(path.join(copy, 'src/a.js'), 'utf8')).toBe('changed\n');
    expect((await stat(path.join(copy, '.git'))).isDirectory()).toBe(true);
    await writeFile(path.join(copy, 'src/a.js'), 'copy only\n');
    expect(await readFile(path.join(ws.dir, 'src/a.js'), 'utf8')).toBe('changed\n');
  });

  it('layOver adds and replaces files but never deletes', async () => {
    const target = await temp.dir('target');
    await writeFiles(target, { 'keep.txt': 'keep\n', 'src/a.js': 'old\n' });
    const overlay = await temp.dir('overlay');
    await writeFiles(overlay, { 'src/a.js': 'new\n', 'hidden/t.hidden.mjs': 'test\n' });
    await layOver(overlay, target);
    expect(await readFile(path.join(target, 'keep.txt'), 'utf8')).toBe('keep\n');
    expect(await readFile(path.join(target, 'src/a.js'), 'utf8')).toBe('new\n');
    expect(await readFile(path.join(target, 'hidden/t.hidden.mjs'), 'utf8')).toBe('test\n');
  });

  it('writeFileDeep creates parent folders', async () => {
    const file = path.join(temp.root, 'x', 'y', 'z.txt');
    await writeFileDeep(file, 'z');
    expect(await readFile(file, 'utf8')).toBe('z');
  });
});
