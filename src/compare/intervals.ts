import { rate, type Rate } from '../metrics/stats.js';

/** A 95% interval for a difference of two proportions, `new - base`. */
export interface DeltaInterval {
  low: number;
  high: number;
}

/**
 * Newcombe's hybrid score interval (1998a, method 10) for the difference of two independent
 * proportions: square-and-add of the two Wilson intervals. Null when either denominator is 0.
 */
export function newcombeHybrid(next: Rate, base: Rate): DeltaInterval | null {
  if (next.value === null || base.value === null) return null;
  const d = next.value - base.value;
  const low = d - Math.hypot(next.value - next.low!, base.high! - base.value);
  const high = d + Math.hypot(next.high! - next.value, base.value - base.low!);
  return { low: Math.max(-1, low), high: Math.min(1, high) };
}

/**
 * The paired 2×2 table of one binary indicator over the same items: `both` true on both sides,
 * `onlyNew` true only in NEW, `onlyBase` true only in BASE, `neither`.
 */
export interface PairedTable {
  both: number;
  onlyNew: number;
  onlyBase: number;
  neither: number;
}

/**
 * Newcombe's square-and-add interval for paired proportions (1998b, method 10): the two Wilson
 * intervals combined with the continuity-corrected correlation φ of the paired table, so agreement
 * between the two sides narrows the interval. Null for an empty table.
 */
export function newcombePaired(table: PairedTable): DeltaInterval | null {
  const { both, onlyNew, onlyBase, neither } = table;
  const n = both + onlyNew + onlyBase + neither;
  if (n === 0) return null;
  const next = rate(both + onlyNew, n);
  const base = rate(both + onlyBase, n);
  const p1 = next.value!;
  const p2 = base.value!;
  const d = p1 - p2;
  const phi = correlation(table, n);
  const dl1 = p1 - next.low!;
  const du1 = next.high! - p1;
  const dl2 = p2 - base.low!;
  const du2 = base.high! - p2;
  const low = d - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2));
  const high = d + Math.sqrt(Math.max(0, du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2));
  return { low: Math.max(-1, low), high: Math.min(1, high) };
}

/** φ with Newcombe's continuity correction: positive agreement below n/2 counts as none. */
function correlation({ both, onlyNew, onlyBase, neither }: PairedTable, n: number): number {
  const rows = (both + onlyNew) * (onlyBase + neither) * (both + onlyBase) * (onlyNew + neither);
  if (rows === 0) return 0;
  const a = both * neither - onlyNew * onlyBase;
  const corrected = a > n / 2 ? a - n / 2 : a >= 0 ? 0 : a;
  return corrected / Math.sqrt(rows);
}
