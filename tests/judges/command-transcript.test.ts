import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFinalMessage } from '../../src/agents/final-message.js';
import { claudeTranscript } from '../../src/formats/claude-code/transcript-write.js';
import { parseClaudeTranscript } from '../../src/formats/claude-code/transcript-read.js';
import type { JudgeInput } from '../../src/schemas/judging.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { commandJudge, commandContext, counterStop, program } from '../helpers/command-judge.js';

const WS = '/tmp/ws';
const none = () => undefined;

function twoTurns(): JudgeInput {
  const first = counterStop(WS);
  return counterStop(WS, {
    turn: 2,
    report: 'up() clamps for any bounds; node --test passes.',
    transcript: [
      ...first.transcript,
      { turn: 2, kind: 'write', path: 'src/util.js', content: 'export const x = 1;\n' },
      { turn: 2, kind: 'delete', path: 'src/old.js' },
      { turn: 2, kind: 'run', command: 'node --test', exitCode: 1, output: '# fail 1\n' },
    ],
  });
}

describe('the synthesized Claude Code transcript', () => {
  it('is JSONL of compact objects chained by parentUuid, in one session', () => {
    const lines = claudeTranscript(twoTurns(), { sessionId: 's-1', earlier: none }).trimEnd().split('\n');
    const parsed = lines.map((l) => JSON.parse(l));
    expect(lines.every((l) => !l.includes('\n') && l.startsWith('{"parentUuid":'))).toBe(true);
    expect(parsed[0].parentUuid).toBeNull();
    for (let i = 1; i < parsed.length; i++) expect(parsed[i].parentUuid).toBe(parsed[i - 1].uuid);
    expect(new Set(parsed.map((p) => p.sessionId))).toEqual(new Set(['s-1']));
    expect(parsed[0]).toMatchObject({ type: 'user', message: { role: 'user', content: expect.stringContaining('Verify with:\n- node --test') } });
  });

  it('ends with the report as the last assistant message, where a Ralph-style grep finds it', () => {
    const text = claudeTranscript(twoTurns(), { sessionId: 's', earlier: none });
    const lastAssistant = text.split('\n').filter((l) => l.includes('"role":"assistant"')).at(-1)!;
    const content = JSON.parse(lastAssistant).message.content as Array<{ type: string; text?: string }>;
    expect(content.filter((b) => b.type === 'text').map((b) => b.text).join('\n')).toBe('up() clamps for any bounds; node --test passes.');
  });

  it('writes tool uses with their results: Bash, Edit and Write with absolute paths', () => {
    const parsed = claudeTranscript(twoTurns(), { sessionId: 's', earlier: none }).trimEnd().split('\n').map((l) => JSON.parse(l));
    const uses = parsed.flatMap((p) => (p.type === 'assistant' ? p.message.content : [])).filter((b: { type: string }) => b.type === 'tool_use');
    expect(uses.map((u: { name: string }) => u.name)).toEqual(['Edit', 'Bash', 'Write', 'Bash', 'Bash']);
    expect(uses[0].input).toMatchObject({ file_path: path.join(WS, 'src/counter.js'), old_string: 'this.value += 1;' });
    const results = parsed.flatMap((p) => (p.type === 'user' && Array.isArray(p.message.content) ? p.message.content : []));
    expect(results.map((r: { tool_use_id: string }) => r.tool_use_id)).toEqual(uses.map((u: { id: string }) => u.id));
    expect(results.at(-1)).toMatchObject({ type: 'tool_result', is_error: true, content: 'Exit code 1\n# fail 1\n' });
  });

  it('shows an earlier stop as the report and a Stop hook feedback message', () => {
    const earlier = (turn: number) => (turn === 1 ? { report: 'first report', feedback: 'run node --test' } : undefined);
    const parsed = claudeTranscript(twoTurns(), { sessionId: 's', earlier }).trimEnd().split('\n').map((l) => JSON.parse(l));
    const feedback = parsed.findIndex((p) => p.type === 'user' && p.message.content === 'Stop hook feedback:\nrun node --test');
    expect(feedback).toBeGreaterThan(0);
    expect(parsed[feedback - 1].message.content).toEqual([{ type: 'text', text: 'first report' }]);
  });

  it('marks a blocked claim with the <promise>BLOCKED</promise> convention, which reads back as the claim', () => {
    const input = counterStop(WS, { claim: 'blocked', report: 'The tests contradict each other.' });
    const read = parseClaudeTranscript(claudeTranscript(input, { sessionId: 's', earlier: none }), WS);
    expect(read.lastAssistantText).toBe('The tests contradict each other.\n\n<promise>BLOCKED</promise>');
    expect(parseFinalMessage(read.lastAssistantText!)).toEqual({ claim: 'blocked', report: 'The tests contradict each other.' });
  });

  it('reads back as the same transcript entries (SPEC section 4 mapping)', () => {
    const input = twoTurns();
    const read = parseClaudeTranscript(claudeTranscript(input, { sessionId: 's', earlier: none }), WS);
    expect(read.lastAssistantText).toBe(input.report);
    expect(read.turns).toBe(2);
    const expected = input.transcript.map((e) => (e.kind === 'delete' ? { turn: 2, kind: 'run', command: "rm -rf -- 'src/old.js'", exitCode: 0, output: '' } : e));
    // Turn 1's report is not in the judge input: the transcript says so, and reads back as narration.
    const withoutReports = read.entries.filter((e) => !(e.kind === 'say' && e.text.startsWith('(the report of turn')));
    expect(withoutReports).toEqual(expected);
  });
});

describe('the command judge writes the transcript the hook reads', () => {
  let temp: TempArea;
  beforeAll(async () => {
    temp = await TempArea.create('stopbench-transcript-test-');
  });
  afterAll(() => temp.dispose());

  it('includes the report and feedback of the turn it blocked', async () => {
    const workspace = await temp.dir('ws');
    const file = path.join(workspace, 'seen.json'); // the command's folder: visible inside the sandbox
    // Records what it is given, then blocks: turn 1 is blocked, turn 2's transcript shows that stop.
    const command = `IN=$(cat); printf '%s' "$IN" | ${program('stop-hook.mjs', 'record', file)}; printf '%s' "$IN" | ${program('stop-hook.mjs', 'block')}`;
    const judge = commandJudge({ command, protocol: 'claude-code-stop-hook' });
    expect((await judge.judge(counterStop(workspace), commandContext(temp))).decision).toBe('continue');
    await judge.judge(counterStop(workspace, { turn: 2, report: 'second' }), commandContext(temp));
    const text = await readFile(`${file}.jsonl`, 'utf8');
    expect(text).toContain('"content":"Stop hook feedback:\\nrun the full suite (turn report: Fixed up(); the counter test passes.)"');
    const read = parseClaudeTranscript(text, workspace);
    expect(read.lastAssistantText).toBe('second');
    expect(read.entries).toContainEqual({ turn: 1, kind: 'say', text: 'Fixed up(); the counter test passes.' });
  });
});
