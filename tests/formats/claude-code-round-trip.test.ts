import { describe, expect, it } from 'vitest';
import { AssistantRecordSchema, SystemRecordSchema, ToolResultBlockSchema, ToolUseBlockSchema, TranscriptRecordSchema, UserRecordSchema } from '../../src/formats/claude-code/records.js';
import { parseClaudeTranscript } from '../../src/formats/claude-code/transcript-read.js';
import { claudeTranscript } from '../../src/formats/claude-code/transcript-write.js';
import { readClaudeSession } from '../../src/formats/claude-code/session-read.js';
import type { JudgeInput, TranscriptEntry } from '../../src/schemas/judging.js';

const WS = '/tmp/round-trip-ws';

/** A judge input with every kind of transcript entry, over three turns. */
function input(): JudgeInput {
  const transcript: TranscriptEntry[] = [
    { turn: 1, kind: 'say', text: 'Looking at the counter.' },
    { turn: 1, kind: 'run', command: 'node --test', exitCode: 1, output: 'not ok 1 - up stops at max\n' },
    { turn: 1, kind: 'edit', path: 'src/counter.js', old: 'this.value += 1;', new: 'this.value = Math.min(this.max, this.value + 1);' },
    { turn: 1, kind: 'run', command: 'true', exitCode: 0, output: '' },
    { turn: 2, kind: 'write', path: 'src/deep/new.js', content: 'export const n = 1;\n' },
    { turn: 2, kind: 'run', command: 'sleep 100', exitCode: null, output: 'partial\n', timedOut: true },
    { turn: 2, kind: 'run', command: 'kill -9 $$', exitCode: null, output: '' },
    { turn: 3, kind: 'say', text: 'One more check.' },
    { turn: 3, kind: 'run', command: 'node --test', exitCode: 0, output: 'ok 1\nok 2\n' },
  ];
  return {
    fixture: 'counter', turn: 3, claim: 'done', report: 'Clamped up(); node --test passes.',
    contract: { goal: 'Clamp it.', scope: { allow: ['src/**'], deny: [] }, done: [{ id: 'tests', text: 'tests pass' }], verify: ['node --test'] },
    transcript, diff: { files: [], patch: '' }, workspace: WS,
  };
}

const earlier = (turn: number) => ({ report: `report ${turn}`, feedback: `feedback ${turn}` });

describe('Claude Code transcript: writer and reader', () => {
  it('reads back what the writer wrote unchanged', () => {
    const written = claudeTranscript(input(), { sessionId: 'rt', earlier });
    const read = parseClaudeTranscript(written, WS);
    expect(read.turns).toBe(3);
    expect(read.lastAssistantText).toBe('Clamped up(); node --test passes.');
    // The earlier turns' reports are written as the last text of their turn; read back as narration.
    const withoutReports = read.entries.filter((e) => !(e.kind === 'say' && /^report \d$/.test(e.text)));
    expect(withoutReports).toEqual(input().transcript);
  });

  it('writes only records the record schemas accept, with every tool use answered', () => {
    const lines = claudeTranscript(input(), { sessionId: 'rt', earlier }).trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    const uses: string[] = [];
    const results: string[] = [];
    for (const line of lines) {
      const record = TranscriptRecordSchema.parse(line);
      const schema = { user: UserRecordSchema, assistant: AssistantRecordSchema, system: SystemRecordSchema }[record.type as 'user'];
      expect(schema, record.type).toBeDefined();
      const parsed = schema.parse(line);
      for (const block of Array.isArray(parsed.message?.content) ? parsed.message.content : []) {
        if (block.type === 'tool_use') uses.push(ToolUseBlockSchema.parse(block).id);
        if (block.type === 'tool_result') results.push(ToolResultBlockSchema.parse(block).tool_use_id);
      }
    }
    expect(results).toEqual(uses);
    expect(uses.length).toBe(7);
  });

  it('gives the importer the same turns, split at each written Stop hook block', () => {
    const session = readClaudeSession(claudeTranscript(input(), { sessionId: 'rt', earlier }));
    expect(session.turns.map((t) => [t.endedBy, t.finalText])).toEqual([
      ['stop-hook', 'report 1'], ['stop-hook', 'report 2'], ['end-of-file', 'Clamped up(); node --test passes.'],
    ]);
    expect(session.turns.map((t) => t.actions.map((a) => a.kind))).toEqual([['say', 'run', 'edit', 'run'], ['write', 'run', 'run'], ['say', 'run']]);
    expect(session.turns[0]!.actions[2]).toMatchObject({ path: `${WS}/src/counter.js`, old: 'this.value += 1;' });
  });
});
