import { z } from 'zod';

/** One verifiable completion criterion of a goal contract. */
export const DoneCriterionSchema = z.strictObject({
  id: z.string().min(1),
  text: z.string().min(1),
});

/** Globs (picomatch, dot: true) of what the agent may change; `deny` wins over `allow`. */
export const ScopeSchema = z.strictObject({
  allow: z.array(z.string().min(1)).optional(),
  deny: z.array(z.string().min(1)).optional(),
});

/** What the agent was asked: SPEC section 2, task.yaml `contract`. */
export const ContractSchema = z.strictObject({
  goal: z.string().min(1),
  background: z.string().optional(),
  scope: ScopeSchema.optional(),
  done: z.array(DoneCriterionSchema).min(1),
  verify: z.array(z.string().min(1)).min(1),
  failure: z.string().optional(),
  risk: z.array(z.string().min(1)).optional(),
  delivery: z.string().optional(),
});

export const LimitsSchema = z.strictObject({
  /** Most turns an episode may take. Default 5. */
  turns: z.number().int().positive().default(5),
  /** Timeout of one command in milliseconds. Default 60000. */
  commandTimeoutMs: z.number().int().positive().default(60_000),
});

export const TaskSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a lowercase id of letters, digits, dots, dashes'),
  title: z.string().min(1),
  tags: z.array(z.string().min(1)).default([]),
  solvable: z.boolean().default(true),
  /** Optional: a drafted contract (`stopbench fixture from-commit`) that a person has not edited yet. */
  draft: z.boolean().optional(),
  contract: ContractSchema,
  limits: LimitsSchema.default({ turns: 5, commandTimeoutMs: 60_000 }),
});

export type Contract = z.infer<typeof ContractSchema>;
export type Scope = z.infer<typeof ScopeSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type Limits = z.infer<typeof LimitsSchema>;

/**
 * A file that holds only a contract (for `judge`, `hook` and `preflight` on a real repository): the
 * contract's fields at the top level, with an optional `limits:`. Its id is the file's name.
 */
export const ContractFileSchema = ContractSchema.extend({
  limits: LimitsSchema.optional(),
});
