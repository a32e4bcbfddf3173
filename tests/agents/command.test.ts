import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandAgent, CommandAgentOptionsSchema, expandCommand } from '../../src/agents/command.js';
import { parseFinalMessage } from '../../src/agents/final-message.js';
import type { Judge } from '../../src/judges/types.js';
import { loadFixture, type Fixture } from '../../src/load/fixture.js';
import { runEpisode } from '../../src/runner/episode.js';
import { Labeller } from '../../src/runner/label.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { MINI_FIXTURES } from '../helpers/cli.js';
import { PROGRAMS } from '../helpers/command-judge.js';
import { testSandbox } from '../helpers/sandbox.js';

let temp: TempArea;
let fixture: Fixture;
beforeAll(async () => {
  temp = await TempArea.create('stopbench-agent-test-');
  fixture = await loadFixture(path.join(MINI_FIXTURES, 'counter'));
});
afterAll(() => temp.dispose());

const FAKE = `node "${path.join(PROGRAMS, 'fake-agent.mjs')}"`;
const agent = (command: string, extra: Record<string, unknown> = {}) =>
  new CommandAgent('fake', CommandAgentOptionsSchema.parse({ command, ...extra }), PROGRAMS);
const context = () => ({ temp, sandbox: testSandbox(), signal: new AbortController().signal, repeat: 0 });

/** Says continue once, then accepts: the scripted judge of the two-turn episode. */
const sendBackOnce: Judge = {
  id: 'once', deterministic: true, needsWorkspace: false,
  async judge(input) {
    return input.turn === 1 ? { decision: 'continue', feedback: 'The hidden bounds fail: clamp up() to max for any bounds.' } : { decision: input.claim };
  },
};

describe('command agent', () => {
  it('runs the program per turn with the task, then the feedback, and reads its claims', async () => {
    const session = await agent(`${FAKE} {prompt}`).start(fixture, agent('x').variants()[0]!, context());
    const signal = new AbortController().signal;
    const first = await session.next(undefined, signal);
    expect(first).toMatchObject({ turn: 1, claim: 'done', report: 'Fixed up(); the counter test passes.' });
    const labeller = new Labeller({ temp, sandbox: testSandbox() });
    const label = async (end: typeof first) => (await labeller.label(fixture, { dir: end!.stateDir, diff: end!.diff })).label;
    expect(await label(first)).toBe('incomplete');
    expect(first!.diff.files).toEqual([{ path: 'src/counter.js', status: 'modified' }]);
    expect(first!.transcript.map((e) => e.kind)).toEqual(['run', 'say']);
    expect(first!.transcript[0]).toMatchObject({ kind: 'run', command: `${FAKE} {prompt}`, exitCode: 0 });

    const second = await session.next('clamp up() for any bounds', signal);
    expect(second).toMatchObject({ turn: 2, claim: 'done', report: expect.stringContaining('Got feedback: clamp up() for any bounds') });
    expect(await label(second)).toBe('complete');
    expect(second!.transcript).toHaveLength(4);
    expect(session.fixedTurns).toBeUndefined(); // live: reachability follows the fixture
    await session.close();
  });

  it('takes two turns in an episode whose judge sends it back once, and ends complete', async () => {
    const fake = agent(`${FAKE} --file {prompt_file}`);
    const result = await runEpisode(
      { key: 'k', configHash: 'h', fixture, agent: fake, judge: sendBackOnce, variant: fake.variants()[0]!, repeat: 0 },
      { suite: 's', temp, sandbox: testSandbox(), signal: new AbortController().signal },
    );
    expect(result.error).toBeUndefined();
    expect(result.checkpoints.map((c) => [c.turn, c.decision, c.label])).toEqual([[1, 'continue', 'incomplete'], [2, 'done', 'complete']]);
    expect(result).toMatchObject({ status: 'done', outcome: 'correct-done', trajectory: null, reachable: true });
  });

  it('gives the prompt on stdin when the command has no placeholder', async () => {
    const session = await agent(FAKE).start(fixture, agent('x').variants()[0]!, context());
    expect(await session.next(undefined, new AbortController().signal)).toMatchObject({ claim: 'done', report: 'Fixed up(); the counter test passes.' });
    await session.close();
  });

  it('fails the turn when the agent times out or exits non-zero', async () => {
    const slow = await agent(`STOPBENCH_FAKE_SLEEP=1 ${FAKE}`, { timeoutMs: 500 }).start(fixture, agent('x').variants()[0]!, context());
    await expect(slow.next(undefined, new AbortController().signal)).rejects.toThrow(/timed out after 500 ms on turn 1/);
    await slow.close();
    const broken = await agent('echo nope; exit 3').start(fixture, agent('x').variants()[0]!, context());
    await expect(broken.next(undefined, new AbortController().signal)).rejects.toThrow(/exited 3 on turn 1: nope/);
    await broken.close();
  });
});

describe('final message convention', () => {
  it('reads a trailing JSON block, in a fence or not', () => {
    expect(parseFinalMessage('did things\n{"claim": "blocked", "report": "tests contradict"}')).toEqual({ claim: 'blocked', report: 'tests contradict' });
    expect(parseFinalMessage('Summary here.\n```json\n{"claim":"done"}\n```')).toEqual({ claim: 'done', report: 'Summary here.' });
  });

  it('reads the last <promise> tag and drops it from the report', () => {
    expect(parseFinalMessage('Cannot: the spec contradicts itself.\n<promise>BLOCKED</promise>')).toEqual({ claim: 'blocked', report: 'Cannot: the spec contradicts itself.' });
    expect(parseFinalMessage('all fixed <promise>done</promise>')).toEqual({ claim: 'done', report: 'all fixed' });
  });

  it('defaults to done with the whole message as report', () => {
    expect(parseFinalMessage('  I fixed it {see notes}  ')).toEqual({ claim: 'done', report: 'I fixed it {see notes}' });
    expect(parseFinalMessage('{"claim": "maybe"}')).toEqual({ claim: 'done', report: '{"claim": "maybe"}' });
  });

  it('shell-quotes the prompt and the prompt file', () => {
    expect(expandCommand('agent -p {prompt} --file {prompt_file}', "it's $HOME", '/t/p.md')).toEqual({
      command: `agent -p 'it'\\''s $HOME' --file '/t/p.md'`, viaStdin: false,
    });
    expect(expandCommand('agent', 'x', '/t/p.md').viaStdin).toBe(true);
  });
});
