import type { Contract } from '../schemas/task.js';

/**
 * A goal contract as the task an agent is given: the first prompt of a command agent, and the user
 * prompt of the Claude Code transcript a stop hook reads. Plain text, one section per contract part.
 */
export function renderTask(contract: Contract): string {
  const parts: string[] = [contract.goal.trim()];
  if (contract.background) parts.push(`Background: ${contract.background.trim()}`);
  const scope = contract.scope;
  if (scope?.allow?.length || scope?.deny?.length) {
    const lines = ['Scope:'];
    if (scope.allow?.length) lines.push(`- you may change: ${scope.allow.join(', ')}`);
    if (scope.deny?.length) lines.push(`- do not change: ${scope.deny.join(', ')}`);
    parts.push(lines.join('\n'));
  }
  parts.push(['Done when:', ...contract.done.map((d) => `- ${d.text}`)].join('\n'));
  parts.push(['Verify with:', ...contract.verify.map((c) => `- ${c}`)].join('\n'));
  if (contract.failure) parts.push(`If you cannot finish: ${contract.failure.trim()}`);
  if (contract.risk?.length) parts.push(`Ask before: ${contract.risk.join('; ')}`);
  if (contract.delivery) parts.push(`Deliver: ${contract.delivery.trim()}`);
  return parts.join('\n\n');
}
