import { formatP, formatRate, formatRateWithInterval, formatRelative, formatSigned as signed } from '../reporters/format.js';
import { formatShare } from '../reporters/repeats-table.js';
import type { RepeatSummary } from '../stats/repeats.js';
import { label, type CostDelta, type Flip, type RateDelta } from './compare.js';
import type { GateCheck } from './gate.js';
import type { Comparison, JudgeComparisonWithPairing } from './index.js';

/** Lists of improvements are cut here; regressions are always listed in full. */
const BETTER_LIMIT = 20;

/** The text `stopbench compare` prints: per judge, the rate deltas, McNemar's test, the flips, the gate. */
export function renderComparison(comparison: Comparison, checks: readonly GateCheck[]): string {
  const lines = [`BASE ${comparison.base}`, `NEW  ${comparison.new}`];
  for (const note of comparison.notes) lines.push(`note: ${note}`);
  for (const judge of comparison.judges) lines.push('', ...renderJudge(judge));
  lines.push(
    '',
    'Intervals are 95% and clustered by fixture (a fixture\'s episodes are not independent): each rate\'s is Wilson\'s',
    'on the effective sample size n / design effect. paired: Newcombe\'s square-and-add interval for paired proportions',
    '(both sides have the same episodes in the denominator), widened by the square root of the design effect of the',
    'per-episode differences. independent: Newcombe\'s hybrid score interval of the two clustered rates, used when the',
    'denominators differ (it ignores the pairing, so it is conservative). McNemar\'s exact test counts episodes that',
    'stopped right (correct-done or correct-blocked) on one side only.',
    '',
    ...renderGate(checks),
  );
  return `${lines.join('\n')}\n`;
}

function renderJudge(c: JudgeComparisonWithPairing): string[] {
  const unpaired = c.onlyBase.length + c.onlyNew.length;
  const lines = [
    `Judge ${label(c.baseJudge, c.newJudge)}: ${c.pairs} episodes paired by (fixture, agent, trajectory, repeat)` +
      (unpaired ? `; not compared: ${c.onlyBase.length} only in BASE, ${c.onlyNew.length} only in NEW` : ''),
    '',
  ];
  const table = [['rate', 'BASE', 'NEW', 'change', '95% interval', 'interval'], ...c.rates.map(rateRow)];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  for (const row of table) lines.push(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}`);
  const s = c.correctStops;
  lines.push(
    '',
    `  correct stops  ${s.base}/${c.pairs} → ${s.new}/${c.pairs}: ${s.worse} worse, ${s.better} better; McNemar exact p = ${formatP(s.pValue)}`,
    `  judge cost     ${renderCost(c.cost)}`,
    `  agreement      Cohen's kappa ${c.agreement.kappa === null ? 'n/a (one status throughout)' : c.agreement.kappa.toFixed(2)} on the episodes' final status (done, blocked, exhausted, error)`,
    `  detectable     ${c.agreement.detectableFalseDoneChange === null ? 'n/a' : `a false-done rate change of ${c.agreement.detectableFalseDoneChange.toFixed(3)}`} at alpha 0.05 with 80% power (${c.pairs} episodes in ${c.agreement.fixtures} fixtures)`,
    ...(c.repeats ? renderRepeats(c.repeats) : []),
    '',
    ...flipList(`Worse (right → wrong): ${c.worse.length}`, c.worse, Infinity),
    ...flipList(`Better (wrong → right): ${c.better.length}`, c.better, BETTER_LIMIT),
    ...flipList(`Changed, right or wrong both times: ${c.changed.length}`, c.changed, BETTER_LIMIT),
  );
  return lines;
}

/** Both sides' verdict flip rates and pass^k (k = their repeats), when either side ran repeats. */
function renderRepeats(repeats: { base: RepeatSummary | null; new: RepeatSummary | null }): string[] {
  const flip = (r: RepeatSummary | null) => (r ? formatRateWithInterval(r.flip) : 'no repeats');
  const passAll = (r: RepeatSummary | null) => (r ? `pass^${r.repeats} ${formatShare(r.passK.at(-1)?.passAll)}` : 'no repeats');
  return [
    `  flip rate      ${flip(repeats.base)} → ${flip(repeats.new)}: units (fixture, agent, trajectory) whose judge decisions changed between repeats`,
    `  pass^k         ${passAll(repeats.base)} → ${passAll(repeats.new)}: every one of k repeats stopped right, averaged over units`,
  ];
}

function rateRow(r: RateDelta): string[] {
  const delta = r.delta === null ? 'n/a' : signed(r.delta);
  const interval = r.interval ? `[${signed(r.interval.low)}, ${signed(r.interval.high)}]` : '-';
  return [r.metric, formatRate(r.base), formatRate(r.new), delta, interval, r.method === 'newcombe-paired' ? 'paired' : 'independent'];
}

function renderCost(cost: CostDelta): string {
  const show = (n: number) => (cost.measure === 'judge-usd' ? `$${n.toFixed(4)}` : n < 1000 ? `${Math.round(n)}ms` : `${(n / 1000).toFixed(1)}s`);
  const what = cost.measure === 'judge-usd' ? 'judge USD' : 'judge wall time (every price $0 or unknown)';
  return `${show(cost.base)} → ${show(cost.new)} ${what}: ${formatRelative(cost.relative)}`;
}

function flipList(title: string, flips: readonly Flip[], limit: number): string[] {
  if (flips.length === 0) return [`  ${title}`];
  const width = Math.max(...flips.map((f) => f.name.length));
  const lines = [`  ${title}`];
  for (const f of flips.slice(0, limit)) lines.push(`    ${f.name.padEnd(width)}  ${f.before} → ${f.after}`);
  if (flips.length > limit) lines.push(`    … and ${flips.length - limit} more (--json lists all)`);
  return lines;
}

function renderGate(checks: readonly GateCheck[]): string[] {
  if (checks.length === 0) return ['Gate: no thresholds given; nothing gated.'];
  const lines = ['Gate:'];
  for (const check of checks) lines.push(`  ${check.failed ? 'FAIL' : 'ok  '}  ${check.judge}: ${check.rule}: ${check.message}`);
  const failed = checks.filter((c) => c.failed).length;
  lines.push(failed ? `Regression: ${failed} threshold(s) crossed.` : 'No threshold crossed.');
  return lines;
}
