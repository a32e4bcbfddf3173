import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runCli } from '../helpers/cli.js';
import { diligentClaudeSession, diligentCodexRollout, lazyClaudeSession, lazyCodexRollout } from '../helpers/lru-sessions.js';

let dir: string;
let fixture: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stopbench-import-'));
  fixture = path.join(dir, 'fixtures', 'lru-eviction');
  await cp(path.join(ROOT, 'fixtures/lru-eviction'), fixture, { recursive: true });
  // Only the imported trajectories: the shipped ones are validated elsewhere.
  await rm(path.join(fixture, 'trajectories'), { recursive: true });
  await writeFile(path.join(dir, 'claude-lazy.jsonl'), lazyClaudeSession().jsonl());
  await writeFile(path.join(dir, 'claude-diligent.jsonl'), (await diligentClaudeSession()).jsonl());
  await writeFile(path.join(dir, 'codex-lazy.jsonl'), lazyCodexRollout().jsonl());
  await writeFile(path.join(dir, 'codex-diligent.jsonl'), (await diligentCodexRollout()).jsonl());
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('stopbench import on the shipped lru-eviction fixture', () => {
  it('imports a Claude Code session that stops early, then fixes it, as labels [false, true]', () => {
    const result = runCli(['import', 'claude-code', path.join(dir, 'claude-lazy.jsonl'), '--fixture', fixture, '--name', 'cc-lazy', '--persona', 'lazy']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `${path.join(fixture, 'trajectories/cc-lazy.yaml')}: 2 turns, 9 steps, labels [false, true]; ` +
        'skipped: 2 Read, 1 failed Edit, 1 Glob, 1 lines that are not JSON, 1 Task, 1 TodoWrite, 1 unknown record types, 1 WebFetch\n',
    );
  });

  it('imports a Claude Code session that writes the reference solution and runs the tests as [true]', () => {
    const result = runCli(['import', 'claude-code', path.join(dir, 'claude-diligent.jsonl'), '--fixture', fixture]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${path.join(fixture, 'trajectories/claude-code-9a8b7c6d.yaml')}: 1 turn, 2 steps, labels [true]; skipped: nothing\n`);
  });

  it('imports a Codex rollout with apply_patch edits and exec_command runs as [false, true]', () => {
    const result = runCli(['import', 'codex', path.join(dir, 'codex-lazy.jsonl'), '--fixture', fixture, '--name', 'codex-lazy', '--persona', 'lazy']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/codex-lazy\.yaml: 2 turns, \d+ steps, labels \[false, true\]; skipped: .*1 failed apply_patch/);
    expect(result.stdout).toContain('1 update_plan');
    expect(result.stdout).toContain('1 unknown record types');
    expect(result.stdout).toContain('1 lines that are not JSON');
  });

  it('imports a Codex rollout that applies the reference solution as [true]', () => {
    const result = runCli(['import', 'codex', path.join(dir, 'codex-diligent.jsonl'), '--fixture', fixture]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('codex-0199a213.yaml: 1 turn, 3 steps, labels [true]; skipped: nothing');
  });

  it('writes trajectories with claims, reports, usage and a source note', async () => {
    const written = parse(await readFile(path.join(fixture, 'trajectories/cc-lazy.yaml'), 'utf8'));
    expect(written.source).toBe('claude-code session 5f0c1d2e-aaaa-4bbb-8ccc-0123456789ab, version 1.0.98, imported from claude-lazy.jsonl');
    expect(written.expect).toEqual({ complete: [false, true] });
    expect(written.turns.map((t: { claim: string }) => t.claim)).toEqual(['done', 'done']);
    expect(written.turns[0].report).toBe('Fixed get(): it now re-inserts the key, so reads refresh recency. node --test: 11 pass.');
    // 10 assistant messages in turn 1, each 10 + 100 + 1000 input and 50 output tokens.
    expect(written.turns[0].usage).toEqual({ inputTokens: 10 * 1110, outputTokens: 10 * 50, costUsd: null });
    expect(written.turns[0].steps[0]).toEqual({ run: 'cd . && node --test' });
  });

  it('validates, and runs under the default judges', () => {
    const validate = runCli(['validate', fixture]);
    expect(validate.stdout).toContain('4 trajectories: all valid');
    expect(validate.code).toBe(0);
    const out = path.join(dir, 'out');
    const run = runCli(['run', '--suite', 'benchmarks/default.yaml', '--fixtures', fixture, '--out', out, '--no-progress']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/verify/);
  });
});
