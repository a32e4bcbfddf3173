import type { GroupSummary } from '../metrics/summary.js';
import type { RepeatSummary } from '../stats/repeats.js';
import { formatRateWithInterval } from './format.js';

/** What the reports say above the Repeats table. */
export const REPEATS_NOTE =
  'Per (agent, judge) over units (agent, fixture, trajectory) judged at least twice: the share whose judge decisions ' +
  'changed between repeats (verdict flips; 95% interval clustered by fixture), the share whose outcome changed, and ' +
  'pass^k: the chance that k repeats of a unit all stopped right (correct-done or correct-blocked), averaged over units. ' +
  'Error episodes are left out and counted.';

/** The groups that ran repeats, each with its figures. */
export function repeatedGroups(summary: readonly GroupSummary[]): Array<GroupSummary & { repeats: RepeatSummary }> {
  return summary.filter((g): g is GroupSummary & { repeats: RepeatSummary } => g.repeats !== undefined);
}

/** The Repeats table as text cells: a header row and one row per repeated group; null when nothing repeated. */
export function repeatsTable(summary: readonly GroupSummary[]): { head: string[]; rows: string[][] } | null {
  const groups = repeatedGroups(summary);
  if (groups.length === 0) return null;
  const most = Math.max(...groups.map((g) => g.repeats.repeats));
  const ks = Array.from({ length: most }, (_, i) => i + 1);
  const head = ['agent', 'judge', 'repeats', 'units', 'verdict flips', 'outcome flips', ...ks.map((k) => `pass^${k}`), `pass@${most}`, 'errors left out'];
  const rows = groups.map(({ agent, judge, repeats: r }) => [
    agent, judge, String(r.repeats), String(r.units), formatRateWithInterval(r.flip), formatRateWithInterval(r.outcomeFlip),
    ...ks.map((k) => formatShare(r.passK[k - 1]?.passAll)),
    formatShare(r.passK[most - 1]?.passAny),
    String(r.errors),
  ]);
  return { head, rows };
}

/** A share to two decimals; `n/a` when no unit counts (or the group ran fewer repeats than the column's k). */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : value.toFixed(2);
}
