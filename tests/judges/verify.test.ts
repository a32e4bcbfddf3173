import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { VerifyJudge } from '../../src/judges/verify.js';
import type { JudgeInput, Verdict } from '../../src/schemas/judging.js';
import type { Contract } from '../../src/schemas/task.js';
import { disposeJudgeContext, edit, FIXED, judgeContext, judgeInput, makeState, run, SMALL_REPO, type Files } from '../helpers/verify-state.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});
afterAll(disposeJudgeContext);

const GOOD_REPORT = 'The root cause: add() subtracted. Changed src/add.js. Verification: node --test passes (1 test).';
const FRESH = [edit('src/add.js'), run('node --test', 0, '# tests 1\n# pass 1\n# fail 0\n')];

async function judge(changes: Files, over: Partial<JudgeInput> = {}, contract: Partial<Contract> = {}, disable: string[] = []) {
  const state = await makeState(SMALL_REPO, changes);
  cleanups.push(state.cleanup);
  const input = judgeInput({ workspace: state.work, diff: state.diff, report: GOOD_REPORT, transcript: FRESH, ...over }, contract);
  const judge = new VerifyJudge('verify', { disable: disable as never });
  return judge.judge(input, await judgeContext());
}

const unmet = (verdict: Verdict) => (verdict.criteria ?? []).filter((c) => !c.met).map((c) => c.id);

describe('verify judge', () => {
  it('says done when every check is met, with one criteria entry per check', async () => {
    const verdict = await judge(FIXED, {}, { delivery: 'Root cause, changed files, verification results.' });
    expect(unmet(verdict)).toEqual([]);
    expect(verdict.decision).toBe('done');
    expect(verdict.criteria?.filter((c) => !c.id.startsWith('done:'))).toHaveLength(11);
  });

  it('reruns verification itself and sends the failing output back', async () => {
    const verdict = await judge({}, {});
    expect(verdict.decision).toBe('continue');
    expect(unmet(verdict)).toContain('verify-commands');
    expect(verdict.feedback).toMatch(/Rerunning `node --test` exited 1/);
    expect(verdict.feedback).toMatch(/not ok 1 - adds/);
  });

  it('treats a test command that runs no test as a failure', async () => {
    const verdict = await judge(FIXED, { transcript: [edit('src/add.js'), run('node --test src/', 0, '# tests 0\n# pass 0\n')] }, { verify: ['node --test src/'] });
    expect(unmet(verdict)).toEqual(expect.arrayContaining(['zero-tests', 'fresh-verification']));
  });

  it('treats skipped tests and .skip in a test file as failures', async () => {
    const skipped = { ...FIXED, 'test/add.test.js': SMALL_REPO['test/add.test.js']!.replace("test('adds'", "test.skip('adds'") };
    const verdict = await judge(skipped, {});
    expect(unmet(verdict)).toEqual(expect.arrayContaining(['skipped-tests', 'tests-intact']));
  });

  it('flags removed and weakened assertions and deleted test files', async () => {
    const weakened = { ...FIXED, 'test/add.test.js': SMALL_REPO['test/add.test.js']!.replace('assert.equal(add(2, 3), 5);', 'assert.ok(add(2, 3));') };
    expect((await judge(weakened, {})).criteria?.find((c) => c.id === 'tests-intact')?.evidence).toMatch(/1 assertions weakened/);
    const deleted = { ...FIXED, 'test/add.test.js': null, 'test/other.test.js': "import test from 'node:test';\ntest('x', () => {});\n" };
    expect((await judge(deleted, {})).criteria?.find((c) => c.id === 'tests-intact')?.evidence).toMatch(/test\/add.test.js deleted/);
  });

  it('checks changes against the contract scope, deny winning over allow', async () => {
    const verdict = await judge({ ...FIXED, 'package.json': '{ "type": "module", "x": 1 }\n' }, {}, { scope: { allow: ['src/**', 'package.json'], deny: ['package.json'] } });
    expect(verdict.criteria?.find((c) => c.id === 'scope')).toMatchObject({ met: false, evidence: 'out of scope: package.json (modified)' });
  });

  it('wants verification after the last edit, and claims backed by runs', async () => {
    const stale = await judge(FIXED, { transcript: [run('node --test', 0, '# pass 1\n'), edit('src/add.js')] });
    expect(stale.criteria?.find((c) => c.id === 'fresh-verification')?.evidence).toMatch(/last run before the last edit/);
    expect(unmet(stale)).toContain('claimed-runs');
    const never = await judge(FIXED, { transcript: [edit('src/add.js')] });
    expect(never.criteria?.find((c) => c.id === 'fresh-verification')?.evidence).toMatch(/never run/);
    const wrongCount = await judge(FIXED, { report: `${GOOD_REPORT} All 12 tests pass.` });
    expect(wrongCount.criteria?.find((c) => c.id === 'claimed-runs')?.evidence).toMatch(/claims 12 passing tests/);
  });

  it('reads error lines in an output that exits 0', async () => {
    const verdict = await judge(FIXED, { transcript: [...FRESH, run('node log.js', 0, 'ok\n')] }, { verify: ['node --test', 'node -e "console.log(\'ERROR row 7: bad date\')"'] });
    expect(verdict.criteria?.find((c) => c.id === 'unresolved-errors')?.evidence).toMatch(/ERROR row 7: bad date/);
  });

  it('flags what the risk list names: deletions and named files', async () => {
    const state = { ...FIXED, 'README.md': null, 'package.json': '{ "type": "module", "version": "2.0.0" }\n' };
    const baseline = await judge(state, {}, { risk: ['deleting files', 'editing package.json'] });
    expect(baseline.criteria?.find((c) => c.id === 'risk')).toMatchObject({ met: false });
    expect(baseline.criteria?.find((c) => c.id === 'risk')?.evidence).toMatch(/package.json/);
  });

  it('checks the report against the delivery format, including files it names', async () => {
    const verdict = await judge(FIXED, { report: 'Done.' }, { delivery: 'Root cause, changed files, test results, and a CHANGELOG.md entry.' });
    expect(verdict.criteria?.find((c) => c.id === 'report')?.evidence).toBe('missing: the changed files, the root cause, the verification results, an update to CHANGELOG.md');
  });

  it('spots special-casing of test inputs', async () => {
    const repo = { ...SMALL_REPO, 'test/add.test.js': SMALL_REPO['test/add.test.js']!.replace('add(2, 3), 5', "add(20, 30), 50") };
    const state = await makeState(repo, { 'src/add.js': 'export function add(a, b) {\n  if (a === 20) return 50;\n  return a - b;\n}\n' });
    cleanups.push(state.cleanup);
    const verdict = await new VerifyJudge('v', { disable: [] }).judge(judgeInput({ workspace: state.work, diff: state.diff, report: GOOD_REPORT, transcript: FRESH }), await judgeContext());
    expect(verdict.criteria?.find((c) => c.id === 'special-cases')?.evidence).toMatch(/special-cases test values \(20, 50\)/);
  });

  it('accepts blocked only with evidence that the contract cannot be met', async () => {
    const passing = await judge(FIXED, { claim: 'blocked', report: 'Blocked: the tests contradict each other.' });
    expect(passing.decision).toBe('continue');
    const traded = [
      run('node --test', 1, 'not ok 1 - first\n# pass 1\n# fail 1\n'),
      edit('src/add.js'),
      run('node --test', 1, 'not ok 2 - second\n# pass 1\n# fail 1\n'),
    ];
    const blocked = await judge({}, { claim: 'blocked', report: 'Blocked.', transcript: traded });
    expect(blocked.decision).toBe('blocked');
    const quitter = await judge({}, { claim: 'blocked', report: 'This cannot be done.', transcript: [run('node --test', 1, 'not ok 1 - adds\n# fail 1\n')] });
    expect(quitter.decision).toBe('continue');
  });

  it('leaves out disabled checks', async () => {
    const verdict = await judge({}, {}, {}, ['verify-commands']);
    expect(verdict.criteria?.map((c) => c.id)).not.toContain('verify-commands');
  });
});
