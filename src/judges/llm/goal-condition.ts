import { doneCriteriaText } from '../../llm/contract-text.js';
import type { Contract } from '../../schemas/task.js';

/** Claude Code's `/goal` takes a condition of at most this many characters. */
export const GOAL_CONDITION_MAX_CHARS = 4000;

/**
 * The contract's definition of done as a `/goal` condition: the criteria, one a line, cut to 4,000
 * characters (the last one kept is `…`, so a reader sees it was cut), as a user would have to cut it.
 */
export function goalCondition(contract: Contract): string {
  const text = doneCriteriaText(contract);
  return text.length <= GOAL_CONDITION_MAX_CHARS ? text : `${text.slice(0, GOAL_CONDITION_MAX_CHARS - 1)}…`;
}
