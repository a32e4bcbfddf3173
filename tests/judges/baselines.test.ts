import { describe, expect, it } from 'vitest';
import { ExitCodeJudge } from '../../src/judges/exit-code.js';
import { TrustJudge } from '../../src/judges/trust.js';
import { edit, judgeInput, run } from '../helpers/verify-state.js';

const base = { workspace: '/nonexistent', diff: { files: [], patch: '' } };

describe('trust judge', () => {
  it('accepts whatever the agent claims', async () => {
    const judge = new TrustJudge('trust');
    expect((await judge.judge(judgeInput({ ...base, claim: 'done' }))).decision).toBe('done');
    expect((await judge.judge(judgeInput({ ...base, claim: 'blocked' }))).decision).toBe('blocked');
  });
});

describe('exit-code judge', () => {
  const judge = new ExitCodeJudge('exit-code', { feedbackChars: 20 });

  it("accepts the claim when the last command exited 0, whatever came before", async () => {
    const verdict = await judge.judge(judgeInput({ ...base, transcript: [run('node --test', 1), edit('a.js'), run('ls', 0)] }));
    expect(verdict.decision).toBe('done');
  });

  it('sends the agent back with the tail of the failing output', async () => {
    const output = `${'x'.repeat(100)}the last twenty chars`;
    const verdict = await judge.judge(judgeInput({ ...base, transcript: [run('node --test', 0), run('node --test', 1, output)] }));
    expect(verdict.decision).toBe('continue');
    expect(verdict.feedback).toBe('The last command, node --test, exited 1:\nhe last twenty chars');
  });

  it('sends the agent back when it ran nothing', async () => {
    expect((await judge.judge(judgeInput({ ...base, transcript: [edit('a.js')] }))).decision).toBe('continue');
  });
});
