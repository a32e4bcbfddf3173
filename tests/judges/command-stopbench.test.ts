import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempArea } from '../../src/workspace/temp-area.js';
import { commandJudge, commandContext, counterStop, program } from '../helpers/command-judge.js';

let temp: TempArea;
let workspace: string;
beforeAll(async () => {
  temp = await TempArea.create('stopbench-cmd-test-');
  workspace = await temp.dir('ws');
});
afterAll(() => temp.dispose());

const judgeWith = (mode: string, extra: Record<string, unknown> = {}, ...args: string[]) =>
  commandJudge({ command: program('verdict-judge.mjs', mode, ...args), ...extra }).judge(counterStop(workspace), commandContext(temp));

describe('command judge, stopbench protocol', () => {
  it('sends the judge input on stdin and returns the printed verdict', async () => {
    const file = path.join(workspace, 'seen.json'); // the command's folder: visible inside the sandbox
    const verdict = await judgeWith('echo', {}, file);
    expect(verdict).toEqual({ decision: 'done' });
    const seen = JSON.parse(await readFile(file, 'utf8'));
    expect(seen).toEqual(counterStop(workspace));
  });

  it('passes a continue verdict with its feedback and criteria through', async () => {
    const verdict = await judgeWith('continue');
    expect(verdict).toEqual({ decision: 'continue', feedback: 'turn 1: run node --test', criteria: [{ id: 'tests', met: false }] });
  });

  it('reads the verdict from the last line when the command logs before answering', async () => {
    const verdict = await judgeWith('log');
    expect(verdict).toEqual({ decision: 'done', usage: { inputTokens: 10, outputTokens: 2, costUsd: null } });
  });

  it('fails the judgement on output that is not JSON', async () => {
    await expect(judgeWith('garbage')).rejects.toThrow(/printed no JSON verdict: "looks fine to me"/);
  });

  it('fails the judgement on a verdict that breaks the schema', async () => {
    await expect(judgeWith('invalid')).rejects.toThrow(/invalid verdict: decision/);
  });

  it('fails the judgement when the command exits non-zero', async () => {
    await expect(judgeWith('exit1')).rejects.toThrow(/exited 1: judge crashed/);
  });

  it('fails the judgement when the command times out', async () => {
    const started = Date.now();
    await expect(judgeWith('sleep', { timeoutMs: 500 })).rejects.toThrow(/timed out after 500 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('runs without secrets and with the suite folder in STOPBENCH_SUITE_DIR', async () => {
    process.env.STOPBENCH_TEST_API_KEY = 'sk-secret';
    try {
      const command = `node -e 'process.stdout.write(JSON.stringify({decision:"done",feedback:[process.env.STOPBENCH_TEST_API_KEY ?? "none", process.env.STOPBENCH_SUITE_DIR].join(" ")}))'`;
      const verdict = await commandJudge({ command }, '/suite/dir').judge(counterStop(workspace), commandContext(temp));
      expect(verdict.feedback).toBe('none /suite/dir');
    } finally {
      delete process.env.STOPBENCH_TEST_API_KEY;
    }
  });
});
