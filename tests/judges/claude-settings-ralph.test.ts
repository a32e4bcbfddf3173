import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClaudeSettingsJudge, ClaudeSettingsOptionsSchema } from '../../src/judges/claude-settings/judge.js';
import type { JudgeInput, TranscriptEntry, Verdict } from '../../src/schemas/judging.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { ROOT } from '../helpers/cli.js';
import { commandContext, counterStop } from '../helpers/command-judge.js';
import { JQ, PERL, skipUnless } from '../helpers/system-tools.js';

/**
 * A Ralph-style loop plugin (tests/fixtures/plugins/ralph-loop: our own script, written as such hooks
 * are written in the wild) runs unchanged through the claude-settings judge: `${CLAUDE_PLUGIN_ROOT}`
 * in its command, its state file under .claude/ carried from stop to stop, the compact transcript it
 * greps, and jq and perl. Without jq or perl these tests skip; CI installs them and forbids the skip.
 */
const skip = skipUnless(JQ) ?? skipUnless(PERL);
beforeEach((ctx) => {
  if (skip) ctx.skip(skip);
});

const PLUGIN = path.join(ROOT, 'tests/fixtures/plugins/ralph-loop');
const STATE = '.claude/ralph-loop.local.md';
const PROMPT = 'Make every counter test pass, then say <promise>COUNTER FIXED</promise>.';
const stateFile = (iteration: number, max: number) =>
  `---\nactive: true\niteration: ${iteration}\nmax_iterations: ${max}\ncompletion_promise: "COUNTER FIXED"\n---\n\n${PROMPT}\n`;

let temp: TempArea;
beforeAll(async () => { temp = await TempArea.create('stopbench-ralph-test-'); });
afterAll(async () => { await temp.dispose(); });

function ralph(files: Record<string, string> = { [STATE]: stateFile(1, 3) }): ClaudeSettingsJudge {
  const options = ClaudeSettingsOptionsSchema.parse({ settings: 'hooks/hooks.json', files });
  return ClaudeSettingsJudge.create('ralph', options, PLUGIN);
}

/** Stop `turn` of an episode, each in a fresh copy of the agent's state, as the runner gives them. */
async function stopAt(turn: number, report = `Turn ${turn}: still working on it.`): Promise<JudgeInput> {
  const ws = await temp.dir('ralph-ws');
  await writeFile(path.join(ws, 'README.md'), 'counter\n');
  const transcript: TranscriptEntry[] = [];
  for (let t = 1; t <= turn; t++) transcript.push({ turn: t, kind: 'run', command: 'node --test', exitCode: 1, output: `# fail ${4 - t}\n` });
  return counterStop(ws, { turn, transcript, report });
}

const criterion = (verdict: Verdict, id: string) => verdict.criteria?.find((c) => c.id.startsWith(id));

describe('a Ralph-style loop plugin as a claude-settings judge', () => {
  it('feeds its prompt back, counting iterations in its state file, until max_iterations lets the stop through', async () => {
    const judge = ralph();
    const context = commandContext(temp, { episode: 'loop' });
    const one = await judge.judge(await stopAt(1), context);
    expect(one.decision).toBe('continue');
    expect(one.feedback).toBe(PROMPT);
    expect(criterion(one, 'command:')?.evidence).toContain('systemMessage: Ralph iteration 2 | to stop: output <promise>COUNTER FIXED</promise>');
    expect(criterion(one, 'hook-state')?.evidence).toContain(STATE);

    const two = await judge.judge(await stopAt(2), context);
    expect(two.decision).toBe('continue');
    expect(criterion(two, 'command:')?.evidence).toContain('Ralph iteration 3');

    const three = await judge.judge(await stopAt(3), context);
    expect(three.decision).toBe('done');
    expect(criterion(three, 'command:')?.evidence).toContain('stdout: Ralph loop: max iterations (3) reached.');
  });

  it('lets the stop through when the last assistant message (read from the transcript) keeps the promise', async () => {
    const judge = ralph();
    const context = commandContext(temp, { episode: 'promise' });
    expect((await judge.judge(await stopAt(1), context)).decision).toBe('continue');
    const kept = await judge.judge(await stopAt(2, 'All counter tests pass.\n<promise>COUNTER FIXED</promise>'), context);
    expect(kept.decision).toBe('done');
    expect(criterion(kept, 'command:')?.evidence).toContain('stdout: Ralph loop: detected <promise>COUNTER FIXED</promise>');
    // The hook deleted its state file; the deletion carries over too, so the loop is over.
    const after = await judge.judge(await stopAt(3), context);
    expect(after.decision).toBe('done');
    expect(criterion(after, 'command:')?.evidence).toMatch(/^exit 0; let the stop through; \d+ ms$/);
  });

  it('keeps each episode\'s loop to itself, and out of the agent\'s copy of the state', async () => {
    const judge = ralph({ [STATE]: stateFile(1, 2) });
    const a = await stopAt(1);
    await judge.judge(a, commandContext(temp, { episode: 'a' }));
    // Episode b starts from the judge's `files`, not from a's iteration count.
    const b = await judge.judge(await stopAt(1), commandContext(temp, { episode: 'b' }));
    expect(b.decision).toBe('continue');
    expect(criterion(b, 'command:')?.evidence).toContain('Ralph iteration 2');
    // The copy the hooks ran in holds the state file, but only because the judge laid it there.
    expect(await readFile(path.join(a.workspace, STATE), 'utf8')).toContain('iteration: 2');
  });

  it('without its state file the hook does nothing, as in a project where no loop was started', async () => {
    const verdict = await ralph({}).judge(await stopAt(1), commandContext(temp, { episode: 'none' }));
    expect(verdict.decision).toBe('done');
    expect(verdict.criteria?.some((c) => c.id === 'hook-state')).toBe(false);
  });

  it('runs the command of the plugin\'s hooks.json with CLAUDE_PLUGIN_ROOT expanded', async () => {
    const verdict = await ralph().judge(await stopAt(1), commandContext(temp, { episode: 'root' }));
    expect(verdict.criteria?.[0]?.id).toBe('command: ${CLAUDE_PLUGIN_ROOT}/hooks/stop-hook.sh');
    expect(verdict.criteria?.[0]?.evidence).toMatch(/^exit 0; blocked: /);
    expect((await stat(path.join(PLUGIN, 'hooks/stop-hook.sh'))).mode & 0o111).not.toBe(0);
  });
});
