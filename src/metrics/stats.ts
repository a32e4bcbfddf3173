/** A rate with its counts and Wilson 95% interval; `value` is null (n/a) when the denominator is 0. */
export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
  low: number | null;
  high: number | null;
}

/** The standard normal's 97.5% quantile: a two-sided 95% interval is ±Z95 standard errors. */
export const Z95 = 1.959963984540054;

/** The Wilson score interval: well-behaved at 0, 1 and small n, unlike the normal approximation. */
export function rate(numerator: number, denominator: number): Rate {
  if (denominator === 0) return { numerator, denominator, value: null, low: null, high: null };
  const p = numerator / denominator;
  const z2 = Z95 * Z95;
  const scale = 1 + z2 / denominator;
  const center = (p + z2 / (2 * denominator)) / scale;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / denominator + z2 / (4 * denominator * denominator))) / scale;
  return { numerator, denominator, value: p, low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

/**
 * McNemar's exact test on paired binary outcomes: `b` pairs went one way, `c` the other. Two-sided
 * p-value from the binomial(b + c, 1/2) distribution; 1 when nothing changed.
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // Sum binomial probabilities in log space so large n does not overflow.
  let logCoef = 0; // log C(n, 0)
  let tail = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logCoef += Math.log(n - i + 1) - Math.log(i);
    tail += Math.exp(logCoef - n * Math.LN2);
  }
  return Math.min(1, 2 * tail);
}
