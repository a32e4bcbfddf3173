import { z } from 'zod';
import { ContractSchema } from './task.js';
import { ClaimSchema } from './trajectory.js';

/** Tokens and dollars of one or more model calls. `costUsd: null` means the price is unknown. */
export const UsageSchema = z.strictObject({
  inputTokens: z.number().nonnegative(),
  outputTokens: z.number().nonnegative(),
  costUsd: z.number().nonnegative().nullable(),
  /** Some call behind this usage was answered from the on-disk cache: no request, tokens counted at $0. */
  cached: z.boolean().optional(),
});

export const RunEntrySchema = z.strictObject({
  turn: z.number().int().positive(),
  kind: z.literal('run'),
  command: z.string(),
  exitCode: z.number().int().nullable(),
  /** stdout and stderr interleaved as they arrived. */
  output: z.string(),
  /** The two streams apart, present only when the command wrote to stderr (Claude Code's transcript keeps them apart). */
  stdout: z.string().optional(),
  stderr: z.string().optional(),
  timedOut: z.boolean().optional(),
  durationMs: z.number().nonnegative().optional(),
});
export const EditEntrySchema = z.strictObject({
  turn: z.number().int().positive(), kind: z.literal('edit'), path: z.string(),
  old: z.string().optional(), new: z.string().optional(),
});
export const WriteEntrySchema = z.strictObject({
  turn: z.number().int().positive(), kind: z.literal('write'), path: z.string(), content: z.string().optional(),
});
export const DeleteEntrySchema = z.strictObject({
  turn: z.number().int().positive(), kind: z.literal('delete'), path: z.string(),
});
export const SayEntrySchema = z.strictObject({
  turn: z.number().int().positive(), kind: z.literal('say'), text: z.string(),
});

/** What the agent did, in order: SPEC section 4 `transcript`. */
export const TranscriptEntrySchema = z.discriminatedUnion('kind', [
  RunEntrySchema, EditEntrySchema, WriteEntrySchema, DeleteEntrySchema, SayEntrySchema,
]);

export const FileStatusSchema = z.enum(['added', 'modified', 'deleted']);
export const ChangedFileSchema = z.strictObject({ path: z.string(), status: FileStatusSchema });
export const DiffSchema = z.strictObject({
  files: z.array(ChangedFileSchema),
  patch: z.string(),
});

/** What every judge is given at a stop attempt (SPEC section 4). */
export const JudgeInputSchema = z.strictObject({
  fixture: z.string(),
  turn: z.number().int().positive(),
  contract: ContractSchema,
  claim: ClaimSchema,
  report: z.string(),
  transcript: z.array(TranscriptEntrySchema),
  diff: DiffSchema,
  workspace: z.string(),
});

export const DecisionSchema = z.enum(['done', 'continue', 'blocked']);

export const CriterionVerdictSchema = z.strictObject({
  id: z.string(),
  met: z.boolean(),
  evidence: z.string().optional(),
  /**
   * Set when the judge could not decide this criterion, which then does not count toward the decision
   * (`met` is false): `unknown` for a done criterion no check covers, `skipped` for a check that had
   * nothing to read (no transcript). Absent: `met` is the judgement.
   */
  status: z.enum(['unknown', 'skipped']).optional(),
});

/** A judge's answer at a stop attempt (SPEC section 4). */
export const VerdictSchema = z.strictObject({
  decision: DecisionSchema,
  feedback: z.string().optional(),
  criteria: z.array(CriterionVerdictSchema).optional(),
  usage: UsageSchema.optional(),
});

export type Usage = z.infer<typeof UsageSchema>;
export type RunEntry = z.infer<typeof RunEntrySchema>;
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;
export type FileStatus = z.infer<typeof FileStatusSchema>;
export type ChangedFile = z.infer<typeof ChangedFileSchema>;
export type Diff = z.infer<typeof DiffSchema>;
export type JudgeInput = z.infer<typeof JudgeInputSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
export type Verdict = z.infer<typeof VerdictSchema>;
export type CriterionVerdict = z.infer<typeof CriterionVerdictSchema>;
