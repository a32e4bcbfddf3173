import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaudeSettingsJudge, ClaudeSettingsOptionsSchema } from '../../src/judges/claude-settings/judge.js';
import { parseClaudeTranscript } from '../../src/formats/claude-code/transcript-read.js';
import type { JudgeInput } from '../../src/schemas/judging.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { commandContext, counterStop } from '../helpers/command-judge.js';
import { JQ, skipUnless } from '../helpers/system-tools.js';

let temp: TempArea;
beforeAll(async () => { temp = await TempArea.create('stopbench-cs-test-'); });
afterAll(async () => { await temp.dispose(); });

/** A settings.json with these Stop command hooks, and a judge over it. */
async function judgeOf(commands: string[], over: Record<string, unknown> = {}): Promise<ClaudeSettingsJudge> {
  const dir = await temp.dir('settings');
  const file = path.join(dir, 'settings.json');
  await writeFile(file, JSON.stringify({ hooks: { Stop: [{ hooks: commands.map((command) => ({ type: 'command', command })) }] } }));
  return ClaudeSettingsJudge.create('cs', ClaudeSettingsOptionsSchema.parse({ settings: file, ...over }), dir);
}

/** A stop in a fresh copy, as the runner gives one. */
async function stop(over: Partial<JudgeInput> = {}): Promise<JudgeInput> {
  const ws = await temp.dir('judge-counter');
  await writeFile(path.join(ws, 'README.md'), 'counter\n');
  return counterStop(ws, over);
}

const sayOnly = (turn: number) => ({ turn, kind: 'say' as const, text: `turn ${turn} thinking` });

describe('claude-settings judge: Claude Code Stop-hook rules', () => {
  it('exit 2 blocks with stderr as the reason', async () => {
    const judge = await judgeOf(['echo "run the full suite" >&2; exit 2']);
    const verdict = await judge.judge(await stop(), commandContext(temp, { episode: 'e1' }));
    expect(verdict.decision).toBe('continue');
    expect(verdict.feedback).toBe('[echo "run the full suite" >&2; exit 2]: run the full suite');
  });

  it('a JSON decision:block on exit 0 blocks with its reason; systemMessage is kept', async () => {
    const judge = await judgeOf([`echo '{"decision":"block","reason":"not yet","systemMessage":"iteration 2"}'`]);
    const verdict = await judge.judge(await stop(), commandContext(temp, { episode: 'e2' }));
    expect(verdict.decision).toBe('continue');
    expect(verdict.feedback).toBe('not yet');
    expect(verdict.criteria?.[0]?.evidence).toContain('systemMessage: iteration 2');
  });

  it('"continue": false from any hook lets the stop through, even when another blocks', async () => {
    const judge = await judgeOf([`echo '{"continue":false,"stopReason":"budget"}'`, 'echo no >&2; exit 2']);
    const verdict = await judge.judge(await stop(), commandContext(temp, { episode: 'e3' }));
    expect(verdict.decision).toBe('done');
  });

  it('fails open on a crash, and says so', async () => {
    const judge = await judgeOf(['python3 -c "import no_such_module"']);
    const verdict = await judge.judge(await stop(), commandContext(temp, { episode: 'e4' }));
    expect(verdict.decision).toBe('done');
    expect(verdict.criteria).toContainEqual(expect.objectContaining({ id: 'hook-failed-open', met: false }));
    expect(verdict.criteria?.[0]?.evidence).toContain('No module named');
  });

  it('ignores a block after blockCap blocks in a row without tool use', async () => {
    const judge = await judgeOf(['echo again >&2; exit 2'], { blockCap: 2 });
    const first = (await stop()).transcript;
    const third = await stop({ turn: 3, transcript: [...first, sayOnly(2), sayOnly(3)] });
    const verdict = await judge.judge(third, commandContext(temp, { episode: 'e5' }));
    expect(verdict.decision).toBe('done');
    expect(verdict.criteria).toContainEqual(expect.objectContaining({ id: 'stop-hook-block-cap', met: false }));
    // A continuation that used a tool starts the count again.
    const withTool = await stop({ turn: 3, transcript: [...first, sayOnly(2), { turn: 3, kind: 'run', command: 'true', exitCode: 0, output: '' }] });
    expect((await judge.judge(withTool, commandContext(temp, { episode: 'e6' }))).decision).toBe('continue');
  });

  it('passes stop_hook_active, the session id and keeps hook files between stops of an episode', async (ctx) => {
    const noJq = skipUnless(JQ); // the hook reads its input with jq
    if (noJq) ctx.skip(noJq);
    const hook = [
      'input=$(cat)',
      'n=$(cat .claude/count 2>/dev/null || echo 0); n=$((n+1)); mkdir -p .claude; echo $n > .claude/count',
      `echo "$n $(echo "$input" | jq -r .stop_hook_active) $CLAUDE_CODE_SESSION_ID" >> "$HOME/cs-log"`,
      'exit 0',
    ].join('\n');
    const judge = await judgeOf([hook]);
    const one = await stop();
    await judge.judge(one, commandContext(temp, { episode: 'e7' }));
    await judge.judge(await stop({ turn: 2, transcript: [...one.transcript, sayOnly(2)] }), commandContext(temp, { episode: 'e7' }));
    const lines = (await readFile(path.join(temp.home, 'cs-log'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['1 false', '2 true']);
    expect(new Set(lines.map((l) => l.split(' ')[2])).size).toBe(1);
  });

  it('writes the blocked stop as Claude Code does, and the reader starts a turn there', async (ctx) => {
    const noJq = skipUnless(JQ); // the hook reads its input with jq
    if (noJq) ctx.skip(noJq);
    const hook = 'cp "$(jq -r .transcript_path)" "$HOME/cs-transcript.jsonl"; echo more >&2; exit 2';
    const judge = await judgeOf([hook]);
    const one = await stop();
    await judge.judge(one, commandContext(temp, { episode: 'e8' }));
    const two = await stop({ turn: 2, transcript: [...one.transcript, { turn: 2, kind: 'run', command: 'true', exitCode: 0, output: '' }] });
    await judge.judge(two, commandContext(temp, { episode: 'e8' }));
    const text = await readFile(path.join(temp.home, 'cs-transcript.jsonl'), 'utf8');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    const feedback = lines.find((l) => l.isMeta === true);
    expect(feedback?.message.content).toBe(`Stop hook feedback:\n[${hook}]: more`);
    expect(lines).toContainEqual(expect.objectContaining({ type: 'system', subtype: 'stop_hook_summary', hookErrors: ['more'] }));
    expect(text).toContain('"content":"(Bash completed with no output)"');
    expect(lines.every((l) => l.version !== 'stopbench')).toBe(true);
    expect(parseClaudeTranscript(text, two.workspace).turns).toBe(2);
  });
});

describe('claude-settings judge: settings files', () => {
  it('an http hook is an error naming the hook', async () => {
    const dir = await mkdtemp(path.join(temp.root, 'http-'));
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'settings.json');
    await writeFile(file, JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'http', url: 'http://example.test' }] }] } }));
    expect(() => ClaudeSettingsJudge.create('cs', ClaudeSettingsOptionsSchema.parse({ settings: file }), dir)).toThrow(/hooks\.Stop\[0\]\.hooks\[0\]: http hooks are not supported/);
  });
});
