import type { Contract } from '../schemas/task.js';

/** The goal contract as Markdown, for judge prompts and the LLM agents' task prompt. */
export function contractText(contract: Contract): string {
  const lines = [`Goal: ${contract.goal}`];
  if (contract.background) lines.push(`Background: ${contract.background}`);
  if (contract.scope?.allow?.length) lines.push(`May change: ${contract.scope.allow.join(', ')}`);
  if (contract.scope?.deny?.length) lines.push(`Must not change: ${contract.scope.deny.join(', ')}`);
  lines.push('Definition of done:', doneCriteriaText(contract));
  lines.push('Verification commands (run in the repository root):', ...contract.verify.map((c) => `- ${c}`));
  if (contract.failure) lines.push(`If it cannot be done: ${contract.failure}`);
  if (contract.risk?.length) lines.push(`Ask before: ${contract.risk.join('; ')}`);
  if (contract.delivery) lines.push(`Deliver: ${contract.delivery}`);
  return lines.join('\n');
}

/** `- tests: node --test passes with every test running`, one line per criterion. */
export function doneCriteriaText(contract: Contract): string {
  return contract.done.map((d) => `- ${d.id}: ${d.text}`).join('\n');
}
