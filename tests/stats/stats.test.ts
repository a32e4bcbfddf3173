import { describe, expect, it } from 'vitest';
import { rate } from '../../src/metrics/stats.js';
import { cohenKappa, detectableChange } from '../../src/stats/agreement.js';
import { clusteredRate, meanDesignEffect } from '../../src/stats/clustered.js';

const observations = (clusters: number, size: number, hit: (cluster: number, i: number) => boolean) =>
  Array.from({ length: clusters * size }, (_, k) => ({ cluster: `fx-${Math.floor(k / size)}`, hit: hit(Math.floor(k / size), k % size) }));

describe('the clustered interval of a rate', () => {
  it('is the Wilson interval, but for the small-sample factor G/(G-1), when every episode is its own cluster', () => {
    const r = clusteredRate(observations(40, 1, (c) => c % 4 === 0));
    expect(r.designEffect).toBeCloseTo(40 / 39, 12);
    const wilson = rate(10 / r.designEffect, 40 / r.designEffect);
    expect([r.value, r.low, r.high]).toEqual([0.25, wilson.low, wilson.high]);
    expect(r.low).toBeCloseTo(rate(10, 40).low!, 2);
  });

  it('widens by the design effect when fixtures decide the outcome: 10 fixtures of 10 episodes', () => {
    // Every episode of a fixture ends alike: 100 episodes carry the information of about 10.
    const r = clusteredRate(observations(10, 10, (c) => c < 5));
    const robust = ((10 / 9) * 10 * 25) / 100 ** 2; // sandwich variance, p = 0.5
    expect(r.designEffect).toBeCloseTo(robust / (0.25 / 100), 10);
    const wilson = rate(50 / r.designEffect, 100 / r.designEffect);
    expect([r.low, r.high]).toEqual([wilson.low, wilson.high]);
    expect(r.high! - r.low!).toBeGreaterThan(2.5 * (rate(50, 100).high! - rate(50, 100).low!));
    expect([r.numerator, r.denominator, r.value, r.clusters]).toEqual([50, 100, 0.5, 10]);
  });

  it('never narrows below independent episodes, and is n/a with nothing to count', () => {
    // Each fixture has exactly half hits: less spread than independence would give.
    expect(clusteredRate(observations(10, 4, (_c, i) => i < 2)).designEffect).toBe(1);
    expect(clusteredRate([])).toMatchObject({ value: null, low: null, high: null });
  });
});

describe('agreement between two judges', () => {
  it("Cohen's kappa: 0.4 on the textbook table, 1 for identical decisions, null when chance agreement is total", () => {
    const pairs: Array<readonly [string, string]> = [
      ...Array.from({ length: 20 }, () => ['done', 'done'] as const),
      ...Array.from({ length: 5 }, () => ['done', 'continue'] as const),
      ...Array.from({ length: 10 }, () => ['continue', 'done'] as const),
      ...Array.from({ length: 15 }, () => ['continue', 'continue'] as const),
    ];
    expect(cohenKappa(pairs)).toBeCloseTo(0.4, 12);
    expect(cohenKappa([['done', 'done'], ['continue', 'continue']])).toBe(1);
    expect(cohenKappa([['done', 'done'], ['done', 'done']])).toBeNull();
    expect(cohenKappa([])).toBeNull();
  });

  it('the smallest detectable change at alpha 0.05 and 80% power, from the 95% interval of the change', () => {
    // Half-width 0.1 is 1.96 standard errors; 80% power needs 1.96 + 0.84 of them.
    expect(detectableChange({ low: -0.1, high: 0.1 })).toBeCloseTo((0.1 / 1.959964) * 2.8015852, 6);
    expect(detectableChange({ low: 0.05, high: 0.25 })).toBeCloseTo(detectableChange({ low: -0.1, high: 0.1 }), 12);
  });
});

describe('the design effect of a mean', () => {
  it('is 1 for independent differences and grows when a fixture\'s episodes all flip together', () => {
    const independent = Array.from({ length: 20 }, (_, i) => ({ cluster: `fx-${i}`, value: i % 5 === 0 ? 1 : 0 }));
    expect(meanDesignEffect(independent)).toBeCloseTo(20 / 19, 12);
    const together = Array.from({ length: 20 }, (_, i) => ({ cluster: `fx-${Math.floor(i / 5)}`, value: i < 5 ? 1 : 0 }));
    expect(meanDesignEffect(together)).toBeGreaterThan(4);
    expect(meanDesignEffect([])).toBe(1);
  });
});
