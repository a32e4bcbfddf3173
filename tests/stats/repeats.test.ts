import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/metrics/summary.js';
import { drawnAllFrom, repeatSummary } from '../../src/stats/repeats.js';
import { episode } from '../helpers/episodes.js';

const done = (label: 'complete' | 'incomplete') => ({ label, decision: 'done' as const });
const cont = (label: 'complete' | 'incomplete') => ({ label, decision: 'continue' as const });

/** Three repeats of one unit: each entry is how that repeat went. */
const unit = (fixture: string, trajectory: string, runs: Array<Parameters<typeof episode>[0]>) =>
  runs.map((run, repeat) => episode({ fixture, trajectory, repeat, ...run }));

/**
 * By hand: 3 units × 3 repeats.
 * - f1/lazy: false-done, correct-done (after a continue), correct-done: decisions and outcome flip; 2 of 3 right.
 * - f1/bluffer: false-done three times alike: no flip; 0 of 3 right.
 * - f2/overrunner: continue then done, done, done, all correct-done: decisions flip, outcome does not; 3 of 3 right.
 */
const threeByThree = [
  ...unit('f1', 'lazy', [
    { status: 'done', checkpoints: [done('incomplete')] },
    { status: 'done', checkpoints: [cont('incomplete'), done('complete')] },
    { status: 'done', checkpoints: [cont('incomplete'), done('complete')] },
  ]),
  ...unit('f1', 'bluffer', [
    { status: 'done', checkpoints: [done('incomplete')] },
    { status: 'done', checkpoints: [done('incomplete')] },
    { status: 'done', checkpoints: [done('incomplete')] },
  ]),
  ...unit('f2', 'overrunner', [
    { status: 'done', checkpoints: [cont('complete'), done('complete')] },
    { status: 'done', checkpoints: [done('complete')] },
    { status: 'done', checkpoints: [done('complete')] },
  ]),
];

describe('repeatSummary', () => {
  it('gives the flip rates, pass^k and pass@k of 3 units × 3 repeats, as computed by hand', () => {
    const s = repeatSummary(threeByThree)!;
    expect(s).toMatchObject({ repeats: 3, units: 3, errors: 0 });
    expect(s.flip).toMatchObject({ numerator: 2, denominator: 3, clusters: 2 });
    expect(s.flip.value).toBeCloseTo(2 / 3, 12);
    expect(s.flip.low).toBeGreaterThan(0);
    expect(s.flip.high).toBeLessThanOrEqual(1);
    expect(s.outcomeFlip).toMatchObject({ numerator: 1, denominator: 3 });
    // pass^k: mean over units of C(c,k)/C(3,k) with c = 2, 0, 3.
    expect(s.passK.map((p) => p.k)).toEqual([1, 2, 3]);
    expect(s.passK.map((p) => p.units)).toEqual([3, 3, 3]);
    expect(s.passK[0]!.passAll).toBeCloseTo((2 / 3 + 0 + 1) / 3, 12); // 5/9
    expect(s.passK[1]!.passAll).toBeCloseTo((1 / 3 + 0 + 1) / 3, 12); // 4/9
    expect(s.passK[2]!.passAll).toBeCloseTo((0 + 0 + 1) / 3, 12); // 1/3
    // pass@k: mean of 1 - C(n-c,k)/C(n,k).
    expect(s.passK[0]!.passAny).toBeCloseTo(5 / 9, 12);
    expect(s.passK[1]!.passAny).toBeCloseTo((1 + 0 + 1) / 3, 12);
    expect(s.passK[2]!.passAny).toBeCloseTo(2 / 3, 12);
  });

  it('leaves error episodes out and counts them; a unit needs two judged repeats to flip, k to count in pass^k', () => {
    const s = repeatSummary([
      ...unit('f1', 'a', [{ status: 'error' }, { status: 'done', checkpoints: [done('complete')] }, { status: 'done', checkpoints: [done('complete')] }]),
      ...unit('f1', 'b', [{ status: 'error' }, { status: 'error' }, { status: 'done', checkpoints: [done('incomplete')] }]),
      ...unit('f2', 'c', [
        { status: 'done', checkpoints: [done('complete')] },
        { status: 'exhausted', checkpoints: [cont('complete')] },
        { status: 'done', checkpoints: [done('complete')] },
      ]),
    ])!;
    expect(s).toMatchObject({ repeats: 3, units: 2, errors: 3 });
    expect(s.flip).toMatchObject({ numerator: 1, denominator: 2 });
    // k=1: a 2/2, b 0/1, c 2/3; k=2: a, c; k=3: c alone.
    expect(s.passK.map((p) => p.units)).toEqual([3, 2, 1]);
    expect(s.passK[0]!.passAll).toBeCloseTo((1 + 0 + 2 / 3) / 3, 12);
    expect(s.passK[1]!.passAll).toBeCloseTo((1 + 1 / 3) / 2, 12);
    expect(s.passK[2]!.passAll).toBe(0);
  });

  it('is absent when no unit ran more than once', () => {
    expect(repeatSummary(threeByThree.filter((e) => e.repeat === 0))).toBeUndefined();
    expect(repeatSummary([])).toBeUndefined();
  });

  it('is n/a at a k no unit reaches with judged repeats', () => {
    const s = repeatSummary(unit('f1', 'a', [{ status: 'error' }, { status: 'error' }]))!;
    expect(s).toMatchObject({ repeats: 2, units: 0, errors: 2 });
    expect(s.flip.value).toBeNull();
    expect(s.passK[1]).toEqual({ k: 2, units: 0, passAll: null, passAny: null });
  });
});

describe('drawnAllFrom', () => {
  it('is C(hits, k) / C(n, k)', () => {
    expect(drawnAllFrom(2, 3, 2)).toBeCloseTo(1 / 3, 12);
    expect(drawnAllFrom(3, 5, 2)).toBeCloseTo(3 / 10, 12);
    expect(drawnAllFrom(1, 3, 2)).toBe(0);
    expect(drawnAllFrom(4, 4, 4)).toBe(1);
  });
});

describe('summaries of repeated runs', () => {
  it('carry `repeats` per (agent, judge) only when episodes repeat', () => {
    const twoJudges = [...threeByThree, ...threeByThree.map((e) => ({ ...e, judge: 'other' }))];
    const groups = summarize(twoJudges);
    expect(groups.map((g) => [g.judge, g.repeats?.flip.numerator])).toEqual([['j', 2], ['other', 2]]);
    expect(summarize(threeByThree.filter((e) => e.repeat === 0))[0]).not.toHaveProperty('repeats');
  });
});
