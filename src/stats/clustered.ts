import { rate } from '../metrics/stats.js';

/** One yes/no observation and the cluster it belongs to (its fixture: episodes of one task are alike). */
export interface ClusteredObservation {
  cluster: string;
  hit: boolean;
}

export interface ClusteredRate {
  numerator: number;
  denominator: number;
  value: number | null;
  low: number | null;
  high: number | null;
  clusters: number;
  /** How much the clustering inflates the variance over independent episodes (>= 1). */
  designEffect: number;
}

export const CLUSTERED_METHOD =
  'Wilson 95% interval on the effective sample size n / DEFF, where the design effect DEFF (at least 1) is the cluster-robust variance of the rate, clustered by fixture, over the variance of independent episodes';

/**
 * A rate whose 95% interval respects clustering: episodes of one fixture share a task and states, so
 * 600 episodes of 80 fixtures carry less information than 600 independent ones. The cluster-robust
 * (sandwich) variance of the ratio estimate, with the G/(G-1) small-sample factor, gives the design
 * effect; the Wilson interval on n / DEFF keeps good behaviour at 0, 1 and small n.
 */
export function clusteredRate(observations: readonly ClusteredObservation[]): ClusteredRate {
  const byCluster = new Map<string, { n: number; y: number }>();
  for (const { cluster, hit } of observations) {
    const c = byCluster.get(cluster) ?? { n: 0, y: 0 };
    c.n += 1;
    if (hit) c.y += 1;
    byCluster.set(cluster, c);
  }
  const n = observations.length;
  const y = observations.filter((o) => o.hit).length;
  const clusters = byCluster.size;
  const designEffect = designEffectOf([...byCluster.values()], n, y);
  const effective = rate((y / Math.max(1, n)) * (n / designEffect), n / designEffect);
  if (n === 0) return { numerator: 0, denominator: 0, value: null, low: null, high: null, clusters, designEffect };
  return { numerator: y, denominator: n, value: y / n, low: effective.low, high: effective.high, clusters, designEffect };
}

function designEffectOf(clusters: ReadonlyArray<{ n: number; y: number }>, n: number, y: number): number {
  const g = clusters.length;
  if (n === 0 || g < 2) return 1;
  const p = y / n;
  const independent = (p * (1 - p)) / n;
  if (independent === 0) return 1;
  let sum = 0;
  for (const c of clusters) sum += (c.y - p * c.n) ** 2;
  const robust = ((g / (g - 1)) * sum) / (n * n);
  return Math.max(1, robust / independent);
}

/**
 * The design effect of a mean of per-item values (e.g. paired differences, -1, 0 or 1) clustered by
 * fixture: cluster-robust variance over the variance of independent items, at least 1.
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
