import { z } from 'zod';

const CHECK_KINDS = ['run', 'scope', 'unchanged', 'absent'] as const;

/**
 * One hidden check (SPEC section 2). Parsed as one strict object so errors name the exact field,
 * then turned into a tagged union on `kind`.
 */
export const OracleCheckSchema = z
  .strictObject({
    id: z.string().min(1),
    /** Runs in a disposable copy with oracle/files laid over it. */
    run: z.string().min(1).optional(),
    /** Least number of passed tests when the output is a recognised test report. Default 1. */
    minTests: z.number().int().nonnegative().optional(),
    /** Every changed path is allowed by the contract's scope and none is denied. */
    scope: z.literal('contract').optional(),
    /** Paths under these globs are byte-identical to the starting state. */
    unchanged: z.array(z.string().min(1)).min(1).optional(),
    /** No file under `paths` matches the regular expression (m flag). */
    absent: z
      .strictObject({
        pattern: z.string().min(1).refine(isRegExp, 'a valid JavaScript regular expression'),
        paths: z.array(z.string().min(1)).min(1),
      })
      .optional(),
  })
  .refine((check) => CHECK_KINDS.filter((kind) => check[kind] !== undefined).length === 1, {
    message: `exactly one check kind of ${CHECK_KINDS.join(', ')}`,
  })
  .refine((check) => check.minTests === undefined || check.run !== undefined, {
    message: 'minTests goes with run',
    path: ['minTests'],
  })
  .transform((check): OracleCheck => {
    if (check.run !== undefined) return { kind: 'run', id: check.id, run: check.run, minTests: check.minTests };
    if (check.scope) return { kind: 'scope', id: check.id };
    if (check.unchanged) return { kind: 'unchanged', id: check.id, globs: check.unchanged };
    const absent = check.absent ?? { pattern: '', paths: [] };
    return { kind: 'absent', id: check.id, pattern: absent.pattern, paths: absent.paths };
  });

export const OracleSchema = z.strictObject({
  checks: z.array(OracleCheckSchema).min(1),
}).refine((oracle) => new Set(oracle.checks.map((c) => c.id)).size === oracle.checks.length, {
  message: 'check ids must be unique',
  path: ['checks'],
});

/** A parsed oracle check. */
export type OracleCheck =
  | { kind: 'run'; id: string; run: string; minTests: number | undefined }
  | { kind: 'scope'; id: string }
  | { kind: 'unchanged'; id: string; globs: string[] }
  | { kind: 'absent'; id: string; pattern: string; paths: string[] };

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'm');
    return true;
  } catch {
    return false;
  }
}

export type RunCheck = Extract<OracleCheck, { kind: 'run' }>;
export type OracleSpec = z.infer<typeof OracleSchema>;
