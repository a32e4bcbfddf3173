import { checkTaskFile } from '../load/task-file.js';
import type { Problem } from '../load/issues.js';
import { ContractSchema, type Contract } from '../schemas/task.js';

/**
 * A contract as preflight reads it: checked against the one contract schema that `judge`, the hook
 * and fixtures use (src/load/task-file.ts), so preflight never accepts what they refuse. Its parts that
 * pass their own field's schema are kept, so the other checks still say what they can.
 */
export interface PreflightContract {
  /** The parts of the contract that are well formed. */
  contract: Partial<Contract>;
  /** Every schema problem, with its path in the file and the shape expected there. */
  problems: Problem[];
}

export async function readContractFile(file: string): Promise<PreflightContract> {
  const checked = await checkTaskFile(file);
  if (checked.task) return { contract: checked.task.contract, problems: [] };
  return { contract: wellFormedParts(checked.rawContract), problems: checked.problems };
}

function wellFormedParts(raw: unknown): Partial<Contract> {
  if (raw === null || typeof raw !== 'object') return {};
  const parts: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(ContractSchema.shape)) {
    const parsed = schema.safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success && parsed.data !== undefined) parts[key] = parsed.data;
  }
  return parts as Partial<Contract>;
}
