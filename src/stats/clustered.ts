import { rate, type Rate } from '../metrics/stats.js';

/** One yes/no observation and the cluster it belongs to (its fixture: episodes of one task are alike). */
export interface ClusteredObservation {
  cluster: string;
  hit: boolean;
}

/** A rate (src/metrics/stats.ts) whose interval is clustered: how many clusters, and how much they widened it. */
export type ClusteredRate = Rate & {
  clusters: number;
  /** How much the clustering inflates the variance over independent episodes (>= 1). */
  designEffect: number;
};

/**
 * A rate whose 95% interval respects clustering: episodes of one fixture share a task and states, so
 * 600 episodes of 80 fixtures carry less information than 600 independent ones. The design effect is
 * that of the mean of the 0/1 hits (meanDesignEffect); the Wilson interval on n / design effect keeps
 * good behaviour at 0, 1 and small n.
 */
export function clusteredRate(observations: readonly ClusteredObservation[]): ClusteredRate {
  const n = observations.length;
  const y = observations.filter((o) => o.hit).length;
  const clusters = new Set(observations.map((o) => o.cluster)).size;
  const designEffect = meanDesignEffect(observations.map((o) => ({ cluster: o.cluster, value: o.hit ? 1 : 0 })));
  const effective = rate(y / designEffect, n / designEffect);
  return { ...effective, numerator: y, denominator: n, value: n === 0 ? null : y / n, clusters, designEffect };
}

/**
 * The design effect of a mean of per-item values (0/1 hits, or paired differences -1, 0, 1) clustered
 * by fixture: the cluster-robust (sandwich) variance, with the G/(G-1) small-sample factor, over the
 * variance of independent items; at least 1.
 */
export function meanDesignEffect(values: ReadonlyArray<{ cluster: string; value: number }>): number {
  const n = values.length;
  if (n === 0) return 1;
  const mean = values.reduce((sum, v) => sum + v.value, 0) / n;
  const sums = new Map<string, number>();
  let independent = 0;
  for (const { cluster, value } of values) {
    sums.set(cluster, (sums.get(cluster) ?? 0) + (value - mean));
    independent += (value - mean) ** 2;
  }
  const g = sums.size;
  if (g < 2 || independent === 0) return 1;
  let robust = 0;
  for (const sum of sums.values()) robust += sum * sum;
  return Math.max(1, ((g / (g - 1)) * robust) / independent);
}
