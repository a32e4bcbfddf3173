import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandEnv } from '../../src/workspace/env.js';
import { killRunningCommands, runCommand, type RunOptions } from '../../src/workspace/exec.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { resolveSandbox } from '../../src/sandbox/settings.js';

let temp: TempArea;
let cwd: string;
let base: RunOptions;

beforeAll(async () => {
  // The plain runner: these tests read pids the commands write, which a sandbox's own PID namespace
  // would renumber. tests/sandbox covers the same promises under bubblewrap.
  temp = await TempArea.create('stopbench-exec-test-');
  cwd = await temp.dir('cwd');
  base = { cwd, env: commandEnv(temp.home), timeoutMs: 10_000, sandbox: resolveSandbox({ mode: 'none' }) };
});
afterAll(async () => {
  // Should a test fail, leave no sleeper behind.
  for (const file of ['bg.pid', 'orphan.pid', 'holder.pid', 'abort.pid']) {
    const pid = Number(await readFile(path.join(cwd, file), 'utf8').catch(() => ''));
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone, as it should be
      }
    }
  }
  await temp.dispose();
});

/**
 * `kill -0` succeeds on a zombie too: a killed process stays one until its new parent (init) reaps
 * it, which may take a while in a container, so a zombie counts as gone.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no /proc: trust kill -0
  }
}

async function readPid(file: string): Promise<number> {
  const pid = Number((await readFile(path.join(cwd, file), 'utf8')).trim());
  expect(Number.isInteger(pid) && pid > 0).toBe(true);
  return pid;
}

/** SIGKILL is delivered asynchronously: give the process a moment to die. */
async function waitGone(pid: number, ms = 1_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return !isAlive(pid);
}

const SHAPE = ['aborted', 'command', 'durationMs', 'exitCode', 'output', 'signal', 'stderr', 'stdout', 'timedOut', 'truncated'];

describe('runCommand', () => {
  it('reports exit 0 with its output', async () => {
    const r = await runCommand('echo out; echo err >&2', base);
    expect(Object.keys(r).sort()).toEqual(SHAPE);
    expect(r).toMatchObject({ command: 'echo out; echo err >&2', exitCode: 0, signal: null, timedOut: false, aborted: false, truncated: false });
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toBe('err\n');
    expect(r.output).toContain('out\n');
    expect(r.output).toContain('err\n');
  });

  it('reports a failure as data with the same shape', async () => {
    const r = await runCommand('echo nope >&2; exit 3', base);
    expect(Object.keys(r).sort()).toEqual(SHAPE);
    expect(r).toMatchObject({ exitCode: 3, signal: null, timedOut: false, aborted: false, stdout: '', stderr: 'nope\n' });
  });

  it('reports exit 127 for a missing program', async () => {
    const r = await runCommand('definitely-not-a-program-xyz', base);
    expect(r.exitCode).toBe(127);
  });

  it('runs in cwd', async () => {
    const r = await runCommand('pwd -P', base);
    expect(r.stdout.trim()).toBe(path.resolve(cwd));
  });

  it('on timeout kills the whole process group, background children included', async () => {
    const started = Date.now();
    const r = await runCommand('sleep 30 & echo $! > bg.pid; sleep 30', { ...base, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.timedOut).toBe(true);
    expect(r.aborted).toBe(false);
    expect(r.exitCode).toBeNull();
    expect(r.signal).toBe('SIGKILL');
    expect(await waitGone(await readPid('bg.pid'))).toBe(true);
  });

  it('kills an orphan it started once the command exits normally', async () => {
    // The orphan lets go of the pipes, so only the group kill on exit can end it.
    const r = await runCommand("(sleep 30 >/dev/null 2>&1 </dev/null & echo $! > orphan.pid); echo done", base);
    expect(r.exitCode).toBe(0);
    expect(r.timedOut).toBe(false);
    expect(r.stdout).toBe('done\n');
    expect(await waitGone(await readPid('orphan.pid'))).toBe(true);
  });

  it('returns promptly when an orphan still holds the output pipes', async () => {
    const started = Date.now();
    const r = await runCommand("sh -c 'sleep 30 & echo $! > holder.pid'; echo done", base);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r).toMatchObject({ exitCode: 0, timedOut: false, stdout: 'done\n' });
    expect(await waitGone(await readPid('holder.pid'))).toBe(true);
  });

  it('keeps the head and the tail of a huge output with a cut marker', async () => {
    const cmd = "printf START; head -c 1000000 /dev/zero | tr '\\0' x; printf END";
    const r = await runCommand(cmd, { ...base, maxOutputBytes: 1000 });
    expect(r.exitCode).toBe(0);
    expect(r.truncated).toBe(true);
    expect(r.stdout.startsWith('START')).toBe(true);
    expect(r.stdout.endsWith('END')).toBe(true);
    expect(r.stdout).toContain(`[… ${1_000_008 - 1000} bytes cut by stopbench …]`);
    expect(r.stdout.length).toBeLessThan(1100);
    expect(r.output.length).toBeLessThan(1100);
  });

  it('does not flag a small output as truncated', async () => {
    const r = await runCommand('printf 12345', { ...base, maxOutputBytes: 10 });
    expect(r.truncated).toBe(false);
    expect(r.stdout).toBe('12345');
  });

  it('survives bytes that are not UTF-8', async () => {
    const r = await runCommand("printf 'a\\377\\376b'", base);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('a\uFFFD\uFFFDb');
  });

  it('delivers stdin, then closes it', async () => {
    const r = await runCommand('cat; echo "[eof]"', { ...base, stdin: 'hello\nworld\n' });
    expect(r.stdout).toBe('hello\nworld\n[eof]\n');
  });

  it('gives an empty stdin by default, so a reader does not hang', async () => {
    const r = await runCommand('wc -c', { ...base, timeoutMs: 3_000 });
    expect(r.timedOut).toBe(false);
    expect(r.stdout.trim()).toBe('0');
  });

  it('stops when the signal aborts, killing the group', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    const r = await runCommand('sleep 30 & echo $! > abort.pid; sleep 30', { ...base, signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r).toMatchObject({ aborted: true, timedOut: false, exitCode: null });
    expect(await waitGone(await readPid('abort.pid'))).toBe(true);
  });

  it('does not start work under an already aborted signal', async () => {
    const started = Date.now();
    const r = await runCommand('sleep 30', { ...base, signal: AbortSignal.abort() });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.aborted).toBe(true);
    expect(r.exitCode).toBeNull();
  });

  it('killRunningCommands ends every running command\'s group, for an exit that cannot wait', async () => {
    const started = Date.now();
    const running = runCommand('sleep 30 & echo $! > left.pid; sleep 30', base);
    while (!(await readFile(path.join(cwd, 'left.pid'), 'utf8').catch(() => ''))) await new Promise((r) => setTimeout(r, 20));
    killRunningCommands();
    const r = await running;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.signal).toBe('SIGKILL');
    expect(await waitGone(await readPid('left.pid'))).toBe(true);
  });
});
