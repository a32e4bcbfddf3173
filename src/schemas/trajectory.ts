import { z } from 'zod';

export const PERSONAS = [
  'diligent', 'lazy', 'cheater', 'overreacher', 'bluffer', 'quitter', 'honest-blocked', 'overrunner',
] as const;

export const ClaimSchema = z.enum(['done', 'blocked']);

const STEP_KINDS = ['run', 'edit', 'write', 'delete', 'say'] as const;

/**
 * A step is a map with exactly one key naming its kind (SPEC section 2). Parsed as one strict object
 * so that errors name the exact field (`turns[0].steps[2].edit.old`), then turned into a tagged union.
 */
export const StepSchema = z
  .strictObject({
    run: z.string().min(1).optional(),
    edit: z.strictObject({ path: z.string().min(1), old: z.string().min(1, 'a non-empty old text'), new: z.string() }).optional(),
    write: z.strictObject({ path: z.string().min(1), content: z.string() }).optional(),
    delete: z.string().min(1).optional(),
    say: z.string().optional(),
  })
  .refine((step) => STEP_KINDS.filter((kind) => step[kind] !== undefined).length === 1, {
    message: `exactly one step kind of ${STEP_KINDS.join(', ')}`,
  })
  .transform((step): Step => {
    if (step.run !== undefined) return { kind: 'run', command: step.run };
    if (step.edit) return { kind: 'edit', ...step.edit };
    if (step.write) return { kind: 'write', ...step.write };
    if (step.delete !== undefined) return { kind: 'delete', path: step.delete };
    return { kind: 'say', text: step.say ?? '' };
  });

/** A parsed trajectory step. */
export type Step =
  | { kind: 'run'; command: string }
  | { kind: 'edit'; path: string; old: string; new: string }
  | { kind: 'write'; path: string; content: string }
  | { kind: 'delete'; path: string }
  | { kind: 'say'; text: string };

/** A parsed step back in its file form (`run: ...`, `edit: {...}`): what StepSchema reads as this step. */
export function stepFileForm(step: Step): Record<string, unknown> {
  switch (step.kind) {
    case 'run': return { run: step.command };
    case 'edit': return { edit: { path: step.path, old: step.old, new: step.new } };
    case 'write': return { write: { path: step.path, content: step.content } };
    case 'delete': return { delete: step.path };
    case 'say': return { say: step.text };
  }
}

export const TrajectoryTurnSchema = z.strictObject({
  steps: z.array(StepSchema).default([]),
  claim: ClaimSchema,
  report: z.string(),
  /** Optional: the recorded agent's model usage in this turn (an imported session's); counted as agent cost. */
  usage: z.strictObject({
    inputTokens: z.number().nonnegative(),
    outputTokens: z.number().nonnegative(),
    /** Default null: the price is unknown. */
    costUsd: z.number().nonnegative().nullable().default(null),
  }).optional(),
});

export const TrajectorySchema = z.strictObject({
  persona: z.string().min(1),
  description: z.string().optional(),
  /** Optional: where the trajectory came from (a generator such as `stopbench fixture personas`, a session). */
  source: z.string().min(1).optional(),
  tags: z.array(z.string().min(1)).optional(),
  turns: z.array(TrajectoryTurnSchema).min(1),
  expect: z.strictObject({ complete: z.array(z.boolean()).min(1) }).optional(),
});

export type Claim = z.infer<typeof ClaimSchema>;
export type TrajectoryTurn = z.infer<typeof TrajectoryTurnSchema>;
export type Trajectory = z.infer<typeof TrajectorySchema>;
