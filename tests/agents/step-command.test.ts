import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runStepCommand } from '../../src/agents/step-command.js';
import { CommandCache, envFingerprint } from '../../src/cache/command-cache.js';
import { treeHash } from '../../src/cache/tree-hash.js';
import { commandEnv } from '../../src/workspace/env.js';
import { runCommand } from '../../src/workspace/exec.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { testSandbox } from '../helpers/sandbox.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

/** Two workspaces of one starting state, as two trajectories of a fixture get. */
async function twoWorkspaces(): Promise<[Workspace, Workspace, TempArea]> {
  const repo = await mkdtemp(path.join(os.tmpdir(), 'stopbench-step-'));
  await writeFile(path.join(repo, 'a.txt'), 'one\n');
  const temp = await TempArea.create();
  cleanup.push(() => rm(repo, { recursive: true, force: true }), () => temp.dispose());
  const run = { sandbox: testSandbox() };
  return [await Workspace.create(repo, temp, 'ws-a', run), await Workspace.create(repo, temp, 'ws-b', run), temp];
}

const options = { timeoutMs: 10_000 };
// The nanosecond clock in the output tells a real run from a cached one: two real runs never print
// the same stamp (and a sandboxed command cannot write a counter outside its workspace).
const stamped = (command: string) => `${command}; date +%s%N`;

describe('runStepCommand: replayed steps through the command cache', () => {
  it('runs a step that changes no file once for every workspace with the same files', async () => {
    const [a, b] = await twoWorkspaces();
    const cache = new CommandCache();
    const command = stamped('cat a.txt');
    const first = await runStepCommand(a, command, options, cache);
    const second = await runStepCommand(b, command, options, cache);
    expect(first.stdout).toMatch(/^one\n\d+\n$/);
    expect(second.stdout).toBe(first.stdout);
    expect([cache.misses, cache.hits]).toEqual([1, 1]);
  });

  it('runs a step that changes a file in every workspace, so each gets the change', async () => {
    const [a, b] = await twoWorkspaces();
    const cache = new CommandCache();
    for (const ws of [a, b]) await runStepCommand(ws, 'echo built > out.txt', options, cache);
    expect(await readFile(path.join(a.dir, 'out.txt'), 'utf8')).toBe('built\n');
    expect(await readFile(path.join(b.dir, 'out.txt'), 'utf8')).toBe('built\n');
  });

  it('always runs git commands, whose output depends on .git, which the tree hash leaves out', async () => {
    const [a, b] = await twoWorkspaces();
    const cache = new CommandCache();
    const [first, second] = [await runStepCommand(a, stamped('git status --short'), options, cache), await runStepCommand(b, stamped('git status --short'), options, cache)];
    expect(second.stdout).not.toBe(first.stdout);
    expect([cache.misses, cache.hits]).toEqual([0, 0]);
  });

  it('gives the verify judge its rerun of the same command on the same state, but never reuses a judge\'s result', async () => {
    const [a, b, temp] = await twoWorkspaces();
    const cache = new CommandCache();
    const command = stamped('cat a.txt');
    const env = commandEnv(temp.home);
    // The judge's key for the first verify command on a state (src/judges/verify/context.ts).
    const judgeKey = { treeHash: `${await treeHash(a.dir)}:[]`, command, env: envFingerprint(env), timeoutMs: options.timeoutMs };
    const judge = () => runCommand(command, { cwd: b.dir, env, timeoutMs: options.timeoutMs, sandbox: testSandbox() });

    const step = await runStepCommand(a, command, options, cache);
    const rerun = await cache.run(judgeKey, judge);
    expect(rerun.cached).toBe(true);
    expect(rerun.stdout).toBe(step.stdout);

    // A judge's result first: the step still runs (the judge ran in a copy; any change it made is gone).
    const fresh = new CommandCache();
    const judged = await fresh.run(judgeKey, judge);
    const ran = await runStepCommand(b, command, options, fresh);
    expect(ran.stdout).not.toBe(judged.stdout);
  });

  it('keeps unchanged steps across runs in a cache folder, marked so', async () => {
    const [a, b] = await twoWorkspaces();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-cache-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const command = stamped('cat a.txt');
    const first = await runStepCommand(a, command, options, new CommandCache(dir));
    const again = await runStepCommand(b, command, options, new CommandCache(dir));
    expect(again.stdout).toBe(first.stdout);
    expect(again).toMatchObject({ cached: true });
    expect(again).not.toHaveProperty('unchangedFiles');
  });

  it('runs every step when there is no cache', async () => {
    const [a, b] = await twoWorkspaces();
    const [first, second] = [await runStepCommand(a, stamped('true'), options, undefined), await runStepCommand(b, stamped('true'), options, undefined)];
    expect(second.stdout).not.toBe(first.stdout);
  });
});
