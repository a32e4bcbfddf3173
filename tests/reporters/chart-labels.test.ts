import { describe, expect, it } from 'vitest';
import { LABEL_GAP, stackLabels } from '../../src/reporters/html/chart-labels.js';

/** The label column of the cost chart: the browser test measures the drawn labels, this the arithmetic. */
describe('stackLabels', () => {
  const gaps = (ys: number[]) => [...ys].sort((a, b) => a - b).slice(1).map((y, i) => y - [...ys].sort((a, b) => a - b)[i]!);

  it('keeps labels at their points when they are apart, and pushes coinciding ones at least a gap apart', () => {
    expect(stackLabels([50, 150, 250], 16, 308).ys).toEqual([54, 154, 254]);
    const same = stackLabels([100, 100, 101, 300], 16, 308).ys;
    expect(Math.min(...gaps(same))).toBeGreaterThanOrEqual(LABEL_GAP);
    expect(same[3]).toBe(304);
  });

  it('keeps the order of the points, stays inside the plot near its bottom, and grows past it only when the labels cannot fit', () => {
    const low = stackLabels([300, 305, 306], 16, 308);
    expect(low.ys[0]! < low.ys[1]! && low.ys[1]! < low.ys[2]!).toBe(true);
    expect(Math.max(...low.ys)).toBeLessThanOrEqual(308);
    expect(low.bottom).toBe(308);
    const many = stackLabels(Array.from({ length: 30 }, () => 200), 16, 308);
    expect(Math.min(...gaps(many.ys))).toBeGreaterThanOrEqual(LABEL_GAP);
    expect(many.bottom).toBe(Math.max(...many.ys));
    expect(many.bottom).toBeGreaterThan(308);
  });
});
