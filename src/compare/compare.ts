import type { EpisodeResult } from '../schemas/result.js';
import { cohenKappa, detectableChange } from '../stats/agreement.js';
import { meanDesignEffect } from '../stats/clustered.js';
import { repeatSummary, type RepeatSummary } from '../stats/repeats.js';
import { isCorrectStop, pairCell, pairedCounts, rateOf } from '../metrics/indicators.js';
import { mcnemarExact, type Rate } from '../metrics/stats.js';
import { addUsd } from '../metrics/summary.js';
import type { Outcome } from '../schemas/result.js';
import { newcombeHybrid, newcombePaired, type DeltaInterval } from './intervals.js';
import { COMPARED_INDICATORS, COMPARED_METRICS, type ComparedMetric } from './metrics.js';
import type { EpisodePair } from './pairs.js';

/**
 * How a delta's interval was computed. `paired`: Newcombe's square-and-add for paired proportions,
 * used when both sides have the same episodes in the denominator. `independent`: Newcombe's hybrid
 * score interval, used when the denominators differ (e.g. false-done: the episodes each judge let
 * stop `done`); it ignores the pairing, so it is wider than a paired interval would be.
 */
export type IntervalMethod = 'newcombe-paired' | 'newcombe-hybrid';

export interface RateDelta {
  metric: ComparedMetric;
  base: Rate;
  new: Rate;
  /** new − base; null when either rate is n/a. */
  delta: number | null;
  interval: DeltaInterval | null;
  method: IntervalMethod;
}

/** An episode whose outcome changed. */
export interface Flip {
  name: string;
  before: Outcome;
  after: Outcome;
}

export interface CostDelta {
  /** Judge USD when some price is known and non-zero on either side; else judge wall time. */
  measure: 'judge-usd' | 'judge-ms';
  base: number;
  new: number;
  /** (new − base) / base; null when base is 0 and new is not (an unbounded increase). */
  relative: number | null;
}

/** NEW's judge against BASE's judge on the episodes both ran. */
export interface JudgeComparison {
  baseJudge: string;
  newJudge: string;
  pairs: number;
  rates: RateDelta[];
  /** Per-episode correct stops (correct-done or correct-blocked), McNemar's exact test on them. */
  correctStops: { base: number; new: number; worse: number; better: number; pValue: number };
  /** Right before, wrong after. */
  worse: Flip[];
  /** Wrong before, right after. */
  better: Flip[];
  /** Outcome changed, but right or wrong both times (e.g. false-done → exhausted). */
  changed: Flip[];
  cost: CostDelta;
  agreement: Agreement;
  /** When either side ran repeats: each side's flip rates and pass^k on the paired episodes (null for a side without). */
  repeats?: { base: RepeatSummary | null; new: RepeatSummary | null };
}

export interface Agreement {
  /** Cohen's kappa on the paired episodes' final status; null when it is undefined (one status on both sides). */
  kappa: number | null;
  fixtures: number;
  /** The smallest change of the false-done rate detectable at alpha 0.05 with power 0.8; null when the rate is n/a. */
  detectableFalseDoneChange: number | null;
}

export function compareJudgePairs(baseJudge: string, newJudge: string, pairs: readonly EpisodePair[]): JudgeComparison {
  const worse: Flip[] = [];
  const better: Flip[] = [];
  const changed: Flip[] = [];
  for (const pair of pairs) {
    const flip = { name: pair.name, before: pair.base.outcome, after: pair.new.outcome };
    const cell = pairCell(isCorrectStop(pair.base), isCorrectStop(pair.new));
    if (cell === 'onlyA') worse.push(flip);
    else if (cell === 'onlyB') better.push(flip);
    else if (flip.before !== flip.after) changed.push(flip);
  }
  const stops = pairedCounts(pairs.map((p) => [p.base, p.new] as const), isCorrectStop);
  const rates = COMPARED_METRICS.map((metric) => rateDelta(metric, pairs));
  const baseRepeats = repeatSummary(pairs.map((p) => p.base)) ?? null;
  const newRepeats = repeatSummary(pairs.map((p) => p.new)) ?? null;
  return {
    baseJudge,
    newJudge,
    pairs: pairs.length,
    rates,
    correctStops: {
      base: stops.both + stops.onlyA, new: stops.both + stops.onlyB, worse: stops.onlyA, better: stops.onlyB,
      pValue: mcnemarExact(stops.onlyA, stops.onlyB),
    },
    worse: byName(worse),
    better: byName(better),
    changed: byName(changed),
    cost: costDelta(pairs),
    agreement: agreementOf(pairs, rates.find((r) => r.metric === 'false-done')!),
    ...(baseRepeats || newRepeats ? { repeats: { base: baseRepeats, new: newRepeats } } : {}),
  };
}

/** Flips sorted by episode name, so the same runs always list them in the same order. */
function byName(flips: Flip[]): Flip[] {
  return flips.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function rateDelta(metric: ComparedMetric, pairs: readonly EpisodePair[]): RateDelta {
  const indicator = COMPARED_INDICATORS[metric];
  const fixture = (e: EpisodeResult) => e.fixture;
  const base = rateOf(indicator, pairs.map((p) => p.base), fixture);
  const next = rateOf(indicator, pairs.map((p) => p.new), fixture);
  const delta = base.value === null || next.value === null ? null : next.value - base.value;
  const sameDenominator = pairs.every((p) => indicator.counts(p.base) === indicator.counts(p.new));
  if (!sameDenominator) return { metric, base, new: next, delta, interval: newcombeHybrid(next, base), method: 'newcombe-hybrid' };
  const counted = pairs.filter((p) => indicator.counts(p.base)).map((p) => [p.base, p.new] as const);
  const table = pairedCounts(counted, (e) => indicator.hit(e));
  const paired = newcombePaired({ both: table.both, onlyNew: table.onlyB, onlyBase: table.onlyA, neither: table.neither });
  // Flips cluster too (a fixture's episodes tend to flip together): widen by the design effect of the differences.
  const deff = meanDesignEffect(counted.map(([b, n]) => ({ cluster: b.fixture, value: Number(indicator.hit(n)) - Number(indicator.hit(b)) })));
  const interval = paired && delta !== null ? widen(paired, delta, Math.sqrt(deff)) : paired;
  return { metric, base, new: next, delta, interval, method: 'newcombe-paired' };
}

function widen(interval: DeltaInterval, center: number, factor: number): DeltaInterval {
  return {
    low: Math.max(-1, center - (center - interval.low) * factor),
    high: Math.min(1, center + (interval.high - center) * factor),
  };
}

/**
 * How far the two judges agree, and how small a change these episodes can show: Cohen's kappa on the
 * episodes' final status (done, blocked, ran out of turns, error), and the smallest change of the
 * false-done rate that these episodes detect at alpha 0.05 with 80% power (from its clustered interval).
 */
function agreementOf(pairs: readonly EpisodePair[], falseDone: RateDelta): Agreement {
  return {
    kappa: cohenKappa(pairs.map((p) => [p.base.status, p.new.status] as const)),
    fixtures: new Set(pairs.map((p) => p.base.fixture)).size,
    detectableFalseDoneChange: falseDone.interval ? detectableChange(falseDone.interval) : null,
  };
}

function costDelta(pairs: readonly EpisodePair[]): CostDelta {
  const usd = (side: 'base' | 'new') => pairs.reduce<number | null>((sum, p) => addUsd(sum, p[side].cost.judgeUsd), 0);
  const ms = (side: 'base' | 'new') => pairs.reduce((sum, p) => sum + p[side].cost.judgeMs, 0);
  const baseUsd = usd('base');
  const newUsd = usd('new');
  // Deterministic judges cost $0: their cost is time. Unknown prices cannot be compared either.
  const byUsd = baseUsd !== null && newUsd !== null && (baseUsd > 0 || newUsd > 0);
  const base = byUsd ? baseUsd : ms('base');
  const next = byUsd ? newUsd : ms('new');
  const relative = base > 0 ? (next - base) / base : next > 0 ? null : 0;
  return { measure: byUsd ? 'judge-usd' : 'judge-ms', base, new: next, relative };
}

/** `verify`, or `trust → verify` when two different judges are compared. */
export function label(baseJudge: string, newJudge: string): string {
  return baseJudge === newJudge ? baseJudge : `${baseJudge} → ${newJudge}`;
}
