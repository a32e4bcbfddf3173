import { describe, expect, it } from 'vitest';
import { compareJudgePairs } from '../../src/compare/compare.js';
import { pairEpisodes } from '../../src/compare/pairs.js';
import { EPISODE_INDICATORS, pairCell, pairedCounts, rateOf } from '../../src/metrics/indicators.js';
import { compareJudges } from '../../src/metrics/paired.js';
import { episode } from '../helpers/episodes.js';

const stop = (label: 'complete' | 'incomplete', over: Partial<Parameters<typeof episode>[0]> = {}) =>
  episode({ status: 'done', checkpoints: [{ label, decision: 'done' }], ...over });

describe('indicators: one definition of each rate', () => {
  it('a rate is the hits among the items that count, with numerator and denominator', () => {
    const r = rateOf({ counts: (n: number) => n > 0, hit: (n: number) => n % 2 === 0 }, [-2, 0, 1, 2, 4]);
    expect(r).toMatchObject({ numerator: 2, denominator: 3 });
    expect(r.value).toBeCloseTo(2 / 3);
  });

  it('false-done counts done stops only: an exhausted episode is outside its denominator', () => {
    const episodes = [stop('incomplete'), stop('complete'), episode({ status: 'exhausted', checkpoints: [{ label: 'incomplete', decision: 'continue' }] })];
    expect(rateOf(EPISODE_INDICATORS.falseDone, episodes)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('paired counts put each pair in one cell of the 2×2 table', () => {
    expect([pairCell(true, true), pairCell(true, false), pairCell(false, true), pairCell(false, false)]).toEqual(['both', 'onlyA', 'onlyB', 'neither']);
    const counts = pairedCounts([[1, 1], [1, 0], [1, 0], [0, 1], [0, 0]] as const, (x) => x === 1);
    expect(counts).toEqual({ pairs: 5, both: 1, onlyA: 2, onlyB: 1, neither: 1 });
  });

  it('a run\'s paired comparison and `compare` count the same flips on the same episodes', () => {
    const a = [stop('complete', { judge: 'a', fixture: 'f1' }), stop('complete', { judge: 'a', fixture: 'f2' }), stop('incomplete', { judge: 'a', fixture: 'f3' })];
    const b = [stop('incomplete', { judge: 'b', fixture: 'f1' }), stop('complete', { judge: 'b', fixture: 'f2' }), stop('complete', { judge: 'b', fixture: 'f3' }), stop('complete', { judge: 'b', fixture: 'f4' })];
    const [run] = compareJudges([...a, ...b]);
    const gate = compareJudgePairs('a', 'b', pairEpisodes(a, b).pairs);
    expect(run).toMatchObject({ pairs: 3, onlyA: 1, onlyB: 1 });
    expect(gate.correctStops).toMatchObject({ base: 2, new: 2, worse: run!.onlyA, better: run!.onlyB, pValue: run!.pValue });
  });
});
