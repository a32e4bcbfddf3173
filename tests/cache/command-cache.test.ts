import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandCache, envFingerprint } from '../../src/cache/command-cache.js';
import { treeHash } from '../../src/cache/tree-hash.js';
import { runCommand, type CommandResult } from '../../src/workspace/exec.js';
import { writeFiles } from '../helpers/files.js';
import { testSandbox } from '../helpers/sandbox.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-tree-'));
  dirs.push(dir);
  await writeFiles(dir, files);
  return dir;
}

describe('treeHash', () => {
  it('is the same for identical trees and ignores .git', async () => {
    const a = await tree({ 'src/a.js': 'x', 'b.txt': 'y' });
    const b = await tree({ 'b.txt': 'y', 'src/a.js': 'x', '.git/HEAD': 'ref: main' });
    expect(await treeHash(a)).toBe(await treeHash(b));
  });

  it('changes with a file, a path, the executable bit, or an overlay', async () => {
    const a = await tree({ 'src/a.js': 'x' });
    const base = await treeHash(a);
    expect(await treeHash(await tree({ 'src/a.js': 'y' }))).not.toBe(base);
    expect(await treeHash(await tree({ 'src/b.js': 'x' }))).not.toBe(base);
    const exec = await tree({ 'src/a.js': 'x' });
    await chmod(path.join(exec, 'src/a.js'), 0o755);
    expect(await treeHash(exec)).not.toBe(base);
    const overlay = await tree({ 'hidden/t.mjs': 'test' });
    expect(await treeHash(a, [overlay])).not.toBe(base);
    const otherOverlay = await tree({ 'hidden/t.mjs': 'other test' });
    expect(await treeHash(a, [overlay])).not.toBe(await treeHash(a, [otherOverlay]));
  });
});

describe('CommandCache', () => {
  const env = { PATH: process.env.PATH ?? '' };
  const key = (treeHashValue: string, command = 'echo hi') => ({ treeHash: treeHashValue, command, env: envFingerprint(env), timeoutMs: 5000 });
  const execOnce = (counter: { n: number }, command = 'echo hi') => () => {
    counter.n += 1;
    return runCommand(command, { cwd: os.tmpdir(), env, timeoutMs: 5000, sandbox: testSandbox() });
  };

  it('runs an identical (state, command) once and answers the rest from memory', async () => {
    const cache = new CommandCache();
    const counter = { n: 0 };
    const [first, second] = await Promise.all([cache.run(key('t1'), execOnce(counter)), cache.run(key('t1'), execOnce(counter))]);
    expect(counter.n).toBe(1);
    expect(first.stdout).toBe('hi\n');
    expect({ ...second, cached: false, durationMs: 0 }).toEqual({ ...first, cached: false, durationMs: 0 });
    expect([first.cached, second.cached].sort()).toEqual([false, true]);
  });

  it('misses on another state, command or environment', async () => {
    const cache = new CommandCache();
    const counter = { n: 0 };
    await cache.run(key('t1'), execOnce(counter));
    await cache.run(key('t2'), execOnce(counter));
    await cache.run(key('t1', 'echo other'), execOnce(counter, 'echo other'));
    await cache.run({ ...key('t1'), env: envFingerprint({ ...env, LANG: 'C' }) }, execOnce(counter));
    expect(counter.n).toBe(4);
    expect(cache.misses).toBe(4);
  });

  it('never keeps a timed-out result', async () => {
    const cache = new CommandCache();
    const counter = { n: 0 };
    const slow = () => {
      counter.n += 1;
      return runCommand('sleep 5', { cwd: os.tmpdir(), env, timeoutMs: 100, sandbox: testSandbox() });
    };
    expect((await cache.run(key('t1', 'sleep 5'), slow)).timedOut).toBe(true);
    await cache.run(key('t1', 'sleep 5'), slow);
    expect(counter.n).toBe(2);
  });

  it('keeps results on disk across instances when given a folder', async () => {
    const dir = await tree({});
    const counter = { n: 0 };
    await new CommandCache(dir).run(key('t1'), execOnce(counter));
    const again = await new CommandCache(dir).run(key('t1'), execOnce(counter));
    expect(counter.n).toBe(1);
    expect(again).toMatchObject({ cached: true, stdout: 'hi\n', exitCode: 0 });
  });

  it('ignores the temporary HOME in the environment fingerprint', () => {
    expect(envFingerprint({ ...env, HOME: '/tmp/a' })).toBe(envFingerprint({ ...env, HOME: '/tmp/b' }));
    expect(envFingerprint({ ...env, X: '1' })).not.toBe(envFingerprint(env));
  });
});

describe('results with and without the cache', () => {
  it('are identical for a command whose output depends only on the tree', async () => {
    const dir = await tree({ 'a.txt': 'alpha\n' });
    const plain: CommandResult = await runCommand('cat a.txt', { cwd: dir, env, timeoutMs: 5000, sandbox: testSandbox() });
    const cache = new CommandCache();
    const k = { treeHash: await treeHash(dir), command: 'cat a.txt', env: envFingerprint(env), timeoutMs: 5000 };
    const exec = () => runCommand('cat a.txt', { cwd: dir, env, timeoutMs: 5000, sandbox: testSandbox() });
    await cache.run(k, exec);
    const cached = await cache.run(k, exec);
    expect({ ...cached, cached: undefined, durationMs: 0 }).toEqual({ ...plain, cached: undefined, durationMs: 0 });
  });
  const env = { PATH: process.env.PATH ?? '' };
});
