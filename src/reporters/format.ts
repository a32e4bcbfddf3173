import type { Rate } from '../metrics/stats.js';

/** `0.42`, or `n/a` for an empty denominator (never NaN). */
export function formatValue(rate: Rate, digits = 2): string {
  return rate.value === null ? 'n/a' : rate.value.toFixed(digits);
}

/** `0.42 (5/12)`. */
export function formatRate(rate: Rate): string {
  return rate.value === null ? `n/a (0/0)` : `${rate.value.toFixed(2)} (${rate.numerator}/${rate.denominator})`;
}

/** `0.42 (5/12) [0.19, 0.68]`. */
export function formatRateWithInterval(rate: Rate): string {
  if (rate.value === null || rate.low === null || rate.high === null) return formatRate(rate);
  return `${formatRate(rate)} [${rate.low.toFixed(2)}, ${rate.high.toFixed(2)}]`;
}

/** `$0.0123`, `$0` or `unknown` when some price was not known. */
export function formatUsd(usd: number | null): string {
  if (usd === null) return 'unknown';
  if (usd === 0) return '$0';
  return `$${usd < 0.01 ? usd.toPrecision(2) : usd.toFixed(4)}`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** A p-value: four decimals, or scientific notation below 0.0001 (`3.2e-7`), so it never reads as 0. */
export function formatP(p: number): string {
  return p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
}

/** `+0.125`, `-0.050`; `n/a` for a change that has no value. */
export function formatSigned(n: number | null, digits = 3): string {
  if (n === null) return 'n/a';
  return `${n >= 0 ? '+' : ''}${n.toFixed(digits)}`;
}

/** `+12.5%`, or `×268` when the change is too big for a percentage to read well; null is a rise from 0. */
export function formatRelative(relative: number | null): string {
  if (relative === null) return 'up from nothing';
  return relative >= 9 ? `×${(relative + 1).toFixed(0)}` : `${formatSigned(relative * 100, 1)}%`;
}
