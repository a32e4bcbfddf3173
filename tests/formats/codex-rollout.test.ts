import { describe, expect, it } from 'vitest';
import { exitCodeOf, readCodexRollout } from '../../src/formats/codex/rollout-read.js';
import { lazyCodexRollout, LRU_CWD } from '../helpers/lru-sessions.js';
import { CodexRollout } from '../helpers/sessions.js';

describe('the Codex rollout reader', () => {
  it('splits turns at task_complete and reads calls, scripts and items', () => {
    const session = readCodexRollout(lazyCodexRollout().jsonl());
    expect(session).toMatchObject({ tool: 'codex', sessionId: '0199a213-81c0-7800-8aa1-bbab2a035a53', version: '0.46.0', cwd: LRU_CWD });
    expect(session.turns.map((t) => t.endedBy)).toEqual(['task-complete', 'task-complete']);
    const kinds = session.turns.map((t) => t.actions.map((a) => ('tool' in a ? `${a.kind}:${a.tool}` : a.kind)));
    expect(kinds).toEqual([
      ['run:shell', 'patch:apply_patch', 'run:exec_command'],
      ['patch:exec', 'run:exec', 'unified-diff:FileChange', 'patch:apply_patch', 'run:local_shell_call'],
    ]);
    expect(session.turns[0]!.actions[0]).toMatchObject({ exitCode: 1, command: 'node --test', workdir: LRU_CWD });
    expect(session.turns[0]!.actions[2]).toMatchObject({ exitCode: 0 });
    expect(session.turns.map((t) => t.usage)).toEqual([{ inputTokens: 1200, outputTokens: 300 }, { inputTokens: 2000, outputTokens: 500 }]);
    expect(session.turns[1]!.finalText).toBe('Also fixed set() updates, max validation and resize(); node --test: 11 pass.');
    expect(Object.fromEntries(session.skipped)).toEqual({
      update_plan: 1, 'failed apply_patch': 1, 'unknown record types': 1, 'lines that are not JSON': 1, 'McpToolCall items': 1,
    });
  });

  it('reads exit codes from JSON and text outputs', () => {
    expect(exitCodeOf(JSON.stringify({ output: 'x', metadata: { exit_code: 3 } }))).toBe(3);
    expect(exitCodeOf('Exit code: 2\nWall time: 1 seconds\nOutput:\nboom')).toBe(2);
    expect(exitCodeOf('Chunk ID: a\nProcess exited with code 0\nOutput:\nok')).toBe(0);
    expect(exitCodeOf('apply_patch verification failed: no match')).toBe(1);
    expect(exitCodeOf('plain output')).toBeNull();
  });

  it('takes a command item with no matching call as a run, and apply_patch through the shell as a patch', () => {
    const r = new CodexRollout('/r');
    r.prompt('go');
    r.event({ type: 'item_completed', item: { type: 'CommandExecution', id: 'x1', command: ['bash', '-lc', 'npm test'], cwd: '/r/pkg', exit_code: 4, status: 'completed' } });
    r.call('shell', { command: ['apply_patch', '*** Begin Patch\n*** Add File: a.txt\n+a\n*** End Patch'] }, 'Done', 0);
    r.say('finished');
    const [turn] = readCodexRollout(r.jsonl()).turns;
    expect(turn!.endedBy).toBe('end-of-file');
    expect(turn!.actions).toMatchObject([
      { kind: 'run', command: 'npm test', workdir: '/r/pkg', exitCode: 4 },
      { kind: 'patch', patch: expect.stringContaining('*** Add File: a.txt') },
    ]);
    expect(turn!.finalText).toBe('finished');
  });
});
