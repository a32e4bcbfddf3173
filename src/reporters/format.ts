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
