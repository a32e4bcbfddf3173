import type { z } from 'zod';
import { describeSchema, objectShape, schemaAt } from '../schemas/shape.js';

/** `contract.verify`, `checks[2].run`, or `(top level)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(top level)';
}

/** One schema problem: where (`contract.done[0]`) and what was expected there. */
export interface Problem {
  path: string;
  message: string;
}

/**
 * Every zod issue as a problem. With the schema that was checked, each one says the shape expected
 * at its path (`expected {id, text}, received a string`); `prefix` is put before every path (a
 * plugin's options are checked on their own but live at `judges[2]`).
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], schema?: z.ZodType, prefix: readonly PropertyKey[] = []): Problem[] {
  return issues.flatMap((issue) => describeIssue(issue, schema)).map((p) => ({ path: formatPath([...prefix, ...p.at]), message: p.message }));
}

/** One readable line for zod issues: every issue, with its field path and what was expected. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], schema?: z.ZodType, prefix: readonly PropertyKey[] = []): string {
  return formatProblems(describeIssues(issues, schema, prefix));
}

/** Problems as one readable line: `contract.goal: missing (expected a string); done[0]: ...`. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}

interface RawProblem {
  at: readonly PropertyKey[];
  message: string;
}

function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType | undefined): RawProblem[] {
  const at = issue.path;
  const expected = () => {
    const here = schema ? schemaAt(schema, at) : null;
    return here ? describeSchema(here) : undefined;
  };
  switch (issue.code) {
    case 'unrecognized_keys': {
      const shape = schema ? objectShape(schemaAt(schema, at) ?? schema) : null;
      const known = shape && Object.keys(shape).length > 0 ? ` (expected one of ${Object.keys(shape).join(', ')})` : '';
      return issue.keys.map((key) => ({ at: [...at, key], message: `unknown key${known}` }));
    }
    case 'invalid_type': {
      const shape = expected() ?? articled(issue.expected);
      const received = receivedKind(issue);
      if (received === undefined) return [{ at, message: `missing (expected ${shape})` }];
      return [{ at, message: `expected ${shape}, received ${received}` }];
    }
    case 'too_small':
    case 'too_big': {
      const shape = expected();
      if (!isGeneric(issue.message) || !shape) return [{ at, message: cleanMessage(issue.message) }];
      const received = 'input' in issue ? receivedValue(issue.input) : undefined;
      return [{ at, message: received ? `expected ${shape}, received ${received}` : `expected ${shape} (${cleanMessage(issue.message)})` }];
    }
    case 'invalid_value': {
      const shape = expected();
      if (!shape || !isGeneric(issue.message)) return [{ at, message: cleanMessage(issue.message) }];
      const received = 'input' in issue ? receivedValue(issue.input) : undefined;
      return [{ at, message: received ? `expected ${shape}, received ${received}` : `expected ${shape}` }];
    }
    case 'invalid_union': {
      // A union's own message says little; the branch whose problems got furthest says more.
      const deepest = issue.errors
        .map((branch) => branch.filter((sub) => sub.code !== 'invalid_union'))
        .sort((a, b) => deepestPath(b) - deepestPath(a))[0];
      const first = deepest?.[0];
      if (issue.message !== 'Invalid input' || !first) return [{ at, message: cleanMessage(issue.message) }];
      return describeIssue({ ...first, path: [...at, ...first.path] } as z.core.$ZodIssue, schema);
    }
    default:
      return [{ at, message: cleanMessage(issue.message) }];
  }
}

/** zod's own wording ("Too small: expected array to have >=1 items"), not a schema author's message. */
function isGeneric(message: string): boolean {
  return /^(?:Too small|Too big|Invalid input|Invalid option)\b/.test(message);
}

/** What kind of value was there, from the issue (`received a string`); undefined when it was missing. */
function receivedKind(issue: z.core.$ZodIssue): string | undefined {
  if ('input' in issue) return issue.input === undefined ? undefined : kindOf(issue.input);
  const named = /received (\w+)/.exec(issue.message)?.[1];
  if (named === 'undefined') return undefined;
  return named ? articled(named) : 'something else';
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  if (typeof value === 'boolean') return String(value);
  return articled(typeof value);
}

/** A value short enough to quote (`0`, `""`), or its kind. */
function receivedValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string' && value.length <= 40) return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  return kindOf(value);
}

/** zod's type names in words: `object` → `a map`, `array` → `a list`, `string` → `a string`. */
function articled(type: string): string {
  const words: Record<string, string> = { object: 'a map', array: 'a list', boolean: 'true or false', null: 'null', undefined: 'nothing', nan: 'NaN' };
  const word = words[type.toLowerCase()] ?? type;
  if (word !== type || word === 'null') return word;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function deepestPath(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(-1, ...issues.map((issue) => issue.path.length));
}

function cleanMessage(message: string): string {
  return message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
}
