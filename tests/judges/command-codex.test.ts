import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempArea } from '../../src/workspace/temp-area.js';
import { commandContext, commandJudge, counterStop } from '../helpers/command-judge.js';

let temp: TempArea;
beforeAll(async () => { temp = await TempArea.create('stopbench-codex-test-'); });
afterAll(() => temp.dispose());

/** A Codex Stop hook that records its input and environment in $HOME, then answers with `answer`. */
const recorder = (name: string, answer = 'exit 0') =>
  `cat > "$HOME/${name}.json"; printf '%s' "\${CLAUDE_PROJECT_DIR-unset}" > "$HOME/${name}.env"; ${answer}`;

async function recorded(name: string): Promise<{ input: Record<string, unknown>; projectDir: string }> {
  return {
    input: JSON.parse(await readFile(path.join(temp.home, `${name}.json`), 'utf8')) as Record<string, unknown>,
    projectDir: await readFile(path.join(temp.home, `${name}.env`), 'utf8'),
  };
}

describe('command judge, codex protocol', () => {
  it('sends Codex\'s Stop input: Claude Code\'s fields plus turn_id and model, no transcript file', async () => {
    const ws = await temp.dir('codex-ws');
    const judge = commandJudge({ command: recorder('one'), protocol: 'codex', model: 'gpt-5-codex' });
    const verdict = await judge.judge(counterStop(ws), commandContext(temp));
    expect(verdict.decision).toBe('done');
    const { input, projectDir } = await recorded('one');
    expect(input).toEqual({
      session_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      transcript_path: null,
      cwd: ws,
      permission_mode: 'default',
      hook_event_name: 'Stop',
      stop_hook_active: false,
      last_assistant_message: 'Fixed up(); the counter test passes.',
      turn_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      model: 'gpt-5-codex',
    });
    // Codex sets no CLAUDE_PROJECT_DIR.
    expect(projectDir).toBe('unset');
  });

  it('a new turn_id per stop, one session_id per episode, stop_hook_active after a block; model defaults to unknown', async () => {
    const ws = await temp.dir('codex-ws');
    const judge = commandJudge({ command: recorder('turn', 'echo "tests fail" >&2; exit 2'), protocol: 'codex' });
    const one = counterStop(ws);
    expect((await judge.judge(one, commandContext(temp))).feedback).toBe('tests fail');
    const first = (await recorded('turn')).input;
    await judge.judge(counterStop(ws, { turn: 2, transcript: [...one.transcript, { turn: 2, kind: 'say', text: 'again' }] }), commandContext(temp));
    const second = (await recorded('turn')).input;
    expect(first.model).toBe('unknown');
    expect(second.session_id).toBe(first.session_id);
    expect(second.turn_id).not.toBe(first.turn_id);
    expect([first.stop_hook_active, second.stop_hook_active]).toEqual([false, true]);
  });

  it('reads Claude Code\'s answers: a JSON block continues, "continue": false lets the stop through', async () => {
    const ws = await temp.dir('codex-ws');
    const block = commandJudge({ command: `cat >/dev/null; echo '{"decision":"block","reason":"audit: requirement 2 has no evidence"}'`, protocol: 'codex' });
    expect(await block.judge(counterStop(ws), commandContext(temp))).toMatchObject({ decision: 'continue', feedback: 'audit: requirement 2 has no evidence' });
    const stop = commandJudge({ command: `cat >/dev/null; echo '{"continue":false,"decision":"block","reason":"x"}'`, protocol: 'codex' });
    expect((await stop.judge(counterStop(ws), commandContext(temp))).decision).toBe('done');
  });
});
