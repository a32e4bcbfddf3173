import { describe, expect, it } from 'vitest';
import { compareJudgePairs } from '../../src/compare/compare.js';
import { applyGate } from '../../src/compare/gate.js';
import { pairEpisodes } from '../../src/compare/pairs.js';
import { episode } from '../helpers/episodes.js';

const done = (fixture: string, label: 'complete' | 'incomplete', judgeUsd = 0) =>
  episode({ status: 'done', fixture, judgeUsd, checkpoints: [{ label, decision: 'done' }] });

// BASE: 10 correct stops of 10. NEW: 3 of them became false-done.
const base = Array.from({ length: 10 }, (_, i) => done(`f${i}`, 'complete', 0.01));
const next = Array.from({ length: 10 }, (_, i) => done(`f${i}`, i < 3 ? 'incomplete' : 'complete', 0.011));
const comparison = compareJudgePairs('j', 'j', pairEpisodes(base, next).pairs);

describe('applyGate', () => {
  it('passes when no threshold is crossed and fails at each crossed one', () => {
    expect(applyGate([comparison], { maxFalseDoneRate: 0.3, maxFalseDoneIncrease: 0.3, maxCostIncrease: 0.1 }).some((c) => c.failed)).toBe(false);
    const checks = applyGate([comparison], { maxFalseDoneRate: 0.2, maxFalseDoneIncrease: 0.29, maxCostIncrease: 0.05, maxPrematureIncrease: 0 });
    expect(checks.filter((c) => c.failed).map((c) => c.rule)).toEqual(['max-false-done-rate', 'max-false-done-increase', 'max-cost-increase']);
  });

  it('fails on --alpha only when the worsening is significant', () => {
    expect(applyGate([comparison], { alpha: 0.05 })[0]!.failed).toBe(false); // 3 worse, 0 better: p = 0.25
    const allRight = Array.from({ length: 12 }, (_, i) => done(`f${i}`, 'complete'));
    const eightWrong = Array.from({ length: 12 }, (_, i) => done(`f${i}`, i < 8 ? 'incomplete' : 'complete'));
    const worse = compareJudgePairs('j', 'j', pairEpisodes(allRight, eightWrong).pairs);
    expect(applyGate([worse], { alpha: 0.05 })[0]!.failed).toBe(true); // 8 worse, 0 better: p ≈ 0.008
    const better = compareJudgePairs('j', 'j', pairEpisodes(eightWrong, allRight).pairs);
    expect(applyGate([better], { alpha: 0.05 })[0]!.failed).toBe(false);
  });

  it('treats a cost rising from 0 as crossing any cost limit', () => {
    const fromZero = compareJudgePairs('j', 'j', pairEpisodes([done('a', 'complete', 0)], [done('a', 'complete', 0.01)]).pairs);
    expect(fromZero.cost.relative).toBeNull();
    expect(applyGate([fromZero], { maxCostIncrease: 10 })[0]!.failed).toBe(true);
  });
});
