import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { formatIssues } from './issues.js';

/**
 * Largest YAML text read (characters). The project's own files are a few KiB; a 50 MB file takes the
 * parser 15 s, so anything past this is refused rather than parsed.
 */
export const MAX_YAML_CHARS = 8 * 1024 * 1024;

/**
 * Most aliases a document may expand (the parser's default, stated here so it cannot drift): a
 * "billion laughs" document of nested aliases is refused instead of filling memory.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * YAML the parser refuses on purpose: resource limits (alias bombs, nesting that overflows the stack,
 * size), duplicate keys, aliases without an anchor. Bad input everywhere, `validate` included: such a
 * file is refused, not reported as one more fixture that fails.
 */
export class YamlRefusedError extends InputError {}

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

/** The one place YAML text becomes a value: every YAML file stopbench reads comes through here. */
export function parseYamlText<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
  if (text.length > MAX_YAML_CHARS) {
    throw new YamlRefusedError(`${file}: refused YAML: ${text.length} characters, more than the ${MAX_YAML_CHARS} allowed`);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [first] = doc.errors;
  if (first) {
    const where = first.linePos?.[0];
    const at = where ? `line ${where.line}, column ${where.col}: ` : '';
    const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    // Where the stack ran out depends on the machine, not on the file: no position for that one.
    if (first.code === 'RESOURCE_EXHAUSTION') throw new YamlRefusedError(`${file}: refused YAML (${message})`);
    if (first.code === 'DUPLICATE_KEY') throw new YamlRefusedError(`${file}: ${at}refused YAML (${message})`);
    throw new InputError(`${file}: ${at}invalid YAML (${message})`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The parser checks aliases only while building the value: an alias bomb or an alias to no anchor.
    const message = error instanceof Error ? error.message : String(error);
    throw new YamlRefusedError(`${file}: refused YAML (${message})`);
  }
  return checkValue(value, file, schema);
}

/** Checks an already parsed value (JSON or YAML) against a schema. */
export function checkValue<S extends z.ZodType>(value: unknown, file: string, schema: S): z.infer<S> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new InputError(`${file}: ${formatIssues(parsed.error.issues, schema)}`);
  return parsed.data;
}
