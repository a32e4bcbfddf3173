import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { ContractFileSchema, LimitsSchema, TaskSchema, type Task } from '../schemas/task.js';
import { describeIssues, formatProblems, type Problem } from './issues.js';
import { parseYamlText } from './yaml.js';

/**
 * The one loader of goal contracts: fixtures, `judge`, `hook claude-code`, `preflight` and reports all
 * read task.yaml through here, against one schema, so a file one command accepts no other refuses.
 */
export interface TaskFileCheck {
  /** `task`: a task.yaml (it has `contract:`); `contract`: a file holding only the contract. */
  form: 'task' | 'contract';
  /** The contract part as written, before checking (what preflight reads the parts of). */
  rawContract: unknown;
  /** The checked task, or null when there are problems. */
  task: Task | null;
  /** Every schema problem, with the path in the file and the shape expected there. */
  problems: Problem[];
}

export interface TaskFileOptions {
  /** A fixture's task.yaml: the task form only (id, title, contract, ...), never a bare contract. */
  fixture?: boolean;
}

/** Reads and checks a contract file; only an unreadable file or broken YAML throws. */
export async function checkTaskFile(file: string, options: TaskFileOptions = {}): Promise<TaskFileCheck> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: ${error.code === 'ENOENT' ? 'file not found' : `cannot read (${error.code ?? 'unknown error'})`}`);
  });
  return checkTaskValue(parseYamlText(text, file, z.unknown()), file, options);
}

/** Checks an already parsed contract file (see checkTaskFile). */
export function checkTaskValue(value: unknown, file: string, options: TaskFileOptions = {}): TaskFileCheck {
  const isTask = options.fixture || (value !== null && typeof value === 'object' && 'contract' in value);
  if (isTask) {
    const parsed = TaskSchema.safeParse(value, { reportInput: true });
    const rawContract = value !== null && typeof value === 'object' ? (value as { contract?: unknown }).contract : undefined;
    return parsed.success
      ? { form: 'task', rawContract, task: parsed.data, problems: [] }
      : { form: 'task', rawContract, task: null, problems: describeIssues(parsed.error.issues, TaskSchema) };
  }
  const parsed = ContractFileSchema.safeParse(value ?? {}, { reportInput: true });
  if (!parsed.success) return { form: 'contract', rawContract: value, task: null, problems: describeIssues(parsed.error.issues, ContractFileSchema) };
  const { limits, ...contract } = parsed.data;
  const id = path.basename(file).replace(/\.(ya?ml|json)$/i, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-') || 'repo';
  return { form: 'contract', rawContract: value, task: { id, title: id, tags: [], solvable: true, contract, limits: limits ?? LimitsSchema.parse({}) }, problems: [] };
}

/**
 * Reads a goal contract: a fixture's task.yaml, or a file that holds only the contract (with an
 * optional `limits:`), whose id is then the file name. Every problem is in the one InputError line.
 */
export async function readTaskFile(file: string, options: TaskFileOptions = {}): Promise<Task> {
  const checked = await checkTaskFile(file, options);
  if (checked.task) return checked.task;
  throw new InputError(`${file}: ${formatProblems(checked.problems)}`);
}
