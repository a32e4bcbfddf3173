import { EPISODE_INDICATORS, type Indicator } from '../metrics/indicators.js';
import type { EpisodeResult } from '../schemas/result.js';

/** The rates `compare` gates on, named as in SPEC section 5. */
export const COMPARED_METRICS = ['false-done', 'premature-stop', 'over-run', 'success'] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number];

/** Each compared rate's one definition (src/metrics/indicators.ts), so `compare` and the summaries agree. */
export const COMPARED_INDICATORS: Record<ComparedMetric, Indicator<EpisodeResult>> = {
  'false-done': EPISODE_INDICATORS.falseDone,
  'premature-stop': EPISODE_INDICATORS.prematureStop,
  'over-run': EPISODE_INDICATORS.overrun,
  success: EPISODE_INDICATORS.success,
};

/** Rates where a lower value is better; success is the one where higher is better. */
export function lowerIsBetter(metric: ComparedMetric): boolean {
  return metric !== 'success';
}
