import { Z95 } from '../metrics/stats.js';

/**
 * Cohen's kappa between two raters' decisions on the same items: agreement beyond what their own
 * decision rates would give by chance. Null when there are no items, or when chance agreement is
 * already complete (both always give the same single decision).
 */
export function cohenKappa<T>(pairs: ReadonlyArray<readonly [T, T]>): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const a = new Map<T, number>();
  const b = new Map<T, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (x === y) agree += 1;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  let chance = 0;
  for (const [value, count] of a) chance += (count / n) * ((b.get(value) ?? 0) / n);
  if (chance === 1) return null;
  return (agree / n - chance) / (1 - chance);
}

const Z_80 = 0.8416212335729143;

/**
 * The smallest true change that a two-sided test at alpha 0.05 detects with 80% power, from the 95%
 * interval of the observed change: (z_0.975 + z_0.8) standard errors, where the interval's half-width
 * is z_0.975 of them. With a clustered interval, the answer respects the clustering too.
 */
export function detectableChange(interval: { low: number; high: number }): number {
  return ((Z95 + Z_80) / Z95) * ((interval.high - interval.low) / 2);
}
