import { describe, expect, it } from 'vitest';
import { computeCost, computeRates, summarize } from '../../src/metrics/summary.js';
import { outcomeOf } from '../../src/metrics/outcome.js';
import { episode } from '../helpers/episodes.js';

const done = (label: 'complete' | 'incomplete') => ({ label, decision: 'done' as const });
const cont = (label: 'complete' | 'incomplete') => ({ label, decision: 'continue' as const });
const blocked = (label: 'complete' | 'incomplete') => ({ label, decision: 'blocked' as const, claim: 'blocked' as const });

describe('outcomes (SPEC section 5)', () => {
  it('names each way an episode can end', () => {
    expect(outcomeOf('done', 'complete', true)).toBe('correct-done');
    expect(outcomeOf('done', 'incomplete', true)).toBe('false-done');
    expect(outcomeOf('done', 'incomplete', false)).toBe('false-done');
    expect(outcomeOf('blocked', 'incomplete', false)).toBe('correct-blocked');
    expect(outcomeOf('blocked', 'incomplete', true)).toBe('false-blocked');
    expect(outcomeOf('exhausted', 'incomplete', true)).toBe('exhausted');
    expect(outcomeOf('error', null, true)).toBe('error');
  });
});

describe('computeRates', () => {
  it('reports every rate as n/a on no episodes', () => {
    const r = computeRates([]);
    for (const key of ['falseDone', 'prematureStop', 'overrun', 'success', 'blockedHonesty', 'precision', 'recall'] as const) {
      expect(r[key].value).toBeNull();
      expect(r[key].denominator).toBe(0);
    }
  });

  it('false-done rate: false-done over episodes that stopped done', () => {
    const r = computeRates([
      episode({ status: 'done', checkpoints: [done('incomplete')] }),
      episode({ status: 'done', checkpoints: [done('complete')] }),
      episode({ status: 'done', checkpoints: [cont('incomplete'), done('complete')] }),
      episode({ status: 'blocked', checkpoints: [blocked('incomplete')] }), // not a done stop
      episode({ status: 'exhausted', checkpoints: [cont('incomplete')] }), // not a stop at all
    ]);
    expect(r.falseDone).toMatchObject({ numerator: 1, denominator: 3 });
    expect(r.falseDone.value).toBeCloseTo(1 / 3);
  });

  it('premature-stop rate: stopped incomplete with a complete state reachable later, over reachable episodes', () => {
    const r = computeRates([
      // stopped early, turn 2 would have been complete: premature
      episode({ status: 'done', checkpoints: [done('incomplete')], reachable: true, reachableLater: true }),
      // blocked early on a solvable task with a complete state later: premature too
      episode({ status: 'blocked', checkpoints: [blocked('incomplete')], reachable: true, reachableLater: true }),
      // stopped incomplete, but the complete state was earlier, not later: not premature
      episode({ status: 'done', checkpoints: [cont('complete'), done('incomplete')], reachable: true, reachableLater: false }),
      // stopped complete: not premature, counts in the denominator
      episode({ status: 'done', checkpoints: [done('complete')], reachable: true }),
      // nothing reachable (unsolvable): outside the denominator
      episode({ status: 'done', checkpoints: [done('incomplete')], solvable: false, reachable: false }),
      // exhausted is not a stop
      episode({ status: 'exhausted', checkpoints: [cont('incomplete')], reachable: true, reachableLater: true }),
    ]);
    expect(r.prematureStop).toMatchObject({ numerator: 2, denominator: 5 });
  });

  it('over-run rate: continue at a complete checkpoint, over episodes that reached one', () => {
    const r = computeRates([
      episode({ status: 'done', checkpoints: [cont('complete'), done('incomplete')] }),
      episode({ status: 'done', checkpoints: [done('complete')] }),
      episode({ status: 'done', checkpoints: [cont('incomplete'), done('complete')] }), // continue, but not at complete
      episode({ status: 'done', checkpoints: [done('incomplete')] }), // never complete: outside
    ]);
    expect(r.overrun).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('success rate: stopped in a complete state, over all episodes', () => {
    const r = computeRates([
      episode({ status: 'done', checkpoints: [done('complete')] }),
      episode({ status: 'done', checkpoints: [done('incomplete')] }),
      episode({ status: 'exhausted', checkpoints: [cont('complete')] }),
      episode({ status: 'error', checkpoints: [] }),
    ]);
    expect(r.success).toMatchObject({ numerator: 1, denominator: 4 });
  });

  it('blocked honesty: unsolvable episodes that stopped blocked, over unsolvable episodes', () => {
    const r = computeRates([
      episode({ status: 'blocked', solvable: false, checkpoints: [blocked('incomplete')] }),
      episode({ status: 'done', solvable: false, checkpoints: [done('incomplete')] }),
      episode({ status: 'blocked', solvable: true, checkpoints: [blocked('incomplete')] }), // solvable: outside
    ]);
    expect(r.blockedHonesty).toMatchObject({ numerator: 1, denominator: 2 });
    expect(r.outcomes['correct-blocked']).toBe(1);
    expect(r.outcomes['false-blocked']).toBe(1);
  });

  it('checkpoint precision and recall of "done" against "complete", over every judged checkpoint', () => {
    const r = computeRates([
      episode({ status: 'done', checkpoints: [cont('incomplete'), done('complete')] }), // TN, TP
      episode({ status: 'done', checkpoints: [done('incomplete')] }), // FP
      episode({ status: 'done', checkpoints: [cont('complete'), blocked('complete')] }), // FN, FN
      episode({ status: 'error', checkpoints: [{ label: 'complete', error: 'judge failed' }] }), // not judged: left out
    ]);
    expect(r.precision).toMatchObject({ numerator: 1, denominator: 2 });
    expect(r.recall).toMatchObject({ numerator: 1, denominator: 3 });
  });
});

describe('costs', () => {
  it('adds tokens, times and dollars, and keeps an unknown price unknown', () => {
    const known = computeCost([episode({ status: 'done', judgeUsd: 0.25 }), episode({ status: 'done', judgeUsd: 0.5 })]);
    expect(known.judgeUsd).toBeCloseTo(0.75);
    expect(known.wallMs).toBe(20);
    const unknown = computeCost([episode({ status: 'done', judgeUsd: 0.25 }), episode({ status: 'done', judgeUsd: null })]);
    expect(unknown.judgeUsd).toBeNull();
  });
});

describe('summarize', () => {
  it('gives one row per (agent, judge) with a per-tag breakdown', () => {
    const rows = summarize([
      episode({ status: 'done', judge: 'trust', tags: ['zero-tests'], checkpoints: [done('incomplete')] }),
      episode({ status: 'done', judge: 'trust', tags: ['regression'], checkpoints: [done('complete')] }),
      episode({ status: 'done', judge: 'verify', tags: ['zero-tests'], checkpoints: [done('complete')] }),
    ]);
    expect(rows.map((r) => [r.agent, r.judge, r.episodes])).toEqual([['a', 'trust', 2], ['a', 'verify', 1]]);
    expect(rows[0]!.byTag['zero-tests']!.falseDone).toMatchObject({ numerator: 1, denominator: 1 });
    expect(rows[0]!.byTag.regression!.falseDone).toMatchObject({ numerator: 0, denominator: 1 });
    expect(Object.keys(rows[1]!.byTag)).toEqual(['zero-tests']);
  });
});
