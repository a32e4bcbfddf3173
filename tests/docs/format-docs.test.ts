import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldTableNames, formatTables, renderDocs, rewriteFieldTables, UNDESCRIBED } from '../../src/docs/format-docs.js';
import { schemaFields } from '../../src/docs/format-fields.js';
import { checkTaskValue } from '../../src/load/task-file.js';
import { formatIssues } from '../../src/load/issues.js';
import { JudgeInputSchema, VerdictSchema } from '../../src/schemas/judging.js';
import { OracleSchema } from '../../src/schemas/oracle.js';
import { SuiteSchema } from '../../src/schemas/suite.js';
import { TaskSchema } from '../../src/schemas/task.js';
import { TrajectorySchema } from '../../src/schemas/trajectory.js';

/**
 * Issue 19 point 6: docs/ documents every file format, and cannot drift from the zod schemas: each
 * field table is what the schemas give, every field is described, and every example loads.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

describe('docs/', () => {
  it('has field tables that equal what the schemas give (run `npm run docs` when this fails)', async () => {
    for (const doc of await renderDocs(ROOT)) expect(doc.text, path.relative(ROOT, doc.file)).toBe(doc.rendered);
  });

  it('describes every field of every format, each once', async () => {
    const docs = await renderDocs(ROOT);
    const names = docs.flatMap((doc) => fieldTableNames(doc.text));
    const tables = formatTables([]);
    expect(names.sort()).toEqual(Object.keys(tables).sort());
    const undescribed = docs.flatMap((doc) => doc.text.split('\n').filter((line) => line.startsWith('| `') && (line.includes(UNDESCRIBED) || / \|\s*\|$/.test(line))));
    expect(undescribed).toEqual([]);
  });

  it('shows examples that load with the schemas they illustrate', async () => {
    const examples = await readExamples();
    const check = (name: string, schema: z.ZodType) => {
      const parsed = schema.safeParse(examples.get(name));
      expect(parsed.success ? 'ok' : formatIssues(parsed.error.issues, schema), name).toBe('ok');
    };
    check('oracle', OracleSchema);
    check('trajectory', TrajectorySchema);
    check('suite', SuiteSchema);
    check('judge-input', JudgeInputSchema);
    check('verdict', VerdictSchema);
    expect(checkTaskValue(examples.get('task'), 'task.yaml', { fixture: true }).problems).toEqual([]);
    const bare = checkTaskValue(examples.get('contract-file'), 'contract.yaml');
    expect([bare.form, bare.problems]).toEqual(['contract', []]);
  });

  it('has a complete task.yaml: the example sets every field the schema has', async () => {
    const task = (await readExamples()).get('task');
    const missing = schemaFields(TaskSchema).map((row) => row.field).filter((field) => !hasPath(task, field.split('.')));
    expect(missing).toEqual([]);
  });

  it('is what the README links to, not a file outside the repository', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/\.\.\/shared/);
    expect(readme).toMatch(/\]\(docs\/README\.md\)/);
    const writing = readme.slice(readme.indexOf('## Writing a fixture'), readme.indexOf('\n## ', readme.indexOf('## Writing a fixture') + 1));
    expect(writing).toMatch(/\]\(docs\/fixtures\.md#taskyaml-complete-and-annotated\)/);
    // Every link into docs/ names a page there and, with an anchor, one of its headings.
    for (const [, page, anchor] of readme.matchAll(/\]\(docs\/([\w.-]+\.md)(?:#([\w-]+))?\)/g)) {
      const text = await readFile(path.join(ROOT, 'docs', page!), 'utf8');
      if (anchor) expect([...text.matchAll(/^#+ (.+)$/gm)].map((h) => slug(h[1]!)), `${page}#${anchor}`).toContain(anchor);
    }
  });
});

describe('the field tables', () => {
  const schema = z.strictObject({ id: z.string().min(1), limits: z.strictObject({ turns: z.number().int().positive().default(5) }).optional() });
  const table = (rows: string[]) => ['<!-- fields:t -->', '| field | type | meaning |', '| --- | --- | --- |', ...rows, '<!-- /fields:t -->'].join('\n');

  it('add a new field, drop a removed one, retype a changed one, and keep every meaning', () => {
    const stale = table(['| `id` | a number | the id |', '| `gone` | a string | removed |', '| `limits` | x | per-episode limits |']);
    expect(rewriteFieldTables(stale, { t: schemaFields(schema) })).toBe(table([
      '| `id` | a non-empty string | the id |',
      '| `limits` | {turns?}; optional | per-episode limits |',
      `| \`limits.turns\` | a positive whole number; default 5 | ${UNDESCRIBED} |`,
    ]));
  });

  it('refuse a block naming no format', () => {
    expect(() => rewriteFieldTables(table([]), {}, 'docs/x.md')).toThrow(/docs\/x\.md: fields block "t" names no format/);
  });
});

/** GitHub's anchor of a heading: lowercase, punctuation dropped, spaces as dashes. */
function slug(heading: string): string {
  return heading.toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/\s/g, '-');
}

/** The parsed code block after each `<!-- example:NAME -->` of docs/*.md. */
async function readExamples(): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const doc of await renderDocs(ROOT)) {
    for (const match of doc.text.matchAll(/<!-- example:([a-z-]+) -->\n```(yaml|json)\n([\s\S]*?)\n```/g)) {
      out.set(match[1]!, match[2] === 'json' ? JSON.parse(match[3]!) : parse(match[3]!));
    }
  }
  return out;
}

/** `contract.done[].id` is set in the value (in some element of each list on the way). */
function hasPath(value: unknown, parts: string[]): boolean {
  if (parts.length === 0) return value !== undefined;
  const [head, ...rest] = parts;
  const list = head!.endsWith('[]');
  const key = list ? head!.slice(0, -2) : head!;
  if (value === null || typeof value !== 'object' || !(key in value)) return false;
  const child = (value as Record<string, unknown>)[key];
  if (!list) return hasPath(child, rest);
  return Array.isArray(child) && child.some((element) => hasPath(element, rest));
}
