import { describe, expect, it } from 'vitest';
import { compareJudgePairs } from '../../src/compare/compare.js';
import { pairEpisodes } from '../../src/compare/pairs.js';
import { episode } from '../helpers/episodes.js';

const done = (label: 'complete' | 'incomplete', over: Partial<Parameters<typeof episode>[0]> = {}) =>
  episode({ status: 'done', checkpoints: [{ label, decision: 'done' }], ...over });

describe('pairEpisodes', () => {
  it('pairs by fixture, agent, trajectory and repeat, whatever the judge, and names the unpaired', () => {
    const base = [done('complete', { fixture: 'a', judge: 'trust' }), done('complete', { fixture: 'b', judge: 'trust' })];
    const next = [done('complete', { fixture: 'a', judge: 'verify' }), done('complete', { fixture: 'c', judge: 'verify' })];
    const pairing = pairEpisodes(base, next);
    expect(pairing.pairs.map((p) => p.name)).toEqual(['a/t#0']);
    expect(pairing.onlyBase).toEqual(['b/t#0']);
    expect(pairing.onlyNew).toEqual(['c/t#0']);
  });
});

describe('compareJudgePairs', () => {
  it('lists right → wrong flips as worse, wrong → right as better, with outcomes before and after', () => {
    const base = [done('complete', { fixture: 'a' }), done('incomplete', { fixture: 'b' }), done('complete', { fixture: 'c' })];
    const next = [
      done('incomplete', { fixture: 'a' }),
      done('complete', { fixture: 'b' }),
      episode({ status: 'exhausted', fixture: 'c', checkpoints: [{ label: 'complete', decision: 'continue' }] }),
    ];
    const c = compareJudgePairs('j', 'j', pairEpisodes(base, next).pairs);
    expect(c.worse).toEqual([
      { name: 'a/t#0', before: 'correct-done', after: 'false-done' },
      { name: 'c/t#0', before: 'correct-done', after: 'exhausted' },
    ]);
    expect(c.better).toEqual([{ name: 'b/t#0', before: 'false-done', after: 'correct-done' }]);
    expect(c.correctStops).toMatchObject({ base: 2, new: 1, worse: 2, better: 1 });
    const falseDone = c.rates.find((r) => r.metric === 'false-done')!;
    expect(falseDone.base.numerator).toBe(1);
    expect(falseDone.new.numerator).toBe(1);
    // NEW stopped `done` on fewer episodes: different denominators, so the interval is not paired.
    expect(falseDone.method).toBe('newcombe-hybrid');
    expect(c.rates.find((r) => r.metric === 'success')!.method).toBe('newcombe-paired');
  });

  it('reports no flips and zero deltas for identical episodes', () => {
    const runs = [done('complete', { fixture: 'a' }), done('incomplete', { fixture: 'b' })];
    const c = compareJudgePairs('j', 'j', pairEpisodes(runs, runs).pairs);
    expect([...c.worse, ...c.better, ...c.changed]).toEqual([]);
    expect(c.rates.map((r) => r.delta)).toEqual([0, 0, 0, 0]);
    expect(c.correctStops.pValue).toBe(1);
  });

  it('compares judge USD when a price is known, else judge time', () => {
    const usd = compareJudgePairs('j', 'j', pairEpisodes([done('complete', { judgeUsd: 0.01 })], [done('complete', { judgeUsd: 0.015 })]).pairs);
    expect(usd.cost.measure).toBe('judge-usd');
    expect(usd.cost.relative).toBeCloseTo(0.5, 10);
    const free = compareJudgePairs('j', 'j', pairEpisodes([done('complete')], [done('complete', { judgeUsd: null })]).pairs);
    expect(free.cost.measure).toBe('judge-ms');
  });
});
