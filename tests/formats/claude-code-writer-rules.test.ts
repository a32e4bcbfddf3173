import { testSandbox } from '../helpers/sandbox.js';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyStep } from '../../src/agents/steps.js';
import { claudeTranscript, EMPTY_BASH_RESULT, TRANSCRIPT_VERSION, type EarlierStop } from '../../src/formats/claude-code/transcript-write.js';
import { parseClaudeTranscript } from '../../src/formats/claude-code/transcript-read.js';
import type { JudgeInput, TranscriptEntry } from '../../src/schemas/judging.js';
import { TempArea } from '../../src/workspace/temp-area.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { counterStop } from '../helpers/counter-stop.js';

/**
 * Each way stopbench's Claude Code transcript used to differ from the one Claude Code writes has its
 * own check here, so that breaking one rule turns exactly that check red.
 */
let temp: TempArea;
beforeAll(async () => { temp = await TempArea.create(); });
afterAll(async () => { await temp.dispose(); });

type Line = Record<string, any>;
const linesOf = (text: string): Line[] => text.trimEnd().split('\n').map((l) => JSON.parse(l) as Line);
const blocked: EarlierStop = {
  report: 'Fixed up(); the counter test passes.',
  feedback: 'Run node --test, not one file.',
  summary: { hookInfos: [{ command: '/p/stop.sh' }], hookErrors: ['Run node --test, not one file.'], preventedContinuation: false, stopReason: '', hasOutput: true },
};

function twoTurns(workspace: string, extra: TranscriptEntry[] = []): JudgeInput {
  const first = counterStop(workspace);
  return counterStop(workspace, {
    turn: 2,
    report: 'up() clamps for any bounds; node --test passes.',
    transcript: [...first.transcript, { turn: 2, kind: 'run', command: 'node --test', exitCode: 0, output: '# pass 2\n' }, ...extra],
  });
}

const write = (input: JudgeInput) => claudeTranscript(input, { sessionId: 'sess-1', earlier: (turn) => (turn === 1 ? blocked : undefined) });

describe('the Claude Code transcript stopbench writes, rule by rule', () => {
  it('writes a blocked stop\'s feedback as a meta user message "Stop hook feedback:\\n<reason>"', () => {
    const feedback = linesOf(write(twoTurns('/w'))).filter((l) => l.type === 'user' && l.isMeta === true);
    expect(feedback).toHaveLength(1);
    expect(feedback[0]!.message).toEqual({ role: 'user', content: 'Stop hook feedback:\nRun node --test, not one file.' });
  });

  it('follows it with a system stop_hook_summary record of the hooks that ran', () => {
    const lines = linesOf(write(twoTurns('/w')));
    const at = lines.findIndex((l) => l.isMeta === true);
    expect(lines[at + 1]).toMatchObject({
      type: 'system', subtype: 'stop_hook_summary', hookCount: 1, hookInfos: [{ command: '/p/stop.sh' }],
      hookErrors: ['Run node --test, not one file.'], preventedContinuation: false, stopReason: '', hasOutput: true, level: 'suggestion',
    });
    expect(lines[at + 1]!.parentUuid).toBe(lines[at]!.uuid);
  });

  it('carries a Claude Code version number on every line, not "stopbench"', () => {
    expect(TRANSCRIPT_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(new Set(linesOf(write(twoTurns('/w'))).map((l) => l.version))).toEqual(new Set([TRANSCRIPT_VERSION]));
  });

  it('writes an empty Bash result as "(Bash completed with no output)", and reads it back as empty output', () => {
    const input = twoTurns('/w', [{ turn: 2, kind: 'run', command: 'true', exitCode: 0, output: '' }]);
    const text = write(input);
    const result = linesOf(text).filter((l) => l.type === 'user' && Array.isArray(l.message.content)).at(-1)!;
    expect(result.message.content[0]).toMatchObject({ type: 'tool_result', content: EMPTY_BASH_RESULT, is_error: false });
    expect(EMPTY_BASH_RESULT).toBe('(Bash completed with no output)');
    const back = parseClaudeTranscript(text, '/w').entries.at(-1);
    expect(back).toMatchObject({ kind: 'run', command: 'true', output: '' });
  });

  it('keeps stderr apart from stdout in toolUseResult, and shows stderr after stdout in the result', () => {
    const input = twoTurns('/w', [{ turn: 2, kind: 'run', command: 'npm test', exitCode: 1, output: 'warn\n1 failing\n', stdout: '1 failing\n', stderr: 'warn\n' }]);
    const result = linesOf(write(input)).filter((l) => l.toolUseResult && 'stderr' in l.toolUseResult).at(-1)!;
    expect(result.toolUseResult).toEqual({ stdout: '1 failing\n', stderr: 'warn\n', interrupted: false, isImage: false });
    expect(result.message.content[0].content).toBe('Exit code 1\n1 failing\nwarn\n');
    // A run without stderr keeps its output as stdout, stderr empty.
    const plain = linesOf(write(twoTurns('/w'))).filter((l) => l.toolUseResult && 'stderr' in l.toolUseResult).at(-1)!;
    expect(plain.toolUseResult).toMatchObject({ stdout: '# pass 2\n', stderr: '' });
  });

  it('a replayed run records stderr apart, so the transcript can keep it apart', async () => {
    const base = await temp.dir('base');
    await writeFile(path.join(base, 'README.md'), 'x\n');
    const ws = await Workspace.create(base, temp, 'replay-streams', { sandbox: testSandbox() });
    const entry = await applyStep({ kind: 'run', command: 'echo out; echo err >&2' }, ws, { file: 't.yaml', turn: 1, step: 1 }, 20_000);
    expect(entry).toMatchObject({ kind: 'run', output: expect.stringContaining('out'), stdout: 'out\n', stderr: 'err\n' });
    const quiet = await applyStep({ kind: 'run', command: 'echo out' }, ws, { file: 't.yaml', turn: 1, step: 2 }, 20_000);
    expect(quiet).not.toHaveProperty('stderr');
  });

  it('names the judge\'s copy, the transcript\'s cwd, where recorded output names the agent\'s workspace', async () => {
    const agentWs = await temp.dir('replay-counter');
    const judgeCopy = await temp.dir('judge-counter');
    const output = `not ok 1 - up stops at max\n  location: '${agentWs}/test/counter.test.js:5:1'\nran in ${agentWs}\nhome ${temp.home}/x\n`;
    const input = counterStop(judgeCopy, { transcript: [{ turn: 1, kind: 'run', command: 'node --test', exitCode: 1, output }] });
    const lines = linesOf(claudeTranscript(input, { sessionId: 's', earlier: () => undefined }));
    const result = lines.find((l) => l.toolUseResult && 'stdout' in l.toolUseResult)!;
    expect(result.cwd).toBe(judgeCopy);
    expect(result.toolUseResult.stdout).toBe(`not ok 1 - up stops at max\n  location: '${judgeCopy}/test/counter.test.js:5:1'\nran in ${judgeCopy}\nhome ${temp.home}/x\n`);
    expect(JSON.stringify(lines)).not.toContain(agentWs);
  });

  it('is compact JSON, one record a line, so grep \'"role":"assistant"\' finds the assistant lines', () => {
    const text = write(twoTurns('/w'));
    for (const line of text.trimEnd().split('\n')) expect(line).toBe(JSON.stringify(JSON.parse(line)));
    const assistant = text.split('\n').filter((l) => l.includes('"role":"assistant"'));
    expect(assistant.length).toBeGreaterThan(0);
    expect(JSON.parse(assistant.at(-1)!).message.content).toEqual([{ type: 'text', text: 'up() clamps for any bounds; node --test passes.' }]);
  });
});

describe('reader and writer agree on turns', () => {
  it('what stopbench writes reads back with the same turns and entries', () => {
    const input = twoTurns('/w');
    const back = parseClaudeTranscript(write(input), '/w');
    expect(back.turns).toBe(2);
    // The earlier stop's report reads back as the last narration of its turn.
    const expected = [...input.transcript.filter((e) => e.turn === 1), { turn: 1, kind: 'say', text: blocked.report }, ...input.transcript.filter((e) => e.turn === 2)];
    expect(back.entries.map((e) => [e.turn, e.kind])).toEqual(expected.map((e) => [e.turn, e.kind]));
    expect(back.lastAssistantText).toBe(input.report);
  });

  it('a real session\'s Stop-hook feedback line (isMeta, as Claude Code writes it) starts a new turn', async () => {
    // The shape of a Claude Code session where a Stop hook blocked once (fields as Claude Code writes them).
    const common = { isSidechain: false, userType: 'external', cwd: '/home/u/proj', sessionId: 'real', version: '2.1.123', gitBranch: 'main' };
    const session = [
      { ...common, type: 'user', message: { role: 'user', content: 'Fix the counter.' }, uuid: 'u1', parentUuid: null },
      { ...common, type: 'assistant', message: { id: 'm1', role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'node --test test/counter.test.js' } }] }, uuid: 'a1' },
      { ...common, type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: '# pass 2', is_error: false }] }, toolUseResult: { stdout: '# pass 2', stderr: '', interrupted: false, isImage: false }, uuid: 'r1' },
      { ...common, type: 'assistant', message: { id: 'm2', role: 'assistant', content: [{ type: 'text', text: 'Done.' }] }, uuid: 'a2' },
      { ...common, type: 'user', isMeta: true, message: { role: 'user', content: 'Stop hook feedback:\n[~/.claude/stop.sh]: run node --test' }, uuid: 'f1' },
      { ...common, type: 'system', subtype: 'stop_hook_summary', hookCount: 1, hookInfos: [{ command: '~/.claude/stop.sh' }], hookErrors: ['run node --test'], preventedContinuation: false, stopReason: '', hasOutput: true, level: 'suggestion', uuid: 's1' },
      { ...common, type: 'user', isMeta: true, message: { role: 'user', content: 'Caveat: the messages below were generated by the user while running local commands.' }, uuid: 'c1' },
      { ...common, type: 'assistant', message: { id: 'm3', role: 'assistant', content: [{ type: 'tool_use', id: 't2', name: 'Bash', input: { command: 'node --test' } }] }, uuid: 'a3' },
      { ...common, type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't2', content: '# pass 3', is_error: false }] }, uuid: 'r2' },
      { ...common, type: 'assistant', message: { id: 'm4', role: 'assistant', content: [{ type: 'text', text: 'All 3 pass.' }] }, uuid: 'a4' },
    ].map((l) => JSON.stringify(l)).join('\n');
    const read = parseClaudeTranscript(`${session}\n`, '/home/u/proj');
    expect(read.turns).toBe(2);
    expect(read.entries.map((e) => [e.turn, e.kind, e.kind === 'run' ? e.command : ''])).toEqual([
      [1, 'run', 'node --test test/counter.test.js'],
      [1, 'say', ''],
      [2, 'run', 'node --test'],
    ]);
    expect(read.lastAssistantText).toBe('All 3 pass.');
    // Written back by stopbench, the same two turns.
    const dir = await temp.dir('turns');
    await mkdir(dir, { recursive: true });
    const input = counterStop(dir, { turn: read.turns, transcript: read.entries, report: read.lastAssistantText! });
    expect(parseClaudeTranscript(claudeTranscript(input, { sessionId: 'x', earlier: () => undefined }), dir).turns).toBe(2);
  });
});
