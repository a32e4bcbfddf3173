import { describe, expect, it } from 'vitest';
import { readClaudeSession } from '../../src/formats/claude-code/session-read.js';
import { lazyClaudeSession, LRU_CWD } from '../helpers/lru-sessions.js';
import { ClaudeSession } from '../helpers/sessions.js';

describe('the Claude Code session reader', () => {
  it('splits turns at a Stop hook block and reads every edit tool, subagent work included', () => {
    const session = readClaudeSession(lazyClaudeSession().jsonl());
    expect(session).toMatchObject({ tool: 'claude-code', sessionId: '5f0c1d2e-aaaa-4bbb-8ccc-0123456789ab', version: '1.0.98', cwd: LRU_CWD });
    expect(session.turns.map((t) => t.endedBy)).toEqual(['stop-hook', 'end-of-file']);
    const kinds = session.turns.map((t) => t.actions.map((a) => ('tool' in a ? `${a.kind}:${a.tool}` : a.kind)));
    expect(kinds).toEqual([
      ['run:Bash', 'say', 'edit:Edit', 'run:Bash'],
      ['edit:MultiEdit', 'edit:Edit', 'edit:MultiEdit', 'edit:MultiEdit', 'run:Bash'],
    ]);
    expect(session.turns[0]!.actions[0]).toMatchObject({ kind: 'run', exitCode: 1 });
    expect(session.turns[1]!.actions[1]).toMatchObject({ kind: 'edit', replaceAll: true });
    expect(session.turns[0]!.finalText).toBe('Fixed get(): it now re-inserts the key, so reads refresh recency. node --test: 11 pass.');
    expect(Object.fromEntries(session.skipped)).toEqual({
      Read: 2, Glob: 1, TodoWrite: 1, Task: 1, WebFetch: 1, 'failed Edit': 1, 'unknown record types': 1, 'lines that are not JSON': 1,
    });
  });

  it('counts usage once per message, though Claude Code repeats it on every line of the message', () => {
    const s = new ClaudeSession('/r');
    s.prompt('go');
    s.text('part one', { messageId: 'msg_same' });
    s.text('part two', { messageId: 'msg_same' });
    const [turn] = readClaudeSession(s.jsonl()).turns;
    expect(turn!.usage).toEqual({ inputTokens: 1110, outputTokens: 50 });
    expect(turn!.finalText).toBe('part one\npart two');
    expect(turn!.actions).toEqual([]); // the report is not narration
  });

  it('starts a turn at a new user prompt or an interrupt, not at slash-command lines or meta caveats', () => {
    const s = new ClaudeSession('/r');
    s.prompt('first');
    s.tool('Bash', { command: 'true' }, '(Bash completed with no output)');
    s.text('done one');
    s.prompt('<command-name>/cost</command-name>');
    s.meta('<local-command-caveat>x</local-command-caveat>');
    s.prompt('second');
    s.tool('Write', { file_path: '/r/a.txt', content: 'a\n' }, 'File created successfully at: /r/a.txt');
    s.prompt('[Request interrupted by user for tool use]');
    s.prompt('third');
    s.tool('NotebookEdit', { notebook_path: '/r/n.ipynb', cell_id: 'c1', new_source: 'print(1)\n' }, 'Updated cell c1');
    s.text('<promise>BLOCKED</promise> the notebook cannot run here');
    const session = readClaudeSession(s.jsonl());
    expect(session.turns.map((t) => t.endedBy)).toEqual(['user-message', 'aborted', 'end-of-file']);
    expect(session.turns[2]!.actions[0]).toMatchObject({ kind: 'notebook', path: '/r/n.ipynb', cellId: 'c1', mode: 'replace' });
  });

  it('merges subagent transcripts in by time', () => {
    const main = new ClaudeSession('/r');
    main.prompt('go');
    main.tool('Task', { prompt: 'write b' }, 'ok');
    main.text('all done');
    const sub = new ClaudeSession('/r', 'agent-1');
    sub.tool('Write', { file_path: '/r/b.txt', content: 'b\n' }, 'File created successfully at: /r/b.txt');
    const session = readClaudeSession(main.jsonl(), { subagents: [sub.jsonl()] });
    expect(session.turns[0]!.actions).toEqual([{ kind: 'write', callId: expect.any(String), tool: 'Write', path: '/r/b.txt', content: 'b\n' }]);
  });
});
