import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeInput } from '../../src/schemas/judging.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { commandJudge, commandContext, counterStop, program } from '../helpers/command-judge.js';

let temp: TempArea;
let workspace: string;
beforeAll(async () => {
  temp = await TempArea.create('stopbench-hook-test-');
  workspace = await temp.dir('ws');
});
afterAll(() => temp.dispose());

const hook = (mode: string, extra: Record<string, unknown> = {}, ...args: string[]) =>
  commandJudge({ command: program('stop-hook.mjs', mode, ...args), protocol: 'claude-code-stop-hook', ...extra });
const run = (mode: string, over: Partial<JudgeInput> = {}, extra: Record<string, unknown> = {}) =>
  hook(mode, extra).judge(counterStop(workspace, over), commandContext(temp));

describe('command judge, claude-code-stop-hook protocol', () => {
  it('maps {"decision":"block"} to continue with the reason as feedback', async () => {
    const verdict = await run('block');
    expect(verdict.decision).toBe('continue');
    expect(verdict.feedback).toBe('run the full suite (turn report: Fixed up(); the counter test passes.)');
    expect(verdict.criteria).toEqual([{ id: 'stop-hook', met: false, evidence: expect.stringMatching(/^decision: block/) }]);
  });

  it('maps exit 2 to continue with stderr as feedback', async () => {
    const verdict = await run('exit2');
    expect(verdict).toMatchObject({ decision: 'continue', feedback: '2 tests fail' });
  });

  it('lets the stop through on exit 0 with no output, with the agent\'s own claim', async () => {
    expect(await run('pass')).toMatchObject({ decision: 'done', criteria: [{ id: 'stop-hook', met: true }] });
    expect(await run('pass', { claim: 'blocked' })).toMatchObject({ decision: 'blocked' });
  });

  it('lets the stop through on plain text output, unflagged', async () => {
    expect(await run('plain')).toMatchObject({ decision: 'done', criteria: [{ id: 'stop-hook', met: true }] });
  });

  it('honours "continue": false over a block, as Claude Code does', async () => {
    expect(await run('continue-false')).toMatchObject({ decision: 'done' });
  });

  it('fails open on a timeout, flagged in the criteria', async () => {
    const verdict = await run('sleep', {}, { timeoutMs: 500 });
    expect(verdict.decision).toBe('done');
    expect(verdict.criteria).toEqual([{ id: 'hook-failed-open', met: false, evidence: expect.stringContaining('timed out after 500 ms') }]);
  });

  it('fails open on a crash, flagged with its stderr', async () => {
    const verdict = await run('crash');
    expect(verdict.decision).toBe('done');
    expect(verdict.criteria?.[0]).toMatchObject({ id: 'hook-failed-open', met: false, evidence: expect.stringContaining('exited 1; stderr: hook script failed') });
  });

  it('fails open on garbage JSON output, flagged', async () => {
    const verdict = await run('garbage', { claim: 'blocked' });
    expect(verdict.decision).toBe('blocked');
    expect(verdict.criteria?.[0]).toMatchObject({ id: 'hook-failed-open', evidence: expect.stringContaining('not valid JSON') });
  });

  it('fails open when the hook cannot start', async () => {
    const judge = commandJudge({ command: 'exec /no/such/hook', protocol: 'claude-code-stop-hook' });
    const verdict = await judge.judge(counterStop(workspace), commandContext(temp));
    expect(verdict.criteria?.[0]).toMatchObject({ id: 'hook-failed-open', met: false });
  });

  it('sends the Stop payload, runs in the workspace, and sets stop_hook_active after a block', async () => {
    const file = path.join(workspace, 'payload.json'); // the command's folder: visible inside the sandbox
    const judge = hook('record', {}, file);
    await judge.judge(counterStop(workspace), commandContext(temp));
    const first = JSON.parse(await readFile(file, 'utf8'));
    expect(first.input).toMatchObject({
      hook_event_name: 'Stop', cwd: workspace, stop_hook_active: false, last_assistant_message: 'Fixed up(); the counter test passes.',
    });
    expect(first.input.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.input.transcript_path).toBe(path.join(path.dirname(first.input.transcript_path), `${first.input.session_id}.jsonl`));
    expect(first.cwd).toBe(workspace);
    expect(first.env.CLAUDE_PROJECT_DIR).toBe(workspace);
    expect(JSON.parse(await readFile(first.env.STOPBENCH_CONTRACT_FILE, 'utf8').catch(() => '{}'))).toEqual({}); // removed after the run

    const second = counterStop(workspace, {
      turn: 2,
      report: 'Now node --test passes.',
      transcript: [...counterStop(workspace).transcript, { turn: 2, kind: 'run', command: 'node --test', exitCode: 0, output: 'ok' }],
    });
    await judge.judge(second, commandContext(temp));
    const next = JSON.parse(await readFile(file, 'utf8'));
    expect(next.input.stop_hook_active).toBe(true);
    expect(next.input.session_id).toBe(first.input.session_id);
  });
});
