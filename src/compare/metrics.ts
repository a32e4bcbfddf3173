import type { EpisodeResult } from '../schemas/result.js';

/** The rates `compare` gates on, named as in SPEC section 5. */
export const COMPARED_METRICS = ['false-done', 'premature-stop', 'over-run', 'success'] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number];

/**
 * Each rate of SPEC section 5 as a per-episode indicator: whether the episode counts in the
 * denominator, and whether it counts in the numerator. Per episode, so two runs can be paired episode
 * by episode; tests check they agree with computeRates.
 */
export interface EpisodeIndicator {
  counts(episode: EpisodeResult): boolean;
  hit(episode: EpisodeResult): boolean;
}

const stopped = (e: EpisodeResult) => e.status === 'done' || e.status === 'blocked';
const judged = (e: EpisodeResult) => e.checkpoints.filter((c) => c.decision !== undefined);

export const INDICATORS: Record<ComparedMetric, EpisodeIndicator> = {
  'false-done': {
    counts: (e) => e.status === 'done',
    hit: (e) => e.outcome === 'false-done',
  },
  'premature-stop': {
    counts: (e) => e.reachable,
    hit: (e) => stopped(e) && e.finalLabel === 'incomplete' && e.reachableLater,
  },
  'over-run': {
    counts: (e) => judged(e).some((c) => c.label === 'complete'),
    hit: (e) => judged(e).some((c) => c.label === 'complete' && c.decision === 'continue'),
  },
  success: {
    counts: () => true,
    hit: (e) => stopped(e) && e.finalLabel === 'complete',
  },
};

/** Rates where a lower value is better; success is the one where higher is better. */
export function lowerIsBetter(metric: ComparedMetric): boolean {
  return metric !== 'success';
}
