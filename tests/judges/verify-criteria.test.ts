import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { VerifyJudge } from '../../src/judges/verify.js';
import { checkContract } from '../../src/preflight/preflight.js';
import { disposeJudgeContext, edit, FIXED, judgeContext, judgeInput, makeState, run, SMALL_REPO } from '../helpers/verify-state.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});
afterAll(disposeJudgeContext);

const DONE = [
  { id: 'tests', text: 'node --test passes with every test running' },
  { id: 'range', text: 'throws RangeError when lo > hi' },
];

async function judge(uncovered?: 'continue' | 'note') {
  const state = await makeState(SMALL_REPO, FIXED);
  cleanups.push(state.cleanup);
  const input = judgeInput({
    workspace: state.work, diff: state.diff, report: 'Changed src/add.js; node --test passes (1 test).',
    transcript: [edit('src/add.js'), run('node --test', 0, '# tests 1\n# pass 1\n# fail 0\n')],
  }, { done: DONE });
  return new VerifyJudge('verify', { disable: [], ...(uncovered ? { uncovered } : {}) }).judge(input, await judgeContext());
}

describe('verify: every done criterion accounted for', () => {
  it('maps covered criteria to their checks and marks an uncovered one unknown, not met (default: note)', async () => {
    const verdict = await judge();
    expect(verdict.criteria?.find((c) => c.id === 'done:tests')).toMatchObject({ met: true, evidence: expect.stringContaining('verify-commands') });
    expect(verdict.criteria?.find((c) => c.id === 'done:range')).toMatchObject({ met: false, status: 'unknown', evidence: expect.stringMatching(/^uncovered: "throws RangeError/) });
    expect(verdict.decision).toBe('done');
    expect(verdict.feedback).toMatch(/note: no check covers done criteria range \("throws RangeError when lo > hi"\)/);
  });

  it('with uncovered: continue, an uncovered criterion sends the agent back', async () => {
    const verdict = await judge('continue');
    expect(verdict.decision).toBe('continue');
    expect(verdict.feedback).toMatch(/\[done:range\] No check covers "throws RangeError when lo > hi"/);
  });

  it('preflight warns about the uncovered criterion by name', () => {
    const findings = checkContract({ goal: 'Fix it.', done: DONE, verify: ['node --test'], scope: { allow: ['src/**'] }, failure: 'x', delivery: 'y' });
    const warnings = findings.filter((f) => f.severity === 'warning');
    expect(warnings).toEqual([expect.objectContaining({ field: 'done[1] (range)', message: expect.stringContaining('no check covers "throws RangeError when lo > hi"') })]);
  });
});
