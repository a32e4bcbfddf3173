import { isCorrectStop } from '../metrics/paired.js';
import { mcnemarExact, rate, type Rate } from '../metrics/stats.js';
import { addUsd } from '../metrics/summary.js';
import type { Outcome } from '../schemas/result.js';
import { newcombeHybrid, newcombePaired, type DeltaInterval } from './intervals.js';
import { COMPARED_METRICS, INDICATORS, type ComparedMetric } from './metrics.js';
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
}

export function compareJudgePairs(baseJudge: string, newJudge: string, pairs: readonly EpisodePair[]): JudgeComparison {
  const worse: Flip[] = [];
  const better: Flip[] = [];
  const changed: Flip[] = [];
  let baseRight = 0;
  let newRight = 0;
  for (const pair of pairs) {
    const before = isCorrectStop(pair.base);
    const after = isCorrectStop(pair.new);
    if (before) baseRight += 1;
    if (after) newRight += 1;
    const flip = { name: pair.name, before: pair.base.outcome, after: pair.new.outcome };
    if (before && !after) worse.push(flip);
    else if (!before && after) better.push(flip);
    else if (flip.before !== flip.after) changed.push(flip);
  }
  return {
    baseJudge,
    newJudge,
    pairs: pairs.length,
    rates: COMPARED_METRICS.map((metric) => rateDelta(metric, pairs)),
    correctStops: {
      base: baseRight, new: newRight, worse: worse.length, better: better.length,
      pValue: mcnemarExact(worse.length, better.length),
    },
    worse: byName(worse),
    better: byName(better),
    changed: byName(changed),
    cost: costDelta(pairs),
  };
}

/** Flips sorted by episode name, so the same runs always list them in the same order. */
function byName(flips: Flip[]): Flip[] {
  return flips.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function rateDelta(metric: ComparedMetric, pairs: readonly EpisodePair[]): RateDelta {
  const { counts, hit } = INDICATORS[metric];
  const tally = (side: 'base' | 'new') => {
    const inDenominator = pairs.filter((p) => counts(p[side]));
    return rate(inDenominator.filter((p) => hit(p[side])).length, inDenominator.length);
  };
  const base = tally('base');
  const next = tally('new');
  const delta = base.value === null || next.value === null ? null : next.value - base.value;
  const sameDenominator = pairs.every((p) => counts(p.base) === counts(p.new));
  if (!sameDenominator) return { metric, base, new: next, delta, interval: newcombeHybrid(next, base), method: 'newcombe-hybrid' };
  const table = { both: 0, onlyNew: 0, onlyBase: 0, neither: 0 };
  for (const p of pairs) {
    if (!counts(p.base)) continue;
    const b = hit(p.base);
    const n = hit(p.new);
    if (b && n) table.both += 1;
    else if (n) table.onlyNew += 1;
    else if (b) table.onlyBase += 1;
    else table.neither += 1;
  }
  return { metric, base, new: next, delta, interval: newcombePaired(table), method: 'newcombe-paired' };
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
