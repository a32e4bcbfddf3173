import { describe, expect, it } from 'vitest';
import { newcombeHybrid, newcombePaired } from '../../src/compare/intervals.js';
import { rate } from '../../src/metrics/stats.js';

describe('newcombeHybrid (independent proportions)', () => {
  it('matches the published examples of Newcombe (1998a), method 10', () => {
    const a = newcombeHybrid(rate(56, 70), rate(48, 80))!;
    expect(a.low).toBeCloseTo(0.0524, 4);
    expect(a.high).toBeCloseTo(0.3339, 4);
    const b = newcombeHybrid(rate(9, 10), rate(3, 10))!;
    expect(b.low).toBeCloseTo(0.1705, 4);
    expect(b.high).toBeCloseTo(0.809, 4);
  });

  it('is null when a side has no denominator', () => {
    expect(newcombeHybrid(rate(0, 0), rate(1, 2))).toBeNull();
  });
});

describe('newcombePaired (paired proportions)', () => {
  it('matches the published example of Newcombe (1998b), method 10', () => {
    const ci = newcombePaired({ both: 36, onlyNew: 12, onlyBase: 2, neither: 0 })!;
    expect(ci.low).toBeCloseTo(0.0569, 4);
    expect(ci.high).toBeCloseTo(0.3404, 4);
  });

  it('is negative when NEW lost what BASE had, and symmetric when nothing changed', () => {
    const worse = newcombePaired({ both: 1, onlyNew: 1, onlyBase: 7, neither: 12 })!;
    expect(worse.low).toBeCloseTo(-0.5069, 4);
    expect(worse.high).toBeCloseTo(-0.0256, 4);
    const same = newcombePaired({ both: 5, onlyNew: 0, onlyBase: 0, neither: 5 })!;
    expect(same.low).toBeCloseTo(-same.high, 10);
    expect(same.low).toBeLessThan(0);
  });

  it('is null for an empty table', () => {
    expect(newcombePaired({ both: 0, onlyNew: 0, onlyBase: 0, neither: 0 })).toBeNull();
  });
});
