import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { formatIssues } from './issues.js';

/** Reads a YAML file and checks it against a schema; any problem is one InputError line naming the file. */
export async function readYamlFile<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'unknown error'})`}`);
  }
  return parseYamlText(text, file, schema);
}

export function parseYamlText<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [first] = doc.errors;
  if (first) {
    const where = first.linePos?.[0];
    const at = where ? `line ${where.line}, column ${where.col}: ` : '';
    throw new InputError(`${file}: ${at}invalid YAML (${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')})`);
  }
  return checkValue(doc.toJS(), file, schema);
}

/** Checks an already parsed value (JSON or YAML) against a schema. */
export function checkValue<S extends z.ZodType>(value: unknown, file: string, schema: S): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InputError(`${file}: ${formatIssues(parsed.error.issues)}`);
  return parsed.data;
}
