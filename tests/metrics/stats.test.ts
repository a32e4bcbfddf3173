import { describe, expect, it } from 'vitest';
import { mcnemarExact, rate } from '../../src/metrics/stats.js';

describe('rate (Wilson 95%)', () => {
  it('is n/a, never NaN, for an empty denominator', () => {
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, value: null, low: null, high: null });
  });

  it('matches the Wilson interval of a textbook case (8/10)', () => {
    const r = rate(8, 10);
    expect(r.value).toBe(0.8);
    expect(r.low).toBeCloseTo(0.4902, 4);
    expect(r.high).toBeCloseTo(0.9433, 4);
  });

  it('stays inside [0, 1] at the edges', () => {
    const none = rate(0, 5);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.4345, 4);
    const all = rate(5, 5);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.5655, 4);
  });
});

describe("McNemar's exact test", () => {
  it('is 1 when no pair differs', () => {
    expect(mcnemarExact(0, 0)).toBe(1);
  });

  it('is the two-sided binomial tail: b=0, c=6 gives 2/64', () => {
    expect(mcnemarExact(0, 6)).toBeCloseTo(0.03125, 10);
    expect(mcnemarExact(6, 0)).toBeCloseTo(0.03125, 10);
  });

  it('matches a hand-computed case: b=2, c=8', () => {
    // 2 * (C(10,0) + C(10,1) + C(10,2)) / 2^10 = 2 * 56 / 1024
    expect(mcnemarExact(2, 8)).toBeCloseTo(112 / 1024, 10);
  });

  it('caps at 1 for balanced counts and survives large n', () => {
    expect(mcnemarExact(5, 5)).toBe(1);
    const p = mcnemarExact(400, 600);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-9);
  });
});
