import type { CriterionVerdict } from '../../schemas/judging.js';
import type { Contract } from '../../schemas/task.js';
import type { CheckId, Finding } from './check.js';
import { criteriaCoverage } from './coverage.js';

/** What an uncovered done criterion does to the decision: `note` (default) says so and decides on the rest; `continue` sends the agent back. */
export type UncoveredMode = 'continue' | 'note';

export interface CriteriaAccount {
  /** One `done:<id>` entry per done criterion: met when every check covering it is met; `unknown` when none covers it. */
  criteria: CriterionVerdict[];
  /** Done criteria no enabled check covers. */
  uncovered: Array<{ id: string; text: string }>;
}

/** Accounts for every done criterion of the contract with the findings of the checks that cover it. */
export function accountForCriteria(contract: Contract, findings: readonly Finding[], enabled: readonly CheckId[]): CriteriaAccount {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const criteria: CriterionVerdict[] = [];
  const uncovered: CriteriaAccount['uncovered'] = [];
  for (const coverage of criteriaCoverage(contract, enabled)) {
    const id = `done:${coverage.id}`;
    // Skipped checks (no transcript) said nothing; what covers the criterion is what did decide.
    const deciding = coverage.checks.map((c) => byId.get(c)).filter((f): f is Finding => f !== undefined && f.status === undefined);
    if (deciding.length === 0) {
      uncovered.push({ id: coverage.id, text: coverage.text });
      const why = coverage.checks.length > 0 ? `only skipped checks cover it (${coverage.checks.join(', ')})` : 'no verify command, scope rule, test or report check covers it';
      criteria.push({ id, met: false, status: 'unknown', evidence: `uncovered: "${coverage.text}": ${why}` });
      continue;
    }
    const unmet = deciding.filter((f) => !f.met).map((f) => f.id);
    const via = deciding.map((f) => f.id).join(', ');
    criteria.push({ id, met: unmet.length === 0, evidence: unmet.length === 0 ? `covered by ${via}: met` : `covered by ${via}: not met (${unmet.join(', ')})` });
  }
  return { criteria, uncovered };
}

/** The line an uncovered criterion adds to the feedback. */
export function uncoveredLine(uncovered: CriteriaAccount['uncovered']): string {
  return `no check covers done criteria ${uncovered.map((u) => `${u.id} ("${u.text}")`).join(', ')}: this judge cannot tell whether they hold`;
}
