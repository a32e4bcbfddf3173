import { z } from 'zod';
import { checkValue, parseYamlText } from '../load/yaml.js';
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

/**
 * A contract as people first write it: every part may be missing, because saying what is missing is
 * preflight's job. Accepts a task.yaml (with `contract:`) or a bare contract.
 */
const LooseContractSchema = z.looseObject({
  goal: z.string().optional(),
  background: z.string().optional(),
  scope: z.looseObject({ allow: z.array(z.string()).optional(), deny: z.array(z.string()).optional() }).optional(),
  done: z.array(z.union([z.looseObject({ id: z.string().optional(), text: z.string() }), z.string()])).optional(),
  verify: z.array(z.string()).optional(),
  failure: z.string().optional(),
  risk: z.array(z.string()).optional(),
  delivery: z.string().optional(),
});

export type LooseContract = z.infer<typeof LooseContractSchema>;

export async function readContractFile(file: string): Promise<LooseContract> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: ${error.code === 'ENOENT' ? 'file not found' : `cannot read (${error.code})`}`);
  });
  const value = parseYamlText(text, file, z.unknown());
  const contract = value && typeof value === 'object' && 'contract' in value ? (value as { contract: unknown }).contract : value;
  return checkValue(contract ?? {}, file, LooseContractSchema);
}
