import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimFreshDir } from '../../src/runner/out-dir.js';

describe('the default output folder', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('never collides: runs claiming the same name at once each get a new folder', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'stopbench-outdir-'));
    dirs.push(root);
    const base = path.join(root, 'reports', 'default-2026-12-03T12-00-00');
    const claimed = await Promise.all(Array.from({ length: 6 }, () => claimFreshDir(base)));
    expect(new Set(claimed).size).toBe(6);
    expect(claimed.sort()).toEqual([base, `${base}-2`, `${base}-3`, `${base}-4`, `${base}-5`, `${base}-6`].sort());
    // A later run with the same stamp takes the next free name, never one that exists.
    expect(await claimFreshDir(base)).toBe(`${base}-7`);
    expect((await readdir(path.dirname(base))).length).toBe(7);
  });
});
