import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeSchema, schemaAt } from '../../src/schemas/shape.js';
import { TaskSchema } from '../../src/schemas/task.js';
import { TrajectorySchema } from '../../src/schemas/trajectory.js';

/** What error messages and docs/ say a field accepts, read from the schema itself. */
describe('describeSchema', () => {
  it.each([
    ['a string', z.string()],
    ['a non-empty string', z.string().min(1)],
    ['a non-negative whole number', z.number().int().nonnegative()],
    ['a number or null', z.number().nullable()],
    ['a positive whole number', z.number().int().positive().default(5)],
    ['true or false', z.boolean().optional()],
    ['"contract"', z.literal('contract')],
    ['one of done, blocked', z.enum(['done', 'blocked'])],
    ['a non-empty list of strings', z.array(z.string()).min(1)],
    ['a list of {id, note?}', z.array(z.strictObject({ id: z.string(), note: z.string().optional() }))],
    ['a map of names to numbers', z.record(z.string(), z.number())],
    ['a string or a number', z.union([z.string(), z.number()])],
  ] as const)('%s', (text, schema) => expect(describeSchema(schema)).toBe(text));

  it('finds the schema at a path through lists, defaults and transforms', () => {
    expect(describeSchema(schemaAt(TaskSchema, ['contract', 'done', 0])!)).toBe('{id, text}');
    expect(describeSchema(schemaAt(TaskSchema, ['limits', 'turns'])!)).toBe('a positive whole number');
    expect(describeSchema(schemaAt(TrajectorySchema, ['turns', 0, 'steps', 2, 'edit', 'old'])!)).toBe('a non-empty string');
    expect(schemaAt(TaskSchema, ['contract', 'nowhere'])).toBeNull();
  });
});
