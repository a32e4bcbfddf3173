import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const MINI_FIXTURES = path.join(ROOT, 'tests/fixtures/mini');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would (global-setup.ts builds it first). */
export function runCli(args: readonly string[], cwd = ROOT, env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli/bin.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The built CLI, spawned without blocking: a fake server in the test's own process can answer it.
 * The SDKs' base-URL variables come only from `env`: a developer's own must not leak in.
 */
export function runCliAsync(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const { OPENAI_BASE_URL: _o, ANTHROPIC_BASE_URL: _a, STOPBENCH_OPENAI_BASE_URL: _s, ...base } = process.env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/bin.js'), ...args], { cwd: ROOT, env: { ...base, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const copies: string[] = [];

/** A private copy of the mini fixtures that a test may break; removed by `removeCopies`. */
export async function copyMiniFixtures(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-test-'));
  copies.push(dir);
  await cp(MINI_FIXTURES, path.join(dir, 'fixtures'), { recursive: true });
  return path.join(dir, 'fixtures');
}

export async function removeCopies(): Promise<void> {
  await Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
