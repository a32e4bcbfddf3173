import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { ContractSchema, LimitsSchema, TaskSchema, type Task } from '../schemas/task.js';
import { checkValue, parseYamlText } from './yaml.js';

/**
 * Reads a goal contract for judging a real repository: a fixture's task.yaml (checked as one), or a
 * file that holds only the contract (with an optional `limits:`), whose id is then the file name.
 */
export async function readTaskFile(file: string): Promise<Task> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: ${error.code === 'ENOENT' ? 'file not found' : `cannot read (${error.code ?? 'unknown error'})`}`);
  });
  const value = parseYamlText(text, file, z.unknown());
  if (value && typeof value === 'object' && 'contract' in value) return checkValue(value, file, TaskSchema);
  const { limits, ...contract } = (value ?? {}) as Record<string, unknown>;
  const id = path.basename(file).replace(/\.(ya?ml|json)$/i, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-') || 'repo';
  return {
    id,
    title: id,
    tags: [],
    solvable: true,
    contract: checkValue(contract, file, ContractSchema),
    limits: checkValue(limits ?? {}, file, LimitsSchema),
  };
}
