import { z } from 'zod';
import { ClaimSchema } from './trajectory.js';
import { CriterionVerdictSchema, DecisionSchema, UsageSchema } from './judging.js';

export const OUTCOMES = ['correct-done', 'false-done', 'correct-blocked', 'false-blocked', 'exhausted', 'error'] as const;
export const OutcomeSchema = z.enum(OUTCOMES);
export const StatusSchema = z.enum(['done', 'blocked', 'exhausted', 'error']);
export const LabelSchema = z.enum(['complete', 'incomplete']);

/**
 * What a `run` check ran and printed, kept when it fails so a report can say which hidden test a stop
 * missed: the failing test names the output reports (empty when none is recognised) and its last
 * 40 lines / 4 KB.
 */
export const RunEvidenceSchema = z.strictObject({
  command: z.string(),
  /** null when the command was killed (a signal or its time limit). */
  exitCode: z.number().int().nullable(),
  failedTests: z.array(z.string()),
  outputTail: z.string(),
});

/** One oracle check's result at a checkpoint. */
export const CheckResultSchema = z.strictObject({
  id: z.string(),
  passed: z.boolean(),
  detail: z.string(),
  run: RunEvidenceSchema.optional(),
});

/** A failed oracle check as results.jsonl keeps it: its id (as in `failedChecks`), what it found and, for `run` checks, the evidence. */
export const OracleFailureSchema = z.strictObject({
  id: z.string(),
  detail: z.string(),
  run: RunEvidenceSchema.optional(),
});

/** One stop attempt: what the agent claimed, what the judge said, what the oracle knew. */
export const CheckpointSchema = z.strictObject({
  turn: z.number().int().positive(),
  claim: ClaimSchema,
  report: z.string(),
  /** Absent when the judge failed at this checkpoint. */
  decision: DecisionSchema.optional(),
  feedback: z.string().optional(),
  criteria: z.array(CriterionVerdictSchema).optional(),
  label: LabelSchema,
  failedChecks: z.array(z.string()),
  /** The failed checks' details, in `failedChecks` order. Optional: results written before it was kept still load. */
  oracleFailures: z.array(OracleFailureSchema).optional(),
  usage: UsageSchema.optional(),
  judgeMs: z.number().nonnegative(),
  error: z.string().optional(),
});

export const CostSchema = z.strictObject({
  judgeInputTokens: z.number().nonnegative(),
  judgeOutputTokens: z.number().nonnegative(),
  /** null when some judge call had no known price. */
  judgeUsd: z.number().nonnegative().nullable(),
  agentInputTokens: z.number().nonnegative(),
  agentOutputTokens: z.number().nonnegative(),
  agentUsd: z.number().nonnegative().nullable(),
  judgeMs: z.number().nonnegative(),
  wallMs: z.number().nonnegative(),
  turns: z.number().int().nonnegative(),
});

/** One line of results.jsonl: a finished episode. */
export const EpisodeResultSchema = z.strictObject({
  key: z.string(),
  configHash: z.string(),
  suite: z.string(),
  agent: z.string(),
  judge: z.string(),
  fixture: z.string(),
  /** The replayed trajectory's name, or null for live agents. */
  trajectory: z.string().nullable(),
  persona: z.string().nullable(),
  repeat: z.number().int().nonnegative(),
  tags: z.array(z.string()),
  solvable: z.boolean(),
  status: StatusSchema,
  outcome: OutcomeSchema,
  /** Label of the state the episode stopped in (the last checkpoint's). */
  finalLabel: LabelSchema.nullable(),
  /** Some turn end of the trajectory is complete (replay), or the fixture is solvable (live). */
  reachable: z.boolean(),
  /** A complete state was reachable at a turn after the one the episode stopped at. */
  reachableLater: z.boolean(),
  checkpoints: z.array(CheckpointSchema),
  cost: CostSchema,
  error: z.string().optional(),
  startedAt: z.string(),
});

export type Outcome = z.infer<typeof OutcomeSchema>;
export type Status = z.infer<typeof StatusSchema>;
export type Label = z.infer<typeof LabelSchema>;
export type CheckResult = z.infer<typeof CheckResultSchema>;
export type RunEvidence = z.infer<typeof RunEvidenceSchema>;
export type OracleFailure = z.infer<typeof OracleFailureSchema>;
export type Checkpoint = z.infer<typeof CheckpointSchema>;
export type Cost = z.infer<typeof CostSchema>;
export type EpisodeResult = z.infer<typeof EpisodeResultSchema>;
