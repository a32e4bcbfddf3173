import { label, type JudgeComparison } from './compare.js';
import { formatRelative, formatSigned as signed } from '../reporters/format.js';
import type { ComparedMetric } from './metrics.js';

/** The CI thresholds of `stopbench compare`; each is off unless given. */
export interface GateOptions {
  /** NEW's false-done rate may not exceed this (absolute, 0..1). */
  maxFalseDoneRate?: number | undefined;
  /** NEW's false-done rate may not rise by more than this (absolute points, 0.05 = 5 points). */
  maxFalseDoneIncrease?: number | undefined;
  /** NEW's premature-stop rate may not rise by more than this (absolute points). */
  maxPrematureIncrease?: number | undefined;
  /** NEW's judge cost may not rise by more than this fraction of BASE's (0.2 = +20%). */
  maxCostIncrease?: number | undefined;
  /** Fail when more episodes went right → wrong than wrong → right and McNemar's p is below this. */
  alpha?: number | undefined;
}

/** One threshold applied to one judge comparison. */
export interface GateCheck {
  judge: string;
  rule: string;
  limit: number;
  /** The figure compared with the limit; null when it is n/a (no failure). */
  actual: number | null;
  failed: boolean;
  message: string;
}

// Rates are ratios of small counts: 0.3 − 0.1 must not exceed a limit of 0.2 by rounding error.
const EPSILON = 1e-9;
const exceeds = (actual: number | null, limit: number) => actual !== null && actual > limit + EPSILON;
const fmt = (n: number | null) => (n === null ? 'n/a' : n.toFixed(3));

export function applyGate(judges: readonly JudgeComparison[], options: GateOptions): GateCheck[] {
  const checks: GateCheck[] = [];
  for (const c of judges) {
    const judge = label(c.baseJudge, c.newJudge);
    const add = (rule: string, limit: number, actual: number | null, failed: boolean, message: string) =>
      checks.push({ judge, rule, limit, actual, failed, message });
    const metric = (m: ComparedMetric) => c.rates.find((r) => r.metric === m)!;

    if (options.maxFalseDoneRate !== undefined) {
      const actual = metric('false-done').new.value;
      add('max-false-done-rate', options.maxFalseDoneRate, actual, exceeds(actual, options.maxFalseDoneRate),
        `false-done rate ${fmt(actual)} (limit ${options.maxFalseDoneRate})`);
    }
    if (options.maxFalseDoneIncrease !== undefined) {
      const actual = metric('false-done').delta;
      const detectable = c.agreement.detectableFalseDoneChange;
      // A limit inside the detectable margin cannot be told from noise with these episodes: say so.
      const tooFew = detectable !== null && options.maxFalseDoneIncrease < detectable
        ? `; too few episodes to tell a change of ${options.maxFalseDoneIncrease} (the smallest detectable is ${detectable.toFixed(3)})`
        : '';
      add('max-false-done-increase', options.maxFalseDoneIncrease, actual, exceeds(actual, options.maxFalseDoneIncrease),
        `false-done rate change ${signed(actual)} (limit +${options.maxFalseDoneIncrease})${tooFew}`);
    }
    if (options.maxPrematureIncrease !== undefined) {
      const actual = metric('premature-stop').delta;
      add('max-premature-increase', options.maxPrematureIncrease, actual, exceeds(actual, options.maxPrematureIncrease),
        `premature-stop rate change ${signed(actual)} (limit +${options.maxPrematureIncrease})`);
    }
    if (options.maxCostIncrease !== undefined) {
      const { relative, measure } = c.cost;
      const what = measure === 'judge-usd' ? 'judge cost (USD)' : 'judge time (every price $0 or unknown)';
      const failed = relative === null || exceeds(relative, options.maxCostIncrease);
      add('max-cost-increase', options.maxCostIncrease, relative, failed,
        `${what} change ${formatRelative(relative)} (limit +${options.maxCostIncrease * 100}%)`);
    }
    if (options.alpha !== undefined) {
      const { worse, better, pValue } = c.correctStops;
      const failed = worse > better && pValue < options.alpha;
      add('alpha', options.alpha, pValue, failed,
        `McNemar p = ${pValue.toPrecision(3)} with ${worse} worse, ${better} better (fails when worse > better and p < ${options.alpha})`);
    }
  }
  return checks;
}
